package engine

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jig-sql/jig/checks"
	"github.com/jig-sql/jig/rows"
	"github.com/jig-sql/jig/workspace"
	"github.com/jig-sql/jig/workspace/diag"
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
	Err        error // *SQLError, diag.Errors, or a database error
	Took       time.Duration
}

// Failed reports whether the fixture did not pass.
func (r *FixtureResult) Failed() bool { return r.Status != StatusPass }

// segment is one piece of the fixture's single query string, so an error
// position can be traced back to the file it came from.
type segment struct {
	start int // in characters, in the whole string
	where Where
}

// script is a fixture compiled into one multi-statement string, sent in one
// round trip: BEGIN, inserts, setup, the query, checks, ROLLBACK. Marker
// SELECTs separate the sections whose statement count is not known.
type script struct {
	b        strings.Builder
	chars    int
	segments []segment
	checkSQL []string
}

const (
	markInserted = "jig:inserted"
	markSetup    = "jig:setup"
)

func (s *script) add(sql string, w Where) {
	w.SQL = sql
	s.segments = append(s.segments, segment{start: s.chars, where: w})
	s.write(sql)
	s.write(";\n") // a newline ends a trailing -- comment
}

func (s *script) write(t string) {
	s.b.WriteString(t)
	s.chars += utf8.RuneCountInString(t)
}

func (s *script) mark(name string) {
	s.write(`SELECT 1 AS "` + name + `";` + "\n")
}

// place finds the segment an error position (1-based, characters) falls in.
func (s *script) place(err error) error {
	var pg *pgconn.PgError
	if !errors.As(err, &pg) || pg.Position == 0 {
		return AsSQLError(err, Where{})
	}
	for i := len(s.segments) - 1; i >= 0; i-- {
		seg := s.segments[i]
		if int(pg.Position)-1 >= seg.start {
			w := seg.where
			w.Offset = seg.start
			return AsSQLError(err, w)
		}
	}
	return AsSQLError(err, Where{})
}

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
	if err != nil {
		res.Err = err
		return res
	}
	sc, err := r.compile(f, q, res.Dataset, cfgChecks)
	if err != nil {
		res.Err = err
		return res
	}
	out, err := r.exec(ctx, w, sc, f)
	if err != nil {
		res.Status, res.Err = StatusFail, err
		return res
	}
	res.Result = out.result
	res.Checks = checks.Run(ctx, replay(out.checks), cfgChecks, checks.WithResolver(r.Suite.resolver()))
	res.judge(res.Result)
	return res
}

// judge sets the status from the rows and the checks: a fixture fails when
// actual differs from its expected rows (when it states some and actual is
// not nil) or when an error-severity check fails or cannot run.
func (res *FixtureResult) judge(actual *Result) {
	res.Status = StatusPass
	if res.Fixture.Expect.Rows != nil && actual != nil {
		res.Comparison = Compare(&res.Fixture.Expect, actual)
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

// compile builds the fixture's script.
func (r *Runner) compile(f *workspace.Fixture, q *workspace.Query, ds *rows.Dataset, cfg []checks.Configured) (*script, error) {
	s := &script{}
	s.write("BEGIN;\n") // statement_timeout is set once per connection (newWorker)
	if ins := rows.InsertSQL(ds); ins != "" {
		s.add(ins, Where{File: f.Path})
	}
	s.mark(markInserted)
	if f.Setup != "" {
		s.add(f.Setup, Where{File: f.Path})
		s.mark(markSetup)
	}
	sql, where, err := r.querySQL(q) // rewritten in a Redshift workspace
	if err != nil {
		return nil, err
	}
	s.add(sql, where)
	if f.Expect.Table != "" {
		t := r.Suite.table(f.Expect.Table)
		if t == nil {
			return nil, &diag.PosError{File: f.Path, Line: f.Expect.Line, Col: 3,
				Msg:  fmt.Sprintf("expect.table %q is not a table of the schema", f.Expect.Table),
				Hint: diag.DidYouMean(f.Expect.Table, r.Suite.tableNames())}
		}
		s.add("SELECT * FROM "+t.QualifiedName(), Where{File: f.Path})
	}
	resolve := r.Suite.resolver()
	for _, c := range cfg {
		target, err := resolve(c.Table)
		if err != nil {
			return nil, err
		}
		sql, err := c.Compile(target, checks.Postgres, resolve)
		if err != nil {
			return nil, fmt.Errorf("%s:%d:%d: %s: %w", c.Pos.File, c.Pos.Line, c.Pos.Col, c.Name(), err)
		}
		s.checkSQL = append(s.checkSQL, sql)
		s.add(sql, Where{File: c.Pos.File})
	}
	s.write("ROLLBACK")
	return s, nil
}

// output is what a script returned.
type output struct {
	result *Result
	checks map[string]queryRows
}

type queryRows struct {
	cols []string
	rows [][]*string
}

// exec sends the script in one round trip and sorts its results.
func (r *Runner) exec(ctx context.Context, w *worker, sc *script, f *workspace.Fixture) (*output, error) {
	start := time.Now()
	mrr := w.conn.PgConn().Exec(ctx, sc.b.String())
	out := &output{checks: map[string]queryRows{}}
	phase, next := 0, 0 // phase 0: before the query; then results in order
	var firstErr error
	for mrr.NextResult() {
		rr := mrr.ResultReader()
		fds := rr.FieldDescriptions()
		if phase == 0 {
			if len(fds) == 1 && (fds[0].Name == markInserted || fds[0].Name == markSetup) && !(f.Setup != "" && fds[0].Name == markInserted) {
				phase = 1
			}
			if _, err := rr.Close(); err != nil && firstErr == nil {
				firstErr = err
			}
			continue
		}
		res := &Result{Columns: columnsOf(w.conn, fds)}
		for rr.NextRow() {
			res.Rows = append(res.Rows, textValues(rr.Values()))
		}
		tag, err := rr.Close()
		if err != nil {
			if firstErr == nil {
				firstErr = err
			}
			continue
		}
		res.Tag = tag.String()
		r.assign(out, sc, f, next, res)
		next++
	}
	err := mrr.Close()
	if firstErr == nil {
		firstErr = err
	}
	if out.result != nil {
		out.result.Took = time.Since(start)
	}
	if firstErr != nil {
		if w.conn.PgConn().TxStatus() != 'I' {
			w.conn.Exec(context.Background(), "ROLLBACK")
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, sc.place(firstErr)
	}
	return out, nil
}

// assign files the n-th result after the markers: the query, expect.table's
// rows, then one per check, then ROLLBACK.
func (r *Runner) assign(out *output, sc *script, f *workspace.Fixture, n int, res *Result) {
	if f.Expect.Table != "" {
		if n == 1 {
			out.result = res
			return
		}
		if n > 1 {
			n--
		} else {
			return // the DML's own output (RETURNING) is not compared
		}
	} else if n == 0 {
		out.result = res
		return
	}
	if i := n - 1; i < len(sc.checkSQL) {
		out.checks[sc.checkSQL[i]] = toQueryRows(res)
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
