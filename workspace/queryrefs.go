package workspace

import (
	"github.com/jig-sql/jig/workspace/sqlscan"
)

// QueryRef is a place where a query reads another query by its name.
type QueryRef struct {
	Name   string // the query read, folded as Postgres folds names
	Offset int    // byte offset of the name in the reading query's SQL
	Line   int    // 1-based, in the reading query's file
	Col    int    // 1-based, in characters
}

// ScanQueryRefs finds where sql reads a relation named in names (folded
// names, e.g. the workspace's queries): a bare identifier standing as a
// relation in a FROM list, after JOIN or after USING, in the statement, its
// subqueries and CTE bodies. A qualified name (s.x), a function call
// (x(...)), a column and a name the statement defines itself as a CTE are
// not references. A CTE shadows the name everywhere in the statement (jig
// does not model CTE scope).
func ScanQueryRefs(sql string, names map[string]bool) []QueryRef {
	toks := sqlscan.ScanSignificant(sql)
	ctes := cteNames(toks)
	for name := range createdNames(toks) {
		ctes[name] = true // a script's own table shadows a query of that name
	}
	var refs []QueryRef
	for _, i := range relationStarts(toks) {
		t := toks[i]
		if t.Kind != sqlscan.Ident && t.Kind != sqlscan.QuotedIdent {
			continue
		}
		if i+1 < len(toks) && (toks[i+1].IsSymbol(".") || toks[i+1].IsSymbol("(")) {
			continue // qualified, or a function in FROM
		}
		name := t.Name()
		if names[name] && !ctes[name] {
			refs = append(refs, QueryRef{Name: name, Offset: t.Offset, Line: t.Line, Col: t.Col})
		}
	}
	return refs
}

// relationStarts lists the indexes of tokens that start a relation: the
// first token after FROM, JOIN or USING, and after each comma of a FROM
// list, skipping ONLY and LATERAL. FROM inside a function's parentheses
// (extract(year FROM d), substring(s FROM 2)) starts nothing.
func relationStarts(toks []sqlscan.Token) []int {
	var starts []int
	// query[d] says whether the parenthesis at depth d holds a query (or
	// is the statement itself); fromAt[d] whether a FROM list is open there.
	query, fromAt := []bool{true}, []bool{false}
	next := func(i int) {
		for i < len(toks) && (toks[i].IsKeyword("only") || toks[i].IsKeyword("lateral")) {
			i++
		}
		if i < len(toks) {
			starts = append(starts, i)
		}
	}
	for i, t := range toks {
		d := len(query) - 1
		switch {
		case t.IsSymbol("(") || t.IsSymbol("["):
			join := i > 0 && opensJoin(toks[i-1], fromAt[d])
			q := join || i+1 < len(toks) && startsQuery(toks[i+1])
			query, fromAt = append(query, q), append(fromAt, join)
			if join {
				next(i + 1)
			}
		case t.IsSymbol(")") || t.IsSymbol("]"):
			if d > 0 {
				query, fromAt = query[:d], fromAt[:d]
			}
		case !query[d]:
		case t.IsKeyword("from"):
			fromAt[d] = true
			next(i + 1)
		case t.IsKeyword("join") || t.IsKeyword("using"):
			next(i + 1)
		case t.IsSymbol(",") && fromAt[d]:
			next(i + 1)
		case t.Kind == sqlscan.Ident && endsFrom[t.Name()]:
			fromAt[d] = false
		}
	}
	return starts
}

// endsFrom are the words that close a FROM list at its depth.
var endsFrom = map[string]bool{"where": true, "group": true, "having": true, "window": true, "order": true,
	"limit": true, "offset": true, "fetch": true, "for": true, "union": true, "intersect": true,
	"except": true, "on": true, "returning": true, "select": true, "set": true, "values": true, "when": true}

// startsQuery reports whether a token opening a parenthesis's contents
// makes it a subquery.
func startsQuery(t sqlscan.Token) bool {
	return t.IsKeyword("select") || t.IsKeyword("with") || t.IsKeyword("values") || t.IsKeyword("table") || t.IsSymbol("(")
}

// opensJoin reports whether a parenthesis after prev holds relations (a
// parenthesized join: FROM (a JOIN b ON ...)).
func opensJoin(prev sqlscan.Token, inFrom bool) bool {
	return prev.IsKeyword("from") || prev.IsKeyword("join") || prev.IsKeyword("lateral") || inFrom && prev.IsSymbol(",")
}

// cteNames collects the names every WITH of the statement defines.
// createdNames are the unqualified tables and views a script creates
// (CREATE [TEMP] TABLE [IF NOT EXISTS] x, CREATE [OR REPLACE] VIEW x) or
// renames to (ALTER TABLE ... RENAME TO x): what it reads under those
// names afterwards is its own relation, not a query of the workspace.
func createdNames(toks []sqlscan.Token) map[string]bool {
	names := map[string]bool{}
	at := func(i int) sqlscan.Token {
		if i < len(toks) {
			return toks[i]
		}
		return sqlscan.Token{}
	}
	add := func(i int) {
		if t := at(i); (t.Kind == sqlscan.Ident || t.Kind == sqlscan.QuotedIdent) && !at(i+1).IsSymbol(".") {
			names[t.Name()] = true
		}
	}
	for i, t := range toks {
		switch {
		case t.IsKeyword("create"):
			j := i + 1
			for j < i+5 && !at(j).IsKeyword("table") && !at(j).IsKeyword("view") {
				j++ // OR REPLACE, TEMP, TEMPORARY, UNLOGGED, LOCAL, MATERIALIZED
			}
			if j == i+5 {
				continue
			}
			j++
			if at(j).IsKeyword("if") && at(j+1).IsKeyword("not") && at(j+2).IsKeyword("exists") {
				j += 3
			}
			add(j)
		case t.IsKeyword("rename") && at(i+1).IsKeyword("to"):
			add(i + 2)
		}
	}
	return names
}

func cteNames(toks []sqlscan.Token) map[string]bool {
	names := map[string]bool{}
	for i, t := range toks {
		if !t.IsKeyword("with") {
			continue
		}
		j := i + 1
		if j < len(toks) && toks[j].IsKeyword("recursive") {
			j++
		}
		for j < len(toks) {
			name, body := cteAt(toks, j)
			if body < 0 {
				break
			}
			names[name] = true
			end := sqlscan.MatchingParen(toks, body)
			if end < 0 || end+1 >= len(toks) || !toks[end+1].IsSymbol(",") {
				break
			}
			j = end + 2
		}
	}
	return names
}

// cteAt reads `name [(cols)] AS [NOT] [MATERIALIZED] (` at toks[j]: the
// folded name and the index of the body's parenthesis, or -1.
func cteAt(toks []sqlscan.Token, j int) (string, int) {
	if j >= len(toks) || (toks[j].Kind != sqlscan.Ident && toks[j].Kind != sqlscan.QuotedIdent) {
		return "", -1
	}
	name := toks[j].Name()
	k := j + 1
	if k < len(toks) && toks[k].IsSymbol("(") {
		if k = sqlscan.MatchingParen(toks, k); k < 0 {
			return "", -1
		}
		k++
	}
	if k >= len(toks) || !toks[k].IsKeyword("as") {
		return "", -1
	}
	for k++; k < len(toks) && (toks[k].IsKeyword("not") || toks[k].IsKeyword("materialized")); k++ {
	}
	if k >= len(toks) || !toks[k].IsSymbol("(") {
		return "", -1
	}
	return name, k
}
