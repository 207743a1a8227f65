package engine

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jig-sql/jig/workspace"
	"github.com/jig-sql/jig/workspace/diag"
)

// Queries that read queries. Every worker holds each SELECT query of the
// workspace as a view of the query's name, created in dependency order
// after the schema and seeds, so a query (run alone, in a fixture, as a
// check's target, in psql) reads the queries it names at any depth. A
// query read by another also gets a mock table, jig_mock_<name>, with the
// query's output columns and no rows: a fixture that gives rows for the
// query inserts them there, and its SQL reads the mock in the query's
// place (see chainSQL), as views bind their inputs when created.

// mockPrefix starts the name of a query's mock table.
const mockPrefix = "jig_mock_"

// chain is what the first worker learned about the workspace's queries;
// every later worker creates the same views without trying again.
type chain struct {
	mu     sync.Mutex
	known  bool
	views  []*workspace.Query // created, in dependency order
	broken map[string]error   // query name → why it is no view (an *SQLError, or not a SELECT)
}

// viewName is the name a query's view has: unquoted references fold to
// lower case, so that is where they look.
func viewName(q *workspace.Query) string { return strings.ToLower(q.Name) }

// mockName is the name of a query's mock table.
func mockName(query string) string { return mockPrefix + strings.ToLower(query) }

// createViews creates the queries' views and mock tables on a worker.
func (r *Runner) createViews(ctx context.Context, w *worker, ws *workspace.Workspace) error {
	if r.chain == nil {
		r.chain = &chain{}
	}
	c := r.chain
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.known {
		c.learn(ctx, w.conn, w.names, ws, true)
		c.known = true
		return nil
	}
	var b strings.Builder
	for _, q := range c.views {
		sql, _, _ := viewSQL(ws, q, w.names, true)
		b.WriteString(sql + ";\n")
	}
	return Exec(ctx, w.conn, b.String(), Where{})
}

// learn tries each query as a view, in dependency order, keeping why
// those that fail are no views; mocks adds their mock tables. n maps the
// queries' schema names for a worker (nil: sent as written, jig serve).
func (c *chain) learn(ctx context.Context, conn *pgx.Conn, n *sentNames, ws *workspace.Workspace, mocks bool) {
	c.broken = map[string]error{}
	for _, q := range ws.Ordered {
		sql, where, err := viewSQL(ws, q, n, mocks)
		if err == nil && sql == "" {
			err = fmt.Errorf("%s is not a SELECT query", q.Path)
		}
		if err == nil {
			err = Exec(ctx, conn, sql, where)
		}
		if err != nil {
			c.broken[q.Name] = err
			continue
		}
		c.views = append(c.views, q)
	}
}

// viewSQL creates q's view, its body mapped by n, and, with mocks when
// another query reads q, its mock table; "" when q is not a query a view
// can hold.
func viewSQL(ws *workspace.Workspace, q *workspace.Query, n *sentNames, mocks bool) (string, Where, error) {
	if !cursorable(q.SQL) {
		return "", Where{}, nil
	}
	body, where, err := pieceSQL(q, ws.Config.Dialect == workspace.DialectRedshift)
	if err == nil {
		body, where, err = n.mapSQL(body, where, false)
	}
	if err != nil {
		return "", Where{}, err
	}
	prefix := "CREATE VIEW " + workspace.QuoteIdent(viewName(q)) + " AS\n"
	where.SQL, where.Offset = body, len([]rune(prefix))
	sql := prefix + body
	if mocks && len(ws.Feeds(q.Name)) > 0 {
		sql += ";\nCREATE TABLE " + workspace.QuoteIdent(mockName(q.Name)) + " AS SELECT * FROM " +
			workspace.QuoteIdent(viewName(q)) + " WITH NO DATA"
	}
	return sql, where, nil
}

// brokenUpstream is the error of the first query q reads through a view
// (at any depth, in dependency order) that is no view, or nil. inlined
// queries are read from the statement itself, not a view.
func (s *Suite) brokenUpstream(q *workspace.Query, inlined map[string]bool) error {
	if s.chain == nil {
		return nil
	}
	for _, u := range s.WS.Upstream(q.Name) {
		if inlined[u.Name] {
			continue
		}
		if err, ok := s.chain.broken[u.Name]; ok {
			return s.blame(q, u, err)
		}
	}
	return nil
}

// blame says why q cannot read u: u's own error at its place, or, when u
// is not a SELECT, an error where a query reads it.
func (s *Suite) blame(q, u *workspace.Query, err error) error {
	switch err.(type) {
	case *SQLError, diag.Errors:
		return err
	}
	if !cursorable(u.SQL) {
		return notSelect(s.WS, q, u)
	}
	return fmt.Errorf("%s reads query %s, which cannot run: %w", q.Path, u.Name, err)
}

// notSelect is the error for q reading u (directly or through the queries
// between them) when u is not a SELECT: at the place u is read.
func notSelect(ws *workspace.Workspace, q, u *workspace.Query) error {
	for _, reader := range append(ws.Upstream(q.Name), q) {
		for _, ref := range reader.Reads {
			if ref.Name == u.Name {
				return &diag.PosError{File: reader.Path, Line: ref.Line, Col: ref.Col,
					Msg:  fmt.Sprintf("%s reads query %s, which is not a SELECT: only a SELECT (or VALUES, TABLE, WITH) query can be read", reader.Name, u.Name),
					Hint: "read the table " + u.Name + " changes instead, or make " + u.Path + " a SELECT"}
			}
		}
	}
	return fmt.Errorf("%s reads query %s, which is not a SELECT", q.Path, u.Name)
}

// CreateQueryViews creates each SELECT query of the workspace as a view
// of its name in the connection's current schema, in dependency order, as
// every worker has them (jig serve, for psql). It returns why each query
// that is no view is not one: its error at its place, or that it is not a
// SELECT (and so is left out).
func CreateQueryViews(ctx context.Context, conn *pgx.Conn, ws *workspace.Workspace) map[string]error {
	c := &chain{}
	c.learn(ctx, conn, nil, ws, false)
	return c.broken
}

// mockedQuery is the query whose mock table is named table, or nil.
func mockedQuery(ws *workspace.Workspace, table string) *workspace.Query {
	name, ok := strings.CutPrefix(table, mockPrefix)
	if !ok {
		return nil
	}
	for _, q := range ws.Queries {
		if viewName(q) == name && len(ws.Feeds(q.Name)) > 0 {
			return q
		}
	}
	return nil
}

// statementSQL is q's statement as it runs on a worker with mocks given
// (chainSQL), or the error of a query it reads that is no view.
func (s *Suite) statementSQL(q *workspace.Query, mocks map[string]bool) (string, Where, error) {
	in := inlining{mocks: mocks, rewrite: s.WS.Config.Dialect == workspace.DialectRedshift}
	sql, w, inlined, err := chainSQL(s.WS, q, in)
	if err == nil {
		err = s.brokenUpstream(q, inlined)
	}
	return sql, w, err
}

// mockedIn is the set of queries fixture f gives rows for.
func (s *Suite) mockedIn(f *workspace.Fixture) map[string]bool {
	var out map[string]bool
	for _, g := range f.Given {
		if q := s.mockFor(g.Table); q != "" {
			if out == nil {
				out = map[string]bool{}
			}
			out[q] = true
		}
	}
	return out
}

// Mock is the table a fixture's rows for the query name go into: the
// query's output columns and types, named jig_mock_<name>; nil when no
// other query reads it (nothing could read the rows) or it is no view. The
// workbench offers these as inputs to mock, beside the tables.
func (s *Suite) Mock(name string) *workspace.Table {
	if q := s.mockFor(name); q != "" {
		return s.mocks[q]
	}
	return nil
}

// mockFor is the query a given name mocks ("" when none): a query that
// another query reads and that is not a table.
func (s *Suite) mockFor(name string) string {
	if s.table(name) != nil {
		return ""
	}
	for q := range s.mocks {
		if q == name || strings.EqualFold(q, name) && strings.ToLower(name) == name {
			return q
		}
	}
	return ""
}
