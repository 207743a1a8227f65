package engine

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"

	"github.com/jig-sql/jig/checks"
	"github.com/jig-sql/jig/workspace"
	"github.com/jig-sql/jig/workspace/sqlscan"
)

// CompareLimit is the largest result a live run compares with expected
// rows; bigger results are paged but not compared.
const CompareLimit = 10_000

// LiveRun is a fixture run whose result stays open on the server, so the
// workbench can page through a result of any size without holding it: the
// rows live in a scroll cursor inside the run's transaction, which Close
// rolls back. A LiveRun holds one of the runner's connections until Close.
type LiveRun struct {
	*FixtureResult
	// Total is the number of rows the query returned.
	Total int

	mu     sync.Mutex
	r      *Runner
	w      *worker
	closed bool
}

const liveCursor = "jig_live"

// RunLive runs f like RunFixture but keeps its result open for Page. The
// first page (up to firstPage rows) is in Result.Rows. Queries a cursor
// cannot hold (INSERT, UPDATE, DELETE, MERGE) run as RunFixture does, with
// the whole result in Result.
func (r *Runner) RunLive(ctx context.Context, f *workspace.Fixture, firstPage int) (*LiveRun, error) {
	q := r.Suite.WS.Query(f.Query)
	if q == nil || f.Expect.Table != "" || runsScripts(f, q) || !cursorable(q.SQL) {
		res := r.RunFixture(ctx, f)
		l := &LiveRun{FixtureResult: res, closed: true}
		if res.Result != nil {
			l.Total = len(res.Result.Rows)
		}
		return l, nil
	}
	w, err := r.acquire(ctx)
	if err != nil {
		return nil, err
	}
	l := &LiveRun{r: r, w: w}
	l.FixtureResult = l.run(ctx, f, q, firstPage)
	if l.FixtureResult.Err != nil {
		l.Close()
	}
	return l, nil
}

// cursorable reports whether a query can stand in DECLARE ... SCROLL
// CURSOR FOR (or CREATE VIEW ... AS): one statement, a SELECT, VALUES or
// TABLE, or a WITH query that modifies no data, none of them locking rows
// (Postgres refuses FOR UPDATE and FOR SHARE in a scroll cursor). A script
// that starts with a SELECT is not one. It reads tokens, so words in
// strings, comments and quoted names do not count.
func cursorable(sql string) bool {
	toks := sqlscan.ScanSignificant(sql)
	i := 0
	for i < len(toks) && toks[i].IsSymbol("(") {
		i++
	}
	if i == len(toks) || locksRows(toks) || len(sqlscan.SplitStatements(toks)) > 1 {
		return false
	}
	switch t := toks[i]; {
	case t.IsKeyword("select"), t.IsKeyword("values"), t.IsKeyword("table"):
		return true
	case t.IsKeyword("with"):
		return !modifiesData(toks[i+1:])
	}
	return false
}

// modifiesData reports whether a WITH query holds INSERT, UPDATE, DELETE
// or MERGE: each starts a CTE's body or the main statement, so it follows
// a parenthesis.
func modifiesData(toks []sqlscan.Token) bool {
	for i := 1; i < len(toks); i++ {
		if !toks[i-1].IsSymbol("(") && !toks[i-1].IsSymbol(")") {
			continue
		}
		for _, kw := range []string{"insert", "update", "delete", "merge"} {
			if toks[i].IsKeyword(kw) {
				return true
			}
		}
	}
	return false
}

// locksRows reports a locking clause: FOR UPDATE, FOR NO KEY UPDATE, FOR
// SHARE or FOR KEY SHARE.
func locksRows(toks []sqlscan.Token) bool {
	for i := 1; i < len(toks); i++ {
		if t := toks[i]; toks[i-1].IsKeyword("for") && (t.IsKeyword("update") || t.IsKeyword("share") || t.IsKeyword("no") || t.IsKeyword("key")) {
			return true
		}
	}
	return false
}

func (l *LiveRun) run(ctx context.Context, f *workspace.Fixture, q *workspace.Query, firstPage int) *FixtureResult {
	res := &FixtureResult{Fixture: f, Status: StatusError}
	over, err := l.r.Suite.overrides(f)
	if err == nil {
		res.Dataset, err = l.r.Suite.Factory.Build(over)
	}
	var cfg []checks.Configured
	if err == nil {
		cfg, err = l.r.Suite.checksFor(f)
	}
	if err != nil {
		res.Err = err
		return res
	}
	sc, err := l.r.compileLive(l.w, f, q, res, cfg, firstPage)
	if err != nil {
		res.Err = err
		return res
	}
	out, total, err := l.r.execLive(ctx, l.w, sc, f)
	if err != nil {
		res.Status, res.Err = StatusFail, err
		if ie := l.r.diagnoseInsert(ctx, l.w, res.Dataset); ie != nil {
			res.Status, res.Err = StatusError, ie // the rows are wrong, not the query
		}
		return res
	}
	l.Total = total
	res.Result = out.result
	res.Checks = checks.Run(ctx, replay(out.checks), cfg, checks.WithResolver(l.r.Suite.fixtureResolver(f)))
	var all *Result // compared only when small enough to hold
	if f.Expect.Rows != nil && total <= CompareLimit {
		all = res.Result
		if total > len(all.Rows) {
			rows, err := l.Page(ctx, 0, total)
			if err != nil {
				res.Status, res.Err = StatusFail, err
				return res
			}
			all = &Result{Columns: all.Columns, Rows: rows}
		}
	}
	res.judge(all)
	return res
}

// compileLive is compile with the query held in a cursor: DECLARE, count
// it (MOVE ALL), fetch the first page, then the checks; no ROLLBACK.
func (r *Runner) compileLive(w *worker, f *workspace.Fixture, q *workspace.Query, res *FixtureResult, cfg []checks.Configured, firstPage int) (*script, error) {
	s, err := r.compile(w, f, q, res.Dataset, cfg)
	if err != nil {
		return nil, err
	}
	qi := -1
	for i, st := range s.stmts {
		if st.role == roleResult {
			qi = i
		}
	}
	if qi < 0 {
		return nil, errors.New("internal: query statement not found")
	}
	ls := &script{stmts: append([]stmt(nil), s.stmts[:qi]...), checkSQL: s.checkSQL}
	decl := "DECLARE " + liveCursor + " SCROLL CURSOR FOR\n"
	where := s.stmts[qi].where
	where.Offset = len([]rune(decl))
	ls.ownAs(decl+s.stmts[qi].sql, where, roleIgnore) // mapped by compile
	ls.add("MOVE FORWARD ALL IN "+liveCursor, Where{}, roleMoveAll)
	ls.add("MOVE ABSOLUTE 0 IN "+liveCursor, Where{}, roleIgnore)
	ls.add(fmt.Sprintf("FETCH FORWARD %d FROM %s", max(firstPage, 1), liveCursor), Where{}, roleResult)
	for _, st := range s.stmts {
		if st.role == roleCheck {
			ls.stmts = append(ls.stmts, st)
		}
	}
	return ls, nil
}

// execLive reads a live script's results: the query's page and count, then checks.
func (r *Runner) execLive(ctx context.Context, w *worker, sc *script, f *workspace.Fixture) (*output, int, error) {
	out, err := sc.read(ctx, w.conn, w.types)
	if err != nil {
		return nil, 0, err
	}
	w.names.longColumns(out.result)
	if out.result == nil {
		return nil, 0, errors.New("internal: the live run returned no result")
	}
	return out, out.total, nil
}

func toQueryRows(res *Result) queryRows {
	qr := queryRows{}
	for _, c := range res.Columns {
		qr.cols = append(qr.cols, c.Name)
	}
	for _, row := range res.Rows {
		vals := make([]*string, len(row))
		for j, v := range row {
			if !v.Null {
				t := v.Text
				vals[j] = &t
			}
		}
		qr.rows = append(qr.rows, vals)
	}
	return qr
}

// Page returns up to n rows starting at offset (0-based) of the open result.
func (l *LiveRun) Page(ctx context.Context, offset, n int) ([][]Value, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		if l.Result == nil || offset >= len(l.Result.Rows) {
			return nil, nil
		}
		return l.Result.Rows[offset:min(offset+n, len(l.Result.Rows))], nil
	}
	sql := fmt.Sprintf("MOVE ABSOLUTE %d IN %s; FETCH FORWARD %d FROM %s", offset, liveCursor, n, liveCursor)
	mrr := l.w.conn.PgConn().Exec(ctx, sql)
	var rows [][]Value
	for mrr.NextResult() {
		rr := mrr.ResultReader()
		for rr.NextRow() {
			rows = append(rows, textValues(rr.Values()))
		}
		rr.Close()
	}
	if err := mrr.Close(); err != nil {
		return nil, err
	}
	return rows, nil
}

// Close rolls the run's transaction back and returns its connection.
func (l *LiveRun) Close() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return
	}
	l.closed = true
	ctx := context.Background()
	if l.w.conn.PgConn().TxStatus() != 'I' {
		l.w.conn.Exec(ctx, "ROLLBACK")
	}
	if l.w.conn.IsClosed() {
		l.r.drop(l.w)
	} else {
		l.r.release(l.w)
	}
}

// QueryTables asks the planner which tables a query reads or writes
// (EXPLAIN, never executed), in plan order without duplicates, named as
// fixtures name them (events, atomic.events). The planner sees through the
// views of the queries it reads, so these are the tables whose rows reach
// the query at any depth: what --self-test fills. The workbench lists what
// a query reads itself with QueryInputs.
func (r *Runner) QueryTables(ctx context.Context, sql string) ([]string, error) {
	if tables, ok := r.scriptTables(sql); ok {
		return tables, nil
	}
	where := Where{SQL: sql}
	if r.Suite.redshiftWorkspace() {
		if rewritten, w, err := rewriteRedshift(sql, where); err == nil {
			sql, where = rewritten, w // the planner reads the Postgres the query runs as
		}
	}
	rels, err := r.planRelations(ctx, sql, where)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, rel := range rels {
		if r.Suite.table(rel) != nil {
			names = append(names, rel)
		}
	}
	return names, nil
}

// planRelations are the relations EXPLAIN names for sql, in plan order
// without duplicates: a table of the schema as fixtures name it
// (atomic.events), anything else (a mock table) by its relation name.
// Errors are placed by where.
func (r *Runner) planRelations(ctx context.Context, sql string, where Where) ([]string, error) {
	w, err := r.acquire(ctx)
	if err != nil {
		return nil, err
	}
	defer r.release(w)
	sql, where, err = w.names.mapSQL(sql, where, false)
	if err != nil {
		return nil, err
	}
	const explain = "EXPLAIN (FORMAT JSON, VERBOSE) "
	var plan string
	if err := w.conn.QueryRow(ctx, explain+sql).Scan(&plan); err != nil {
		where.Offset += len([]rune(explain))
		return nil, AsSQLError(err, where)
	}
	var doc any
	if err := json.Unmarshal([]byte(plan), &doc); err != nil {
		return nil, err
	}
	var names []string
	seen := map[string]bool{}
	var walk func(any)
	walk = func(n any) {
		switch x := n.(type) {
		case map[string]any:
			if rel, ok := x["Relation Name"].(string); ok {
				if t := r.planTable(w, x); t != nil {
					rel = UserName(t)
				}
				if !seen[rel] {
					seen[rel] = true
					names = append(names, rel)
				}
			}
			for _, v := range x {
				walk(v)
			}
		case []any:
			for _, v := range x {
				walk(v)
			}
		}
	}
	walk(doc)
	return names, nil
}
