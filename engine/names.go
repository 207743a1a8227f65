package engine

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jig-sql/jig/workspace"
	"github.com/jig-sql/jig/workspace/diag"
	"github.com/jig-sql/jig/workspace/sqlmap"
)

// A workspace's schemas (CREATE SCHEMA atomic in schema/) never exist under
// their own names on a worker: each worker has a private schema per user
// schema, and every SQL text jig sends on it goes through its sqlmap.Mapper
// (see package sqlmap). jig's own statements (inserts, expect.table's
// SELECT) are written with the sent names directly; user SQL (schema files,
// queries, setup:, checks) is rewritten once per worker and text, then
// served from the worker's cache.

// DeclaredSchemas are the schemas the workspace's schema files declare.
func DeclaredSchemas(ws *workspace.Workspace) []*sqlmap.Schema {
	paths := make([]string, len(ws.Schema))
	sqls := make([]string, len(ws.Schema))
	for i, f := range ws.Schema {
		paths[i], sqls[i] = f.Path, f.SQL
	}
	return sqlmap.Declared(paths, sqls)
}

// sentNames maps one worker's SQL, caching each rewritten text: a fixture
// sends the same query and check texts every time.
type sentNames struct {
	m     *sqlmap.Mapper
	cache map[string]*sqlmap.Rewritten
}

// maxCached bounds a worker's cache; past it the cache starts over.
const maxCached = 4096

func newNames(m *sqlmap.Mapper) *sentNames {
	return &sentNames{m: m, cache: map[string]*sqlmap.Rewritten{}}
}

// rewrite maps sql (ddl: a schema file) through the cache.
func (n *sentNames) rewrite(sql string, ddl bool) (*sqlmap.Rewritten, error) {
	if !ddl {
		if r, ok := n.cache[sql]; ok {
			return r, nil
		}
	}
	r, err := n.m.Rewrite(sql, ddl)
	if err != nil || ddl {
		return r, err
	}
	if len(n.cache) >= maxCached {
		clear(n.cache)
	}
	n.cache[sql] = r
	return r, nil
}

// mapSQL maps a statement placed by w and returns it with its place: a
// Postgres error position in the sent text maps back through the rewrite
// and then through w's own mapping, and the sent schema names in the
// error's message are replaced by the user's. A statement jig refuses to
// map is a positioned error in w's file.
func (n *sentNames) mapSQL(sql string, w Where, ddl bool) (string, Where, error) {
	sent, w, _, err := n.mapRewrite(sql, w, ddl)
	return sent, w, err
}

// mapRewrite is mapSQL that also says whether the text sets the search_path.
func (n *sentNames) mapRewrite(sql string, w Where, ddl bool) (string, Where, bool, error) {
	if n == nil {
		return sql, w, false, nil
	}
	if w.SQL == "" {
		w.SQL = sql
	}
	r, err := n.rewrite(sql, ddl)
	if err != nil {
		return "", w, false, n.refusal(err, w)
	}
	w.Names = n.m.Unmap
	if r.SQL == sql {
		return sql, w, r.SearchPath, nil
	}
	inner, orig := w.Pos, w.SQL
	if w.Source == "" {
		w.Source = orig
	}
	w.Pos = func(off int) (int, int) {
		o := r.SourceOffset(off)
		if inner != nil {
			return inner(o)
		}
		return lineCol(orig, o)
	}
	w.SQL = r.SQL
	if back := w.Back; back != nil {
		w.Back = func(off int) int { return back(r.SourceOffset(off)) }
	} else {
		w.Back = r.SourceOffset
	}
	return r.SQL, w, r.SearchPath, nil
}

// refusal places a sqlmap.Error in w's file.
func (n *sentNames) refusal(err error, w Where) error {
	e, ok := err.(*sqlmap.Error)
	if !ok {
		return err
	}
	line, col := lineCol(w.SQL, e.Offset)
	if w.Pos != nil {
		line, col = w.Pos(e.Offset)
	}
	return diag.Errors{&diag.PosError{File: w.File, Line: line, Col: col, Msg: e.Msg, Hint: e.Hint}}
}

// table is a table's name as sent on the worker: bare in the main schema
// (its search_path), qualified by the private schema otherwise.
func (n *sentNames) table(t *workspace.Table) string {
	if t.Schema == "" || n == nil {
		return workspace.QuoteIdent(sqlmap.Short(t.Name))
	}
	sent, ok := n.m.Sent(t.Schema)
	if !ok {
		panic(fmt.Sprintf("internal: table %s.%s in a schema the worker does not map", t.Schema, t.Name))
	}
	return workspace.QuoteIdent(sent) + "." + workspace.QuoteIdent(sqlmap.Short(t.Name))
}

// longColumns gives a result's columns the names the user wrote when the
// query's were shortened (see sqlmap.Short).
func (n *sentNames) longColumns(res *Result) {
	if res == nil || !n.m.Shortened() {
		return
	}
	for i := range res.Columns {
		res.Columns[i].Name = n.m.Long(res.Columns[i].Name)
	}
}

// Session is one of a runner's connections with its worker's names: SQL
// sent on Conn must go through Map, so the workspace's schemas resolve to
// the worker's private copies.
type Session struct {
	Conn *pgx.Conn
	w    *worker
}

// Map rewrites a statement of the user's for the session (see sqlmap) and
// returns where to place Postgres's errors about the text sent: positions
// in the user's text, the user's schema names in messages.
func (s *Session) Map(sql string, w Where) (string, Where, error) {
	return s.w.names.mapSQL(sql, w, false)
}

// WithSession is WithConn with the worker's names.
func (r *Runner) WithSession(ctx context.Context, fn func(*Session) error) error {
	w, err := r.acquire(ctx)
	if err != nil {
		return err
	}
	defer r.release(w)
	return fn(&Session{Conn: w.conn, w: w})
}

// learnObjects adds to the worker's mapper every object the schema files
// made in its mapped schemas (tables, views, sequences, types, functions),
// as the catalog lists them: S.x is then mapped for each, even in a
// statement where S is also an alias.
func (w *worker) learnObjects(ctx context.Context) error {
	sent := w.names.m.SentSchemas()
	if len(sent) == 0 {
		return nil
	}
	rows, err := w.conn.Query(ctx, `
		SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ANY($1)
		UNION SELECT n.nspname, t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = ANY($1)
		UNION SELECT n.nspname, p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = ANY($1)`, sent)
	if err != nil {
		return err
	}
	var schema, name string
	_, err = pgx.ForEachRow(rows, []any{&schema, &name}, func() error {
		w.names.m.AddObject(schema, w.names.m.Long(name)) // as written, when shortened
		return nil
	})
	return err
}

// schemas are the worker's main schema and its mapped ones.
func (w *worker) schemas() []string {
	return append([]string{w.schema}, w.names.m.SentSchemas()...)
}

func (w *worker) close() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	quoted := make([]string, 0, 4)
	for _, s := range w.schemas() {
		quoted = append(quoted, workspace.QuoteIdent(s))
	}
	w.conn.Exec(ctx, "DROP SCHEMA IF EXISTS "+strings.Join(quoted, ", ")+" CASCADE")
	w.conn.Close(ctx)
}

// planTable is the workspace table a plan node scans, nil for none.
func (r *Runner) planTable(w *worker, node map[string]any) *workspace.Table {
	rel, ok := node["Relation Name"].(string)
	if !ok {
		return nil
	}
	schema, _ := node["Schema"].(string)
	user, ok := w.names.m.User(schema)
	if !ok {
		return nil
	}
	return r.Suite.tableIn(user, w.names.m.Long(rel))
}

// describeTypes reads the type names of all the worker's schemas, as the
// user writes them (atomic.mood), and teaches the mapper the objects the
// schema files made (learnObjects).
func (w *worker) describeTypes(ctx context.Context) (map[uint32]string, error) {
	types, err := typeNames(ctx, w.conn, w.schemas()...)
	if err != nil {
		return nil, err
	}
	for oid, name := range types {
		types[oid] = w.names.m.Unmap(name)
	}
	return types, w.learnObjects(ctx)
}
