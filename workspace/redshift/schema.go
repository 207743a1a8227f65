package redshift

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/jig-sql/jig/workspace/diag"
	"github.com/jig-sql/jig/workspace/sqlscan"
)

// translator rewrites Redshift DDL into Postgres DDL by editing byte ranges of
// the source. Redshift-only clauses are blanked with spaces (offsets stay the
// same, so positions map back for free); the few rewrites that change length
// are kept so TranslatedSchema.SourcePos can undo them.
type translator struct {
	file, src string
	redshift  bool // dialect: redshift — also apply Redshift's type semantics
	edits     []edit
	errs      diag.Errors
	warnings  diag.Errors
	tables    map[string]Distribution
	columns   map[string][]string
	used      bool // a Redshift-only clause was seen
}

// edit replaces src[start:end] with text.
type edit struct {
	start, end int
	text       string
}

// TranslateSchema translates one schema file for Postgres. path names the
// file in errors. Redshift-only clauses are always translated (Postgres would
// reject them anyway); redshift additionally applies Redshift's meaning to
// types Postgres reads differently (BPCHAR is CHAR(256)). The returned
// TranslatedSchema is usable even when the error (a diag.Errors) is not nil.
//
// With redshift each statement then gets the query rewrites (NVL, DATEADD's
// part, LISTAGG, ...) as a script's would: the one Redshift translation.
func TranslateSchema(path, src string, redshift bool) (*TranslatedSchema, error) {
	f, err := translateSchema(path, src, redshift, true)
	if redshift {
		err = f.rewriteQueries(path, err)
	}
	return f, err
}

// translateSchema is TranslateSchema; skip says whether COPY from S3,
// UNLOAD and GRANT are blanked with a warning (a schema file) or kept for
// the caller to show in their place (a script, see TranslateScript).
func translateSchema(path, src string, redshift, skip bool) (*TranslatedSchema, error) {
	t := &translator{file: path, src: src, redshift: redshift, tables: map[string]Distribution{}, columns: map[string][]string{}}
	toks := sqlscan.ScanSignificant(src)
	t.globalRewrites(toks)
	for _, st := range sqlscan.SplitStatements(toks) {
		switch {
		case skip && t.skipStatement(st):
		case isRoutine(st):
			for _, tk := range st {
				for _, r := range maxLengthsInBody(tk) {
					t.blank(r[0], r[1]) // VARCHAR(MAX) in a procedure body
				}
			}
		case len(st) > 1 && st[0].IsKeyword("create"):
			t.createTable(st)
		}
	}
	t.warnings.Sort()
	f := &TranslatedSchema{Source: src, Tables: t.tables, Columns: t.columns, Redshift: t.used, Warnings: t.warnings}
	f.SQL, f.edits = applyEdits(src, t.edits)
	return f, t.errs.Err()
}

func (t *translator) blank(start, end int) {
	b := []byte(t.src[start:end])
	for i, c := range b {
		if c != '\n' && c != '\r' {
			b[i] = ' '
		}
	}
	t.edits = append(t.edits, edit{start, end, string(b)})
	t.used = true
}

// blankToks blanks from the first sqlscan.Token through the last.
func (t *translator) blankToks(first, last sqlscan.Token) { t.blank(first.Offset, last.End()) }

// replace substitutes text, padding with spaces when it is shorter so that
// offsets are preserved whenever possible.
func (t *translator) replace(start, end int, text string) {
	if n := end - start - len(text); n > 0 {
		text += strings.Repeat(" ", n)
	}
	t.edits = append(t.edits, edit{start, end, text})
	t.used = true
}

func (t *translator) errAt(off int, hint, format string, args ...any) {
	line, col := diag.LineCol(t.src, off)
	t.errs.Add(t.file, line, col, hint, format, args...)
}

// globalRewrites handles what is Redshift-only wherever it appears:
// GETDATE(), SYSDATE, NVARCHAR and the (MAX) length.
func (t *translator) globalRewrites(toks []sqlscan.Token) {
	at := func(i int) sqlscan.Token {
		if i >= 0 && i < len(toks) {
			return toks[i]
		}
		return sqlscan.Token{Kind: sqlscan.Space}
	}
	for i, tk := range toks {
		switch {
		case tk.IsKeyword("getdate") && at(i+1).IsSymbol("(") && at(i+2).IsSymbol(")") && !at(i-1).IsSymbol("."):
			// GETDATE() is the statement's start without fractional seconds.
			t.replace(tk.Offset, at(i+2).End(), "localtimestamp(0)")
		case tk.IsKeyword("sysdate") && !at(i+1).IsSymbol("(") && !at(i-1).IsSymbol("."):
			// SYSDATE is the transaction's start, as a timestamp without zone.
			t.replace(tk.Offset, tk.End(), "localtimestamp")
		case tk.IsKeyword("nvarchar") && !at(i-1).IsSymbol("."):
			t.replace(tk.Offset, tk.End(), "varchar")
		case tk.IsSymbol("(") && at(i+1).IsKeyword("max") && at(i+2).IsSymbol(")") && isCharType(at(i-1)):
			if at(i + 3).IsSymbol("(") {
				// VARCHAR(MAX)(…): left as written, so a second translation
				// cannot read the blanked type and the next group as one.
				t.errAt(at(i+3).Offset, "write one length: "+strings.ToUpper(at(i-1).Text)+"(MAX)",
					"%s(MAX) takes no second length", strings.ToUpper(at(i-1).Text))
				continue
			}
			if isFixedChar(at(i - 1)) {
				// CHAR(MAX) is Redshift's widest fixed CHAR, 4096 bytes;
				// blanking it would leave a bare CHAR, which is CHAR(1)
				// in Postgres (and CHAR(256) on a second translation).
				t.replace(tk.Offset, at(i+2).End(), "(4096)")
			} else {
				t.blankToks(tk, at(i+2)) // VARCHAR(MAX): unlimited in Postgres
			}
		}
	}
}

func isCharType(tk sqlscan.Token) bool {
	for _, w := range []string{"varchar", "nvarchar", "varying", "character", "char", "nchar", "bpchar", "text", "varbyte", "varbinary"} {
		if tk.IsKeyword(w) {
			return true
		}
	}
	return false
}

// isFixedChar reports whether tk names a fixed-length character type (its
// (MAX) is a length, not "unlimited").
func isFixedChar(tk sqlscan.Token) bool {
	return tk.IsKeyword("char") || tk.IsKeyword("nchar") || tk.IsKeyword("bpchar") || tk.IsKeyword("character")
}

// applyEdits applies non-overlapping edits in order and returns the result
// with the edits that changed length (for mapping positions back).
func applyEdits(src string, edits []edit) (string, []edit) {
	sortEdits(edits)
	var b strings.Builder
	var moved []edit
	pos := 0
	for _, e := range edits {
		if e.start < pos || e.end > len(src) || e.start > e.end {
			continue // overlapping edits cannot happen by construction; never panic
		}
		b.WriteString(src[pos:e.start])
		b.WriteString(e.text)
		pos = e.end
		if len(e.text) != e.end-e.start {
			moved = append(moved, e)
		}
	}
	b.WriteString(src[pos:])
	return b.String(), moved
}

func sortEdits(edits []edit) {
	for i := 1; i < len(edits); i++ { // insertion sort: edits arrive almost sorted
		for j := i; j > 0 && edits[j].start < edits[j-1].start; j-- {
			edits[j], edits[j-1] = edits[j-1], edits[j]
		}
	}
}

// numberArgs reads "( a , b )" of signed integers starting at toks[i] == "(",
// returning the two values and the index of ")".
func numberArgs(toks []sqlscan.Token, i int) (a, b string, close int, ok bool) {
	var parts []string
	cur := ""
	for j := i + 1; j < len(toks); j++ {
		switch tk := toks[j]; {
		case tk.IsSymbol(")"):
			parts = append(parts, cur)
			if len(parts) != 2 || !isSignedInt(parts[0]) || !isSignedInt(parts[1]) {
				return "", "", j, false
			}
			return parts[0], parts[1], j, true
		case tk.IsSymbol(","):
			parts, cur = append(parts, cur), ""
		case tk.Kind == sqlscan.Number || tk.IsSymbol("-") || tk.IsSymbol("+"):
			cur += tk.Text
		default:
			return "", "", j, false
		}
	}
	return "", "", len(toks) - 1, false
}

func isSignedInt(s string) bool {
	s = strings.TrimLeft(s, "+-")
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// identityClause is the Postgres spelling of Redshift's IDENTITY(seed, step).
// A Postgres sequence counting up starts at 1 at the lowest (one counting
// down at -1 at the highest) unless told otherwise, so IDENTITY(0, 1) needs
// MINVALUE 0.
func identityClause(seed, step string) string {
	bound := ""
	s, _ := strconv.ParseInt(seed, 10, 64)
	switch st, _ := strconv.ParseInt(step, 10, 64); {
	case st > 0 && s < 1:
		bound = " MINVALUE " + seed
	case st < 0 && s > -1:
		bound = " MAXVALUE " + seed
	}
	return fmt.Sprintf("(START WITH %s INCREMENT BY %s%s)", seed, step, bound)
}
