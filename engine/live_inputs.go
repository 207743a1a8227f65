package engine

import (
	"context"
	"fmt"
)

// Input is a name a query reads itself: a table of the schema, or, with
// Query set, another query, which a fixture may mock.
type Input struct {
	Name  string
	Query bool
}

// QueryInputs are what the query name reads itself, in plan order: its
// tables and the queries it reads, not the tables under those. The planner
// reads the query with each query it reads replaced by its mock table, so
// a name a CTE shadows, or one in a string or a comment, is no input, and
// a table under a view is not the query's own. The workbench shows these
// as the query's input tables; an error is the run's (the query's own, or
// a broken upstream query's), placed in its file.
func (r *Runner) QueryInputs(ctx context.Context, name string) ([]Input, error) {
	s := r.Suite
	q := s.WS.Query(name)
	if q == nil {
		return nil, fmt.Errorf("no query %s in %s/", name, s.WS.Config.Queries)
	}
	if q.IsScript() { // the planner cannot EXPLAIN a script
		var out []Input
		for _, t := range r.scriptTablesOf(q.SQL) {
			out = append(out, Input{Name: UserName(t)})
		}
		return out, nil
	}
	mocks := map[string]bool{}
	for _, in := range s.WS.Inputs(q.Name) {
		if s.Mock(in) != nil {
			mocks[in] = true
		}
	}
	sql, where, err := s.statementSQL(q, mocks)
	if err != nil {
		return nil, err
	}
	rels, err := r.planRelations(ctx, sql, where)
	if err != nil {
		return nil, err
	}
	var out []Input
	for _, rel := range rels {
		if t := s.table(rel); t != nil {
			out = append(out, Input{Name: UserName(t)})
		} else if mq := mockedQuery(s.WS, rel); mq != nil {
			out = append(out, Input{Name: mq.Name, Query: true})
		}
	}
	return out, nil
}
