package redshift

import (
	"slices"
	"strings"

	"github.com/jig-sql/jig/workspace/diag"
	"github.com/jig-sql/jig/workspace/sqlscan"
)

// tableDesign collects the Redshift physical design of one CREATE TABLE
// while its clauses are blanked, then checks it against the columns.
type tableDesign struct {
	columns    []string // folded names, in order; nil with unknown (LIKE)
	likeOther  bool
	distStyle  *sqlscan.Token // the DISTSTYLE value
	distKeys   []sqlscan.Token
	sortKeys   []sqlscan.Token
	sortStyle  string
	colSort    bool // a column-level SORTKEY was seen
	tableSort  bool // a table-level SORTKEY was seen
	sortClause sqlscan.Token
}

var tableConstraintWords = []string{"constraint", "primary", "unique", "foreign", "check", "exclude", "like"}

// createTable handles CREATE [LOCAL] [TEMP] TABLE [IF NOT EXISTS] name ...
func (t *translator) createTable(st []sqlscan.Token) {
	i := 1
	for i < len(st) && (st[i].IsKeyword("local") || st[i].IsKeyword("global") || st[i].IsKeyword("temp") || st[i].IsKeyword("temporary") || st[i].IsKeyword("unlogged")) {
		i++
	}
	if i >= len(st) || !st[i].IsKeyword("table") {
		return
	}
	i++
	if i+2 < len(st) && st[i].IsKeyword("if") && st[i+1].IsKeyword("not") && st[i+2].IsKeyword("exists") {
		i += 3
	}
	var parts []string
	for i < len(st) && (st[i].Kind == sqlscan.Ident || st[i].Kind == sqlscan.QuotedIdent) {
		parts = append(parts, st[i].Name())
		i++
		if i < len(st) && st[i].IsSymbol(".") {
			i++
			continue
		}
		break
	}
	if len(parts) == 0 {
		return
	}
	d := &tableDesign{}
	if i < len(st) && st[i].IsSymbol("(") {
		end := sqlscan.MatchingParenOrLast(st, i)
		for _, el := range splitTop(inside(st, i, end)) {
			t.element(d, el)
		}
		i = end + 1
	} else {
		d.likeOther = true // CREATE TABLE ... AS: columns come from the query
	}
	t.tableOptions(d, st[min(i, len(st)):])
	t.tables[strings.Join(parts, ".")] = t.design(d)
	if !d.likeOther {
		t.columns[strings.Join(parts, ".")] = d.columns
	}
}

// inside returns the tokens strictly between st[open] and st[close]; an
// unclosed parenthesis at the end has nothing inside.
func inside(st []sqlscan.Token, open, close int) []sqlscan.Token {
	if close <= open+1 {
		return nil
	}
	return st[open+1 : close]
}

// splitTop splits tokens at commas outside parentheses.
func splitTop(toks []sqlscan.Token) [][]sqlscan.Token {
	var out [][]sqlscan.Token
	depth, start := 0, 0
	for j, tk := range toks {
		switch {
		case tk.IsSymbol("(") || tk.IsSymbol("["):
			depth++
		case tk.IsSymbol(")") || tk.IsSymbol("]"):
			depth--
		case tk.IsSymbol(",") && depth == 0:
			out = append(out, toks[start:j])
			start = j + 1
		}
	}
	if start < len(toks) {
		out = append(out, toks[start:])
	}
	return out
}

// element handles one entry of the column list: a column or a constraint.
func (t *translator) element(d *tableDesign, el []sqlscan.Token) {
	if len(el) == 0 {
		return
	}
	for _, w := range tableConstraintWords {
		if el[0].IsKeyword(w) {
			d.likeOther = d.likeOther || w == "like"
			return
		}
	}
	if el[0].Kind != sqlscan.Ident && el[0].Kind != sqlscan.QuotedIdent {
		return
	}
	d.columns = append(d.columns, el[0].Name())
	i := t.columnType(el, 1)
	t.columnOptions(d, el, i)
}

// columnType translates the type starting at el[i] and returns the index of
// the first sqlscan.Token after it.
func (t *translator) columnType(el []sqlscan.Token, i int) int {
	if i >= len(el) || el[i].Kind != sqlscan.Ident {
		return i
	}
	tk := el[i]
	next := sqlscan.Token{Kind: sqlscan.Space}
	if i+1 < len(el) {
		next = el[i+1]
	}
	switch w := strings.ToLower(tk.Text); w {
	case "geometry", "geography", "hllsketch":
		t.errAt(tk.Offset, "leave the column out of the local schema, or declare it as text or bytea",
			"Redshift type %s has no Postgres equivalent", strings.ToUpper(w))
	case "super":
		t.replace(tk.Offset, tk.End(), "jsonb")
	case "nchar":
		t.replace(tk.Offset, tk.End(), "char")
	case "varbyte", "varbinary":
		t.replace(tk.Offset, tk.End(), "bytea")
		if next.IsSymbol("(") && !(i+2 < len(el) && el[i+2].IsKeyword("max")) {
			end := sqlscan.MatchingParenOrLast(el, i+1)
			t.blankToks(next, el[end])
			return end + 1
		}
	case "bpchar":
		if t.redshift && !next.IsSymbol("(") {
			t.replace(tk.Offset, tk.End(), "char(256)") // Redshift's BPCHAR is CHAR(256)
		}
	}
	return i + 1
}

// columnOptions blanks Redshift column attributes and rewrites IDENTITY.
func (t *translator) columnOptions(d *tableDesign, el []sqlscan.Token, i int) {
	for ; i < len(el); i++ {
		tk := el[i]
		switch {
		case tk.IsSymbol("("):
			i = sqlscan.MatchingParenOrLast(el, i)
		case tk.IsKeyword("distkey"):
			d.distKeys = append(d.distKeys, el[0])
			t.blankToks(tk, tk)
		case tk.IsKeyword("sortkey"):
			if d.colSort {
				t.errAt(tk.Offset, "list the columns in a table-level SORTKEY (a, b) instead", "only one column can be marked SORTKEY")
			}
			d.colSort, d.sortClause = true, tk
			d.sortKeys = append(d.sortKeys, el[0])
			t.blankToks(tk, tk)
		case tk.IsKeyword("encode"):
			if i+1 >= len(el) || el[i+1].Kind != sqlscan.Ident {
				// Left as written (the error stops the run anyway): blanking
				// ENCODE alone could join what follows to the type before it,
				// as in VARCHAR(MAX) ENCODE (MAX), and translating twice would differ.
				t.errAt(tk.Offset, "e.g. ENCODE zstd", "ENCODE needs a compression codec")
				continue
			}
			if codec := strings.ToLower(el[i+1].Text); !slices.Contains(encodings, codec) {
				t.errAt(el[i+1].Offset, diag.DidYouMean(codec, encodings),
					"ENCODE `%s` is not a Redshift compression encoding (%s)", el[i+1].Text, strings.Join(encodings, ", "))
			}
			t.blankToks(tk, el[i+1])
			i++
		case tk.IsKeyword("collate") && i+1 < len(el) && (el[i+1].IsKeyword("case_sensitive") || el[i+1].IsKeyword("case_insensitive")):
			t.blankToks(tk, el[i+1])
			i++
		case tk.IsKeyword("identity") && i+1 < len(el) && el[i+1].IsSymbol("(") && (i == 0 || !el[i-1].IsKeyword("as")):
			seed, step, end, ok := numberArgs(el, i+1)
			if !ok {
				t.errAt(el[i+1].Offset, "e.g. IDENTITY(1, 1)", "IDENTITY expects (seed, step) integers")
			} else {
				t.replace(tk.Offset, el[end].End(), "GENERATED BY DEFAULT AS IDENTITY "+identityClause(seed, step))
			}
			i = end
		case tk.IsKeyword("identity") && (i+1 >= len(el) || !el[i+1].IsSymbol("(")) && (i == 0 || !el[i-1].IsKeyword("as")):
			// A bare IDENTITY counts from 1 by 1.
			t.replace(tk.Offset, tk.End(), "GENERATED BY DEFAULT AS IDENTITY")
		case tk.IsKeyword("identity") && i+1 < len(el) && el[i+1].IsSymbol("(") && el[i-1].IsKeyword("as"):
			// GENERATED ... AS IDENTITY(seed, step); Postgres's own
			// (START WITH ...) form is left alone.
			if seed, step, end, ok := numberArgs(el, i+1); ok {
				t.replace(el[i+1].Offset, el[end].End(), identityClause(seed, step))
				i = end
			}
		}
	}
}

// encodings are Redshift's column compression encodings, as ENCODE takes
// them; a misspelt one would fail on Redshift, so it fails here too.
var encodings = []string{"auto", "az64", "bytedict", "delta", "delta32k", "lzo", "mostly8", "mostly16",
	"mostly32", "raw", "runlength", "text255", "text32k", "zstd"}
