package engine

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/jig-sql/jig/checks"
	"github.com/jig-sql/jig/workspace"
	"github.com/jig-sql/jig/workspace/diag"
)

// sqlValidator prepares, without running, the SQL jig test, check and run
// would send: every query (its output columns described), each fixture's
// script and the checks. Preparing an unnamed statement changes nothing.
type sqlValidator struct {
	r    *Runner
	w    *worker
	errs diag.Errors
	// outputs are the described output columns of the queries that prepared.
	outputs map[string][]Column
	// broken names the queries that did not prepare: SQL built on them
	// (their checks, fixtures' checks) is not prepared, as it would only
	// repeat the query's error elsewhere.
	broken map[string]bool
	// wrong names the check files whose schema errors are reported: their
	// SQL would only fail again.
	wrong map[string]bool
	// prepared holds the statements that prepared without error.
	prepared map[string]bool
}

// expectTable is the table a fixture's expect.table names, or a positioned
// error when the schema has none of that name.
func (s *Suite) expectTable(f *workspace.Fixture) (*workspace.Table, error) {
	if t := s.table(f.Expect.Table); t != nil {
		return t, nil
	}
	line, col := f.Expect.TableLine, f.Expect.TableCol
	if line == 0 {
		line, col = max(f.Expect.Line, 1), 1
	}
	return nil, &diag.PosError{File: f.Path, Line: line, Col: col,
		Msg:  fmt.Sprintf("expect.table %q is not a table of the schema", f.Expect.Table),
		Hint: diag.DidYouMean(f.Expect.Table, s.tableNames())}
}

// add keeps err, a *SQLError, diag.Errors or *diag.PosError; anything else
// is placed at file's first line.
func (v *sqlValidator) add(file string, err error) {
	var se *SQLError
	var pe *diag.PosError
	var es diag.Errors
	switch {
	case err == nil:
	case errors.As(err, &es):
		v.errs = append(v.errs, es...)
	case errors.As(err, &pe):
		v.errs = append(v.errs, pe)
	case errors.As(err, &se):
		v.errs = append(v.errs, sqlPosError(se, file))
	default:
		v.errs = append(v.errs, &diag.PosError{File: file, Line: 1, Col: 1, Msg: err.Error()})
	}
}

// sqlPosError is a Postgres error as one line of validate's list.
func sqlPosError(se *SQLError, file string) *diag.PosError {
	msg := se.Message
	if se.Code != "" {
		msg += " (SQLSTATE " + se.Code + ")"
	}
	if se.Detail != "" {
		msg += "; " + se.Detail
	}
	if se.File != "" {
		file = se.File
	}
	return &diag.PosError{File: file, Line: max(se.Line, 1), Col: max(se.Col, 1), Msg: msg, Hint: se.Hint}
}

// prepare parses and plans sql on the worker without running it and
// returns its output columns; the error is placed by where.
func (v *sqlValidator) prepare(ctx context.Context, sql string, where Where) ([]Column, error) {
	if where.SQL == "" {
		where.SQL = sql
	}
	// To the worker's schemas (a no-op on text compile already mapped).
	sql, where, err := v.w.names.mapSQL(sql, where, false)
	if err != nil {
		return nil, err
	}
	desc, err := v.w.conn.PgConn().Prepare(ctx, "", sql, nil)
	if err != nil {
		return nil, AsSQLError(err, where)
	}
	return columnsOf(v.w.conn, desc.Fields, v.w.types), nil
}

// queries prepares every query, keeping its output columns.
func (v *sqlValidator) queries(ctx context.Context) {
	steps := map[string]bool{} // queries that run as steps of a pipeline
	for _, f := range v.r.Suite.WS.Fixtures {
		for _, st := range f.Steps {
			steps[st.Query] = true
		}
	}
	for _, q := range v.r.Suite.WS.Queries {
		if q.IsScript() || steps[q.Name] {
			// A script was checked statement by statement when loading; a
			// pipeline's step may read what an earlier step creates, so
			// neither can be prepared on its own.
			continue
		}
		v.broken[q.Name] = true
		if err := refuseSessionControl(q.Path, q.SQL, func(off int) (int, int) { return diag.LineCol(q.SQL, off) }, "a query"); err != nil {
			v.add(q.Path, err)
			continue
		}
		sql, where, err := v.r.Suite.statementSQL(q, nil)
		if err != nil {
			v.add(q.Path, err)
			continue
		}
		cols, err := v.prepare(ctx, sql, where)
		if err != nil {
			v.add(q.Path, err)
			continue
		}
		v.outputs[q.Name], v.broken[q.Name] = cols, false
	}
}

// checks prepares the SQL of the workspace's check files, as jig check
// runs it on the local server, but for files already reported wrong (an
// unknown table or column would only fail again here).
func (v *sqlValidator) checks(ctx context.Context) {
	var all []checks.Configured
	for _, f := range v.r.Suite.Checks {
		if !v.broken[f.Table] && !v.wrong[f.Path] {
			all = append(all, f.Checks...)
		}
	}
	sc := &script{}
	if err := v.r.addChecks(sc, all, v.r.Suite.resolver()); err != nil {
		v.add("", err)
		return
	}
	v.prepareScript(ctx, "", sc)
}

// prepareScript prepares the statements of sc the user wrote: checks (any
// error) and setup: (syntax errors only, as a statement may read what an
// earlier one creates). jig's own statements and the query, prepared on
// its own, are skipped.
func (v *sqlValidator) prepareScript(ctx context.Context, file string, sc *script) {
	for _, st := range sc.stmts {
		setup := st.role == roleIgnore && st.where.Pos != nil
		if st.role != roleCheck && !setup {
			continue
		}
		if v.prepared[st.sql] {
			continue // the same check of another fixture: no need to ask again
		}
		_, err := v.prepare(ctx, st.sql, st.where) // placed through the schema mapping
		if err != nil && (st.role == roleCheck || isSyntaxError(err)) {
			v.add(file, err)
		}
		v.prepared[st.sql] = err == nil
	}
}

// isSyntaxError is true for a Postgres syntax error: in setup:, only those
// are certain, as a statement may read what an earlier one creates.
func isSyntaxError(err error) bool {
	var pg *pgconn.PgError
	return errors.As(err, &pg) && pg.Code == "42601"
}

// dedupe drops repeated errors (one broken table seen by many fixtures).
func dedupe(errs diag.Errors) diag.Errors {
	seen := map[string]bool{}
	out := errs[:0]
	for _, e := range errs {
		key := strings.Join([]string{e.File, fmt.Sprint(e.Line, ":", e.Col), e.Msg}, "\x00")
		if !seen[key] {
			seen[key] = true
			out = append(out, e)
		}
	}
	return out
}
