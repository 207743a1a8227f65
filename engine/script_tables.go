package engine

import (
	"github.com/jig-sql/jig/workspace"
	"github.com/jig-sql/jig/workspace/sqlscan"
)

// scriptTables answers QueryTables for a script, which the planner cannot
// EXPLAIN (several statements, DDL): the schema's tables the script names,
// in the order it first names them. ok is false for a query, which the
// planner answers.
func (r *Runner) scriptTables(sql string) (tables []string, ok bool) {
	q, err := workspace.ParseQuery("script.sql", sql)
	if err != nil || !q.IsScript() {
		return nil, false
	}
	seen := map[string]bool{}
	toks := sqlscan.ScanSignificant(sql)
	for i, tk := range toks {
		if tk.Kind != sqlscan.Ident && tk.Kind != sqlscan.QuotedIdent {
			continue
		}
		if i+1 < len(toks) && (toks[i+1].IsSymbol("(") || toks[i+1].IsSymbol(".")) {
			continue // a function, or a schema or table qualifying what follows
		}
		if t := r.Suite.table(tk.Name()); t != nil && !seen[t.Name] {
			seen[t.Name] = true
			tables = append(tables, t.Name)
		}
	}
	return tables, true
}
