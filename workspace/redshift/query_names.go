package redshift

import "github.com/jig-sql/jig/workspace/sqlscan"

// keepName gives the construct toks[first..last] Redshift's default output
// column name (date_add, listagg, median, ...) when it is a whole item of a
// SELECT list without an alias. A rewrite, or a jig function standing in
// for Redshift's, would otherwise change the name Postgres derives, and with
// it the column a fixture's rows name.
func (r *queryRewriter) keepName(first, last int, name string) {
	if last >= len(r.toks) || !r.selectItemStart(first) || !r.selectItemEnd(last) {
		return
	}
	at := r.toks[last].End()
	r.edits = append(r.edits, qedit{start: at, end: at, pre: " AS " + name, first: true})
}

// selectItemStart reports whether toks[i] starts an item of a SELECT list.
func (r *queryRewriter) selectItemStart(i int) bool {
	p := r.tok(i - 1)
	switch {
	case p.IsKeyword("select"):
		return true
	case p.IsKeyword("distinct") || p.IsKeyword("all"):
		return r.tok(i - 2).IsKeyword("select")
	case p.Kind == sqlscan.Number:
		return r.tok(i-2).IsKeyword("top") && r.tok(i-3).IsKeyword("select")
	case p.IsSymbol(","):
		return r.listClause(i-1) == "select"
	}
	return false
}

// listClauses are the keywords that start a comma-separated list.
var listClauses = map[string]bool{
	"select": true, "from": true, "where": true, "by": true, "having": true, "limit": true,
	"on": true, "set": true, "values": true, "returning": true, "window": true, "using": true, "into": true,
}

// listClause names the keyword starting the list that the comma toks[i]
// separates, looking back at the comma's own parenthesis level.
func (r *queryRewriter) listClause(i int) string {
	for j := i - 1; j >= 0 && j < len(r.toks); j-- {
		if t := r.toks[j]; r.parent[j] == r.parent[i] && t.Kind == sqlscan.Ident && listClauses[t.Name()] {
			return t.Name()
		}
	}
	return ""
}

// selectItemEnd reports whether toks[i] ends an item of a SELECT list that
// has no alias.
func (r *queryRewriter) selectItemEnd(i int) bool {
	if i+1 >= len(r.toks) {
		return true
	}
	n := r.toks[i+1]
	if n.IsSymbol(",") || n.IsSymbol(")") || n.IsSymbol(";") {
		return true
	}
	for _, k := range []string{"from", "into", "union", "intersect", "except", "order", "limit", "where", "group", "having", "window"} {
		if n.IsKeyword(k) {
			return true
		}
	}
	return false
}

// overEnd returns the index of the last token of the OVER clause after
// toks[closing], or -1 when none follows or it names a window (OVER w).
func (r *queryRewriter) overEnd(closing int) int {
	if !r.windowAfter(closing) || !r.tok(closing+2).IsSymbol("(") {
		return -1
	}
	end := sqlscan.MatchingParenOrLast(r.toks, closing+2)
	if !r.toks[end].IsSymbol(")") {
		return -1
	}
	return end
}
