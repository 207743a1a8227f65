package explain

import "github.com/jig-sql/jig/workspace/sqlscan"

// sqlTok is a token of a query's text: a word (folded to lower case), a
// quoted identifier (unquoted) or any other significant token as written.
type sqlTok struct {
	text   string
	quoted bool
	depth  int // parenthesis depth
}

// lexQuery reads sql with the shared scanner, leaving out comments and
// string literals (E'...' and dollar quotes included).
func lexQuery(sql string) []sqlTok {
	toks := sqlscan.ScanSignificant(sql)
	depths := sqlscan.Depths(toks)
	out := make([]sqlTok, 0, len(toks))
	for i, t := range toks {
		switch t.Kind {
		case sqlscan.String:
		case sqlscan.Ident, sqlscan.QuotedIdent:
			out = append(out, sqlTok{text: t.Name(), quoted: t.Kind == sqlscan.QuotedIdent, depth: depths[i]})
		default:
			out = append(out, sqlTok{text: t.Text, depth: depths[i]})
		}
	}
	return out
}

// starTargets returns the tables (or aliases) each SELECT * or x.* of the
// query reads: for x.*, x; for a bare *, every table in the FROM clause of
// the same SELECT.
func starTargets(sql string) []string {
	toks := lexQuery(sql)
	var out []string
	for i, t := range toks {
		if t.text != "*" || t.quoted || i == 0 {
			continue
		}
		switch prev := toks[i-1]; {
		case prev.text == "." && !prev.quoted && i >= 2:
			out = append(out, toks[i-2].text)
		case !prev.quoted && (prev.text == "select" || prev.text == "distinct" || prev.text == "all" || prev.text == ","):
			out = append(out, fromTables(toks[i+1:], t.depth)...)
		}
	}
	return out
}

var fromEnd = map[string]bool{"where": true, "group": true, "order": true, "limit": true, "having": true,
	"union": true, "except": true, "intersect": true, "window": true, "offset": true, "fetch": true, "for": true, ";": true}

// fromTables reads the FROM clause that follows at depth: the name after
// FROM, JOIN or a comma, the last part when schema-qualified.
func fromTables(toks []sqlTok, depth int) []string {
	var out []string
	inFrom, expect := false, false
	for i, t := range toks {
		if t.depth < depth || t.depth == depth && !t.quoted && fromEnd[t.text] {
			break
		}
		if t.depth != depth {
			continue
		}
		switch {
		case !t.quoted && t.text == "from":
			inFrom, expect = true, true
		case !inFrom:
		case !t.quoted && (t.text == "join" || t.text == ","):
			expect = true
		case !t.quoted && (t.text == "lateral" || t.text == "only"):
		case expect && (t.quoted || t.text != "("):
			name := t.text
			for j := i + 1; j+1 < len(toks) && toks[j].text == "." && !toks[j].quoted; j += 2 {
				name = toks[j+1].text
			}
			out = append(out, name)
			expect = false
		default:
			expect = false
		}
	}
	return out
}
