package engine

import (
	"github.com/jig-sql/jig/workspace"
	"github.com/jig-sql/jig/workspace/sqlscan"
)

// scriptTables answers QueryTables for a script, which the planner cannot
// EXPLAIN (several statements, DDL), as fixtures name the tables (events,
// atomic.events). ok is false for a query, which the planner answers.
func (r *Runner) scriptTables(sql string) (names []string, ok bool) {
	q, err := workspace.ParseQuery("script.sql", sql)
	if err != nil || !q.IsScript() {
		return nil, false
	}
	for _, t := range r.scriptTablesOf(sql) {
		names = append(names, UserName(t))
	}
	return names, true
}

// scriptTablesOf are the schema's tables a script names, bare or
// qualified (atomic.events), in the order it first names them.
func (r *Runner) scriptTablesOf(sql string) []*workspace.Table {
	var tables []*workspace.Table
	seen := map[*workspace.Table]bool{}
	toks := sqlscan.ScanSignificant(sql)
	isName := func(i int) bool {
		return i < len(toks) && (toks[i].Kind == sqlscan.Ident || toks[i].Kind == sqlscan.QuotedIdent)
	}
	for i := 0; i < len(toks); i++ {
		if !isName(i) || i > 0 && toks[i-1].IsSymbol(".") {
			continue // not a name, or a column or table a name qualifies
		}
		name := toks[i].Text
		if i+2 < len(toks) && toks[i+1].IsSymbol(".") && isName(i+2) {
			name += "." + toks[i+2].Text // schema.table
		}
		if i+1 < len(toks) && toks[i+1].IsSymbol("(") {
			continue // a function
		}
		if t := r.Suite.table(name); t != nil && !seen[t] {
			seen[t] = true
			tables = append(tables, t)
		}
	}
	return tables
}
