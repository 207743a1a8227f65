package redshift

import (
	"strings"

	"github.com/jig-sql/jig/workspace/diag"
	"github.com/jig-sql/jig/workspace/sqlscan"
)

// skipStatement blanks a statement of a schema file that moves data or
// rights rather than defining tables, which jig has no use for locally:
// COPY ... FROM 's3://...' (or DynamoDB, EMR), UNLOAD,
// GRANT and REVOKE. Each gives one warning at its first token instead of
// the error Postgres would report. It reports whether st was one of them.
func (t *translator) skipStatement(st []sqlscan.Token) bool {
	first := st[0]
	var msg, hint string
	switch {
	case first.IsKeyword("copy"):
		from := copySource(st)
		if from == "" {
			return false
		}
		msg = "COPY from " + from + " is skipped: jig loads no data from outside the test"
		hint = "give the table's rows in a fixture's given: (or a seed), not in the schema"
	case first.IsKeyword("unload"):
		msg, hint = "UNLOAD is skipped: jig writes no files", "unload in the pipeline that runs on Redshift, not in the schema"
	case first.IsKeyword("grant") || first.IsKeyword("revoke"):
		msg = strings.ToUpper(first.Text) + " is skipped: jig runs every test as one user in a private schema"
		hint = "nothing to do; keep it for Redshift"
	default:
		return false
	}
	used := t.used
	t.blankToks(first, st[len(st)-1])
	if !first.IsKeyword("copy") && !first.IsKeyword("unload") {
		t.used = used // GRANT is Postgres too: not a sign of Redshift DDL
	}
	line, col := diag.LineCol(t.src, first.Offset)
	t.warnings.Add(t.file, line, col, hint, "%s", msg)
	return true
}

// copySource returns the quoted location of COPY ... FROM 's3://...' (or
// Redshift's other remote sources, DynamoDB and EMR), or "" for any other
// COPY: FROM STDIN, or a server file, which Postgres refuses to a
// workspace as it should.
func copySource(st []sqlscan.Token) string {
	for i := 1; i+1 < len(st); i++ {
		v, ok := st[i+1].Value()
		v = strings.ToLower(v)
		remote := strings.HasPrefix(v, "s3://") || strings.HasPrefix(v, "dynamodb://") || strings.HasPrefix(v, "emr://")
		if st[i].IsKeyword("from") && st[i+1].Kind == sqlscan.String && ok && remote {
			s := st[i+1].Text
			if len(s) > 60 {
				s = s[:57] + "..."
			}
			return s
		}
	}
	return ""
}

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
