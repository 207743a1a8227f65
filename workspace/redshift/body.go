package redshift

import (
	"strings"

	"github.com/jig-sql/jig/workspace/sqlscan"
)

// maxLengthsInBody finds VARCHAR(MAX) (and the other character types'
// (MAX)) in the body of a procedure or function, the dollar-quoted string
// tok, and returns the byte ranges of each "(MAX)" in the source, for the
// caller to blank: PL/pgSQL rejects MAX as a length, and a Redshift
// procedure declares `v VARCHAR(MAX)` as often as a table does. CHAR(MAX)
// is left alone (blanking it would leave CHAR(1)).
func maxLengthsInBody(tok sqlscan.Token) [][2]int {
	if tok.Kind != sqlscan.String || !strings.HasPrefix(tok.Text, "$") {
		return nil
	}
	tag := tok.Text[:strings.Index(tok.Text[1:], "$")+2]
	if len(tok.Text) < 2*len(tag) || !strings.HasSuffix(tok.Text, tag) {
		return nil
	}
	base := tok.Offset + len(tag)
	body := tok.Text[len(tag) : len(tok.Text)-len(tag)]
	toks := sqlscan.ScanSignificant(body)
	var out [][2]int
	for i := 1; i+2 < len(toks); i++ {
		if toks[i].IsSymbol("(") && toks[i+1].IsKeyword("max") && toks[i+2].IsSymbol(")") &&
			isCharType(toks[i-1]) && !isFixedChar(toks[i-1]) && !(i+3 < len(toks) && toks[i+3].IsSymbol("(")) {
			out = append(out, [2]int{base + toks[i].Offset, base + toks[i+2].End()})
		}
	}
	return out
}

// isRoutine reports whether st creates a procedure or function, whose
// dollar-quoted body is code.
func isRoutine(st []sqlscan.Token) bool {
	if len(st) < 3 || !st[0].IsKeyword("create") {
		return false
	}
	for _, tk := range st[1:] {
		switch {
		case tk.IsKeyword("procedure") || tk.IsKeyword("function"):
			return true
		case tk.IsKeyword("table") || tk.IsKeyword("view") || tk.IsSymbol("("):
			return false
		}
	}
	return false
}
