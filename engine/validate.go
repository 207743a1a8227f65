package engine

import (
	"context"
	"time"

	"github.com/jig-sql/jig/engine/postgres"
	"github.com/jig-sql/jig/workspace"
	"github.com/jig-sql/jig/workspace/diag"
)

// Validate applies the workspace's schema in a private schema of srv,
// describes it, and reports together every mistake jig test would find
// before running any SQL of a fixture: check files on unknown tables, check
// parameters that do not fit the schema, and fixtures' given rows and
// checks (ValidateFixtures). The private schema is dropped on return;
// nothing else on srv changes. Errors in schema files come back as
// *SQLError, the rest as diag.Errors.
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
	var errs diag.Errors
	for _, err := range []error{s.validateChecks(), s.ValidateFixtures(ws.Fixtures), s.validateQueries()} {
		if err != nil {
			errs = append(errs, err.(diag.Errors)...)
		}
	}
	return errs.Err()
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

// validateQueries reports the queries that read a relation nothing
// defines (not a table, seed or query), at the reference.
func (s *Suite) validateQueries() error {
	var errs diag.Errors
	for _, q := range s.WS.Ordered {
		e, ok := s.chain.broken[q.Name].(*SQLError)
		if ok && e.Code == "42P01" && e.File == q.Path {
			errs = append(errs, &diag.PosError{File: e.File, Line: max(e.Line, 1), Col: max(e.Col, 1), Msg: e.Message, Hint: e.Hint})
		}
	}
	return errs.Err()
}
