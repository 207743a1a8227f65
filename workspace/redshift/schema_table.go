package redshift

import (
	"strings"

	"github.com/jig-sql/jig/workspace/sqllex"
)

// tableDesign collects the Redshift physical design of one CREATE TABLE
// while its clauses are blanked, then checks it against the columns.
type tableDesign struct {
	columns    []string // folded names, in order; nil with unknown (LIKE)
	likeOther  bool
	distStyle  *sqllex.Token // the DISTSTYLE value
	distKeys   []sqllex.Token
	sortKeys   []sqllex.Token
	sortStyle  string
	colSort    bool // a column-level SORTKEY was seen
	tableSort  bool // a table-level SORTKEY was seen
	sortClause sqllex.Token
}

var tableConstraintWords = []string{"constraint", "primary", "unique", "foreign", "check", "exclude", "like"}

// createTable handles CREATE [LOCAL] [TEMP] TABLE [IF NOT EXISTS] name ...
func (t *translator) createTable(st []sqllex.Token) {
	i := 1
	for i < len(st) && (st[i].Is("local") || st[i].Is("global") || st[i].Is("temp") || st[i].Is("temporary") || st[i].Is("unlogged")) {
		i++
	}
	if i >= len(st) || !st[i].Is("table") {
		return
	}
	i++
	if i+2 < len(st) && st[i].Is("if") && st[i+1].Is("not") && st[i+2].Is("exists") {
		i += 3
	}
	var parts []string
	for i < len(st) && (st[i].Kind == sqllex.Ident || st[i].Kind == sqllex.Quoted) {
		parts = append(parts, sqllex.IdentName(st[i]))
		i++
		if i < len(st) && st[i].Punct(".") {
			i++
			continue
		}
		break
	}
	if len(parts) == 0 {
		return
	}
	d := &tableDesign{}
	if i < len(st) && st[i].Punct("(") {
		end := sqllex.MatchParen(st, i)
		for _, el := range splitTop(inside(st, i, end)) {
			t.element(d, el)
		}
		i = end + 1
	} else {
		d.likeOther = true // CREATE TABLE ... AS: columns come from the query
	}
	t.tableOptions(d, st[min(i, len(st)):])
	t.tables[strings.Join(parts, ".")] = t.design(d)
}

// inside returns the tokens strictly between st[open] and st[close]; an
// unclosed parenthesis at the end has nothing inside.
func inside(st []sqllex.Token, open, close int) []sqllex.Token {
	if close <= open+1 {
		return nil
	}
	return st[open+1 : close]
}

// splitTop splits tokens at commas outside parentheses.
func splitTop(toks []sqllex.Token) [][]sqllex.Token {
	var out [][]sqllex.Token
	depth, start := 0, 0
	for j, tk := range toks {
		switch {
		case tk.Punct("(") || tk.Punct("["):
			depth++
		case tk.Punct(")") || tk.Punct("]"):
			depth--
		case tk.Punct(",") && depth == 0:
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
func (t *translator) element(d *tableDesign, el []sqllex.Token) {
	if len(el) == 0 {
		return
	}
	for _, w := range tableConstraintWords {
		if el[0].Is(w) {
			d.likeOther = d.likeOther || w == "like"
			return
		}
	}
	if el[0].Kind != sqllex.Ident && el[0].Kind != sqllex.Quoted {
		return
	}
	d.columns = append(d.columns, sqllex.IdentName(el[0]))
	i := t.columnType(el, 1)
	t.columnOptions(d, el, i)
}

// columnType translates the type starting at el[i] and returns the index of
// the first token after it.
func (t *translator) columnType(el []sqllex.Token, i int) int {
	if i >= len(el) || el[i].Kind != sqllex.Ident {
		return i
	}
	tk := el[i]
	next := sqllex.Token{Kind: sqllex.Space}
	if i+1 < len(el) {
		next = el[i+1]
	}
	switch w := strings.ToLower(tk.Text); w {
	case "geometry", "geography", "hllsketch":
		t.errAt(tk.Start, "leave the column out of the local schema, or declare it as text or bytea",
			"Redshift type %s has no Postgres equivalent", strings.ToUpper(w))
	case "super":
		t.replace(tk.Start, tk.End, "jsonb")
	case "nchar":
		t.replace(tk.Start, tk.End, "char")
	case "varbyte", "varbinary":
		t.replace(tk.Start, tk.End, "bytea")
		if next.Punct("(") && !(i+2 < len(el) && el[i+2].Is("max")) {
			end := sqllex.MatchParen(el, i+1)
			t.blankToks(next, el[end])
			return end + 1
		}
	case "bpchar":
		if t.redshift && !next.Punct("(") {
			t.replace(tk.Start, tk.End, "char(256)") // Redshift's BPCHAR is CHAR(256)
		}
	}
	return i + 1
}

// columnOptions blanks Redshift column attributes and rewrites IDENTITY.
func (t *translator) columnOptions(d *tableDesign, el []sqllex.Token, i int) {
	for ; i < len(el); i++ {
		tk := el[i]
		switch {
		case tk.Punct("("):
			i = sqllex.MatchParen(el, i)
		case tk.Is("distkey"):
			d.distKeys = append(d.distKeys, el[0])
			t.blankToks(tk, tk)
		case tk.Is("sortkey"):
			if d.colSort {
				t.errAt(tk.Start, "list the columns in a table-level SORTKEY (a, b) instead", "only one column can be marked SORTKEY")
			}
			d.colSort, d.sortClause = true, tk
			d.sortKeys = append(d.sortKeys, el[0])
			t.blankToks(tk, tk)
		case tk.Is("encode"):
			if i+1 >= len(el) || el[i+1].Kind != sqllex.Ident {
				t.errAt(tk.Start, "e.g. ENCODE zstd", "ENCODE needs a compression codec")
				t.blankToks(tk, tk)
				continue
			}
			t.blankToks(tk, el[i+1])
			i++
		case tk.Is("collate") && i+1 < len(el) && (el[i+1].Is("case_sensitive") || el[i+1].Is("case_insensitive")):
			t.blankToks(tk, el[i+1])
			i++
		case tk.Is("identity") && i+1 < len(el) && el[i+1].Punct("(") && (i == 0 || !el[i-1].Is("as")):
			seed, step, end, ok := numberArgs(el, i+1)
			if !ok {
				t.errAt(el[i+1].Start, "e.g. IDENTITY(1, 1)", "IDENTITY expects (seed, step) integers")
			} else {
				t.replace(tk.Start, el[end].End, "GENERATED BY DEFAULT AS IDENTITY "+identityClause(seed, step))
			}
			i = end
		case tk.Is("identity") && i+1 < len(el) && el[i+1].Punct("(") && el[i-1].Is("as"):
			// GENERATED ... AS IDENTITY(seed, step); Postgres's own
			// (START WITH ...) form is left alone.
			if seed, step, end, ok := numberArgs(el, i+1); ok {
				t.replace(el[i+1].Start, el[end].End, identityClause(seed, step))
				i = end
			}
		}
	}
}
