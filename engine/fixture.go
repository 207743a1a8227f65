package engine

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jig-sql/jig/checks"
	"github.com/jig-sql/jig/rows"
	"github.com/jig-sql/jig/workspace"
	"github.com/jig-sql/jig/workspace/diag"
	"github.com/jig-sql/jig/workspace/sqlmap"
)

// Status is a fixture's outcome.
type Status string

// Fixture outcomes.
const (
	StatusPass  Status = "pass"
	StatusFail  Status = "fail"  // rows differ, a check failed, or the SQL failed
	StatusError Status = "error" // the fixture itself is wrong (unknown table, bad value)
)

// FixtureResult is everything one fixture run produced.
type FixtureResult struct {
	Fixture    *workspace.Fixture
	Status     Status
	Result     *Result     // the query's output, or expect.table's final rows
	Comparison *Comparison // nil when the fixture states no expected rows
	Checks     []checks.Result
	Dataset    *rows.Dataset
	// Statements are a script's statements as they ran, in order.
	Statements []StatementTag
	Err        error // *SQLError, diag.Errors, or a database error
	Took       time.Duration
	expect     *workspace.Expect // the rows compared, when not Fixture.Expect (expectFor)
}

// Expected is the expect the result was compared with: the fixture's, or
// with the rows its expect SQL returned (a dbt unit test's sql format).
func (r *FixtureResult) Expected() *workspace.Expect {
	if r.expect != nil {
		return r.expect
	}
	return &r.Fixture.Expect
}

// Failed reports whether the fixture did not pass.
func (r *FixtureResult) Failed() bool { return r.Status != StatusPass }

func (r *Runner) runOn(ctx context.Context, w *worker, f *workspace.Fixture) *FixtureResult {
	res := &FixtureResult{Fixture: f, Status: StatusError}
	q := r.Suite.WS.Query(f.Query)
	if q == nil {
		res.Err = &diag.PosError{File: f.Path, Line: max(f.QueryLine, 1), Col: max(f.QueryCol, 1),
			Msg: fmt.Sprintf("unknown query %q", f.Query)}
		return res
	}
	over, err := r.Suite.overrides(f)
	if err != nil {
		res.Err = err
		return res
	}
	res.Dataset, err = r.Suite.Factory.Build(over)
	if err != nil {
		res.Err = fmt.Errorf("%s: building rows: %w", f.Path, err)
		return res
	}
	cfgChecks, err := r.Suite.checksFor(f)
	if err == nil {
		res.expect, err = r.expectFor(ctx, w, f)
	}
	if err != nil {
		res.Err = err
		return res
	}
	sc, err := r.compile(w, f, q, res.Dataset, cfgChecks)
	if err != nil {
		res.Err = err
		return res
	}
	out, err := r.exec(ctx, w, sc, f)
	if err != nil {
		res.Status, res.Err = StatusFail, r.placeRefusal(ctx, w, f, res.Dataset, err)
		return res
	}
	res.Result, res.Statements = out.result, out.steps
	res.Checks = checks.Run(ctx, replay(out.checks), cfgChecks, checks.WithResolver(r.Suite.fixtureResolver(f)))
	res.judge(res.Result)
	return res
}

// judge sets the status from the rows and the checks: a fixture fails when
// actual differs from its expected rows (when it states some and actual is
// not nil) or when an error-severity check fails or cannot run.
func (res *FixtureResult) judge(actual *Result) {
	res.Status = StatusPass
	exp := res.Expected()
	if exp.Rows != nil && actual != nil {
		res.Comparison = Compare(exp, actual)
		if !res.Comparison.OK() {
			res.Status = StatusFail
		}
	}
	for _, c := range res.Checks {
		if c.Status == checks.StatusFail || c.Status == checks.StatusError {
			res.Status = StatusFail
		}
	}
}

// compile builds the fixture's script for worker w.
func (r *Runner) compile(w *worker, f *workspace.Fixture, q *workspace.Query, ds *rows.Dataset, cfg []checks.Configured) (*script, error) {
	s := &script{}
	s.add("BEGIN", Where{}, roleIgnore) // statement_timeout is set once per connection (newWorker)
	if del := r.clearSeeds(f, ds); del != "" {
		s.own(del, Where{File: f.Path})
	}
	if ins := rows.InsertSQLNamed(ds, w.names.table, sqlmap.Short); ins != "" {
		s.own(ins, Where{File: f.Path})
	}
	if err := r.addGivenSQL(s, f); err != nil {
		return nil, err
	}
	if err := s.addSetup(f, r.Suite.redshiftWorkspace()); err != nil {
		return nil, err
	}
	if runsScripts(f, q) {
		sc, err := r.compileScripts(s, f, cfg)
		if err == nil {
			err = sc.mapNames(w.names) // the steps' schema names too
		}
		return sc, err
	}
	sql, where, err := r.querySQL(f, q) // rewritten in a Redshift workspace, mocks written in
	if err != nil {
		return nil, err
	}
	if err := refuseSessionControl(q.Path, q.SQL, func(off int) (int, int) { return diag.LineCol(q.SQL, off) }, "a query"); err != nil {
		return nil, err
	}
	if f.Expect.Table == "" {
		s.add(sql, where, roleResult)
	} else {
		t, err := r.Suite.expectTable(f)
		if err != nil {
			return nil, err
		}
		s.add(sql, where, roleIgnore) // the DML's own output (RETURNING) is not compared
		s.ownAs("SELECT * FROM "+w.names.table(t), Where{File: f.Path}, roleResult)
	}
	if err := r.addChecks(s, cfg, r.Suite.fixtureResolver(f)); err != nil {
		return nil, err
	}
	s.add("ROLLBACK", Where{}, roleIgnore)
	if err := s.mapNames(w.names); err != nil {
		return nil, err
	}
	return s, nil
}

// addChecks compiles the fixture's checks into the script.
func (r *Runner) addChecks(s *script, cfg []checks.Configured, resolve checks.Resolver) error {
	for _, c := range cfg {
		target, err := resolve(c.Table)
		if err != nil {
			return err
		}
		sql, err := c.Compile(target, checks.Postgres, resolve)
		if err != nil {
			return fmt.Errorf("%s:%d:%d: %s: %w", c.Pos.File, c.Pos.Line, c.Pos.Col, c.Name(), err)
		}
		source, pos := c.SourcePos(sql)
		sent, where := sql, Where{File: c.Pos.File, Source: source, Pos: pos}
		if r.Suite.redshiftWorkspace() { // sql:, expression:, where: and a query target, rewritten once
			if sent, where, err = rewriteRedshift(sql, where); err != nil {
				return err
			}
		}
		s.addCheck(sql, sent, where)
	}
	return nil
}

// output is what a script returned.
type output struct {
	result *Result
	checks map[string]queryRows
	total  int // a live run's row count
	// steps are a script's statements, tagged.
	steps []StatementTag
}

type queryRows struct {
	cols []string
	rows [][]*string
}

// exec sends the script in one round trip and sorts its results.
func (r *Runner) exec(ctx context.Context, w *worker, sc *script, f *workspace.Fixture) (*output, error) {
	start := time.Now()
	out, err := sc.read(ctx, w.conn, w.types)
	if out != nil {
		w.names.longColumns(out.result)
	}
	if out != nil && out.result != nil {
		out.result.Took = time.Since(start)
	}
	return out, err
}

// read sends the script and files each statement's result by its role. On
// an error the transaction is rolled back and the error placed at the
// failing statement.
func (sc *script) read(ctx context.Context, conn *pgx.Conn, types map[uint32]string) (*output, error) {
	mrr := sc.send(ctx, conn.PgConn())
	out := &output{checks: map[string]queryRows{}}
	n, failed := 0, -1
	var firstErr error
	for mrr.NextResult() {
		rr := mrr.ResultReader()
		res := &Result{Columns: columnsOf(conn, rr.FieldDescriptions(), types)}
		for rr.NextRow() {
			res.Rows = append(res.Rows, textValues(rr.Values()))
		}
		tag, err := rr.Close()
		if err != nil && firstErr == nil {
			firstErr, failed = err, n
		}
		if err == nil && n < len(sc.stmts) {
			res.Tag = tag.String()
			sc.file(out, sc.stmts[n], res)
		}
		n++
	}
	if err := mrr.Close(); firstErr == nil && err != nil {
		firstErr, failed = err, n
	}
	if firstErr != nil {
		if conn.PgConn().TxStatus() != 'I' {
			conn.Exec(context.Background(), "ROLLBACK")
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, sc.place(failed, firstErr)
	}
	return out, nil
}

// file keeps a result where its statement's role says.
func (sc *script) file(out *output, st stmt, res *Result) {
	switch st.role {
	case roleResult:
		out.result = res
	case roleCheck:
		out.checks[sc.checkSQL[st.check]] = toQueryRows(res)
	case roleMoveAll:
		fmt.Sscanf(res.Tag, "MOVE %d", &out.total)
	case roleStep:
		at := sc.steps[st.step]
		if at.Tag == "" {
			at.Tag = res.Tag
		}
		out.steps = append(out.steps, at)
		if len(res.Columns) > 0 {
			out.result = res // the last statement that returns rows is the script's result
		}
	}
}

// replay answers checks.Run from results the script already fetched, so
// checks cost no extra round trip.
type replay map[string]queryRows

func (r replay) Query(ctx context.Context, sql string) ([]string, [][]*string, error) {
	qr, ok := r[sql]
	if !ok {
		return nil, nil, fmt.Errorf("check did not run (its statement was not in the fixture's batch)")
	}
	return qr.cols, qr.rows, nil
}
