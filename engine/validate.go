package engine

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jig-sql/jig/checks"
	"github.com/jig-sql/jig/engine/postgres"
	"github.com/jig-sql/jig/workspace"
	"github.com/jig-sql/jig/workspace/diag"
)

// Validate applies the workspace's schema and seeds in a private schema of
// srv, describes it, and reports together, sorted, every mistake jig test,
// check and run would reject: check files on unknown tables, check
// parameters that do not fit the schema, fixtures' given rows and checks
// (ValidateFixtures), expect.table and expected columns the output lacks,
// and the SQL of queries, setup: and checks, prepared without running. The
// private schema is dropped on return; nothing else on srv changes. Errors
// in schema files come back as *SQLError, the rest as diag.Errors.
func Validate(ctx context.Context, srv *postgres.Server, ws *workspace.Workspace) error {
	checkFiles, err := DecodeChecks(ws)
	if err != nil {
		return err
	}
	r := &Runner{srv: srv, parallel: 1, timeout: 30 * time.Second}
	w, err := r.newWorker(ctx, ws)
	if err != nil {
		return err
	}
	defer w.close()
	s, err := describeSuite(ctx, w, ws, checkFiles, r.chain)
	if err != nil {
		return err
	}
	r.Suite = s
	v := &sqlValidator{r: r, w: w, outputs: map[string][]Column{}, broken: map[string]bool{}, wrong: map[string]bool{}, prepared: map[string]bool{}}
	v.add("", s.validateChecks())
	for _, e := range v.errs {
		v.wrong[e.File] = true
	}
	v.add("", s.ValidateFixtures(ws.Fixtures))
	v.queries(ctx)
	v.checks(ctx)
	for _, f := range ws.Fixtures {
		v.fixture(ctx, f)
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return dedupe(v.errs).Err()
}

// fixture checks what ValidateFixtures cannot without the server: the
// expected rows against the output's columns (the query's, or
// expect.table's), and the fixture's script (setup:, its checks).
func (v *sqlValidator) fixture(ctx context.Context, f *workspace.Fixture) {
	s := v.r.Suite
	q := s.WS.Query(f.Query)
	if q == nil {
		return // workspace.Load reported it
	}
	v.expect(ctx, f)
	setup := &script{} // on its own: checked whatever else is wrong
	if err := setup.addSetup(f, s.redshiftWorkspace()); err != nil {
		v.add(f.Path, err)
	}
	v.prepareScript(ctx, f.Path, setup)
	over, err := s.overrides(f)
	if err != nil {
		return // reported by ValidateFixtures
	}
	cfg, err := s.checksFor(f)
	if err != nil {
		return
	}
	ds, err := s.Factory.Build(over)
	if err != nil {
		v.add(f.Path, fmt.Errorf("building rows: %w", err))
		return
	}
	var kept []checks.Configured
	for _, c := range cfg {
		if !v.broken[c.Table] && !v.wrong[c.Pos.File] {
			kept = append(kept, c)
		}
	}
	sc, err := v.r.compile(v.w, f, q, ds, kept)
	if err != nil {
		v.add(f.Path, err)
		return
	}
	v.prepareScript(ctx, f.Path, sc)
}

// expect checks expect.table and the expected rows against the output's
// columns: the query's, or the table's.
func (v *sqlValidator) expect(ctx context.Context, f *workspace.Fixture) {
	cols, ok := v.outputs[f.Query]
	what := "query's output"
	if f.Expect.Table != "" {
		t, err := v.r.Suite.expectTable(f)
		v.add(f.Path, err)
		if ok = err == nil; ok {
			cols, err = v.prepare(ctx, "SELECT * FROM "+t.QualifiedName(), Where{File: f.Path})
			ok, what = err == nil, "table "+f.Expect.Table
		}
	}
	if ok && f.Expect.Rows != nil {
		v.expectRows(f, cols, what)
	}
}

// expectRows reports expected columns the output does not have, each at
// its cell, then what Compare would find wrong before comparing any row
// (a column the rows leave out, a value not of its column's type).
func (v *sqlValidator) expectRows(f *workspace.Fixture, cols []Column, what string) {
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.Name
	}
	bad := false
	for _, r := range f.Expect.Rows {
		for _, c := range r.Cells {
			if !slices.Contains(names, c.Column) {
				bad = true
				v.errs = append(v.errs, &diag.PosError{File: f.Path, Line: c.Line, Col: c.Col, Hint: diag.DidYouMean(c.Column, names),
					Msg: fmt.Sprintf("expected column %q is not in the %s (its columns: %s)", c.Column, what, strings.Join(names, ", "))})
			}
		}
	}
	if bad {
		return
	}
	if cmp := Compare(&f.Expect, &Result{Columns: cols}); cmp.Problem != "" {
		line := max(cmp.ProblemLine, f.Expect.Line, 1)
		v.errs = append(v.errs, &diag.PosError{File: f.Path, Line: line, Col: firstCellCol(f.Expect.Rows, line),
			Msg: "the expected rows do not fit the result: " + cmp.Problem})
	}
}

// firstCellCol is the column of the first cell written on line, or 1.
func firstCellCol(rows []workspace.Row, line int) int {
	for _, r := range rows {
		for _, c := range r.Cells {
			if c.Line == line {
				return c.Col
			}
		}
	}
	return 1
}

// ValidateFixtures reports, without running anything, every mistake the
// suite would find in the fixtures when running them: given tables and
// columns that do not exist, cells not of their column's type, and fixture
// checks whose parameters do not fit the schema. Fixtures that name no
// query of the workspace are left to workspace.Load, which reports them.
func (s *Suite) ValidateFixtures(fixtures []*workspace.Fixture) error {
	var errs diag.Errors
	add := func(f *workspace.Fixture, err error) {
		if es, ok := err.(diag.Errors); ok {
			errs = append(errs, es...)
		} else if err != nil {
			errs = append(errs, &diag.PosError{File: f.Path, Line: 1, Col: 1, Msg: err.Error()})
		}
	}
	for _, f := range fixtures {
		_, err := s.overrides(f)
		add(f, err)
		_, err = s.checksFor(f)
		add(f, err)
	}
	return errs.Err()
}
