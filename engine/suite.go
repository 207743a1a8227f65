package engine

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/jig-sql/jig/checks"
	"github.com/jig-sql/jig/rows"
	"github.com/jig-sql/jig/workspace"
	"github.com/jig-sql/jig/workspace/diag"
	"github.com/jig-sql/jig/workspace/redshift"
)

// Suite is a workspace made ready to run fixtures: its tables described
// once, a row factory over them, and its checks decoded.
type Suite struct {
	WS      *workspace.Workspace
	Tables  []workspace.Table
	Factory *rows.Factory
	Checks  []*checks.File
}

// DecodeChecks decodes the workspace's checks/*.yaml, reporting every
// mistake in every file.
func DecodeChecks(ws *workspace.Workspace) ([]*checks.File, error) {
	src := make([]checks.Source, len(ws.CheckFiles))
	for i, f := range ws.CheckFiles {
		src[i] = checks.Source{Path: f.Path, Data: f.Data}
	}
	return checks.DecodeFiles(src)
}

// overrides converts a fixture's given rows into factory overrides, with
// positioned errors for unknown tables and columns and values that are not
// of their column's type.
func (s *Suite) overrides(f *workspace.Fixture) ([]rows.TableOverrides, error) {
	var errs diag.Errors
	var out []rows.TableOverrides
	for _, g := range f.Given {
		t := s.table(g.Table)
		if t == nil {
			errs = append(errs, &diag.PosError{File: f.Path, Line: g.Line, Col: 3,
				Msg:  fmt.Sprintf("unknown table %q in given (tables in schema/: %s)", g.Table, strings.Join(s.tableNames(), ", ")),
				Hint: s.tableHint(g.Table)})
			continue
		}
		to := rows.TableOverrides{Table: factoryName(t)}
		for _, r := range g.Rows {
			o := rows.Override{}
			for _, c := range r.Cells {
				col, ok := t.Column(c.Column)
				if !ok {
					errs = append(errs, &diag.PosError{File: f.Path, Line: c.Line, Col: c.Col,
						Msg:  fmt.Sprintf("table %q has no column %q", g.Table, c.Column),
						Hint: diag.DidYouMean(c.Column, columnNames(t))})
					continue
				}
				v, err := rows.FromYAML(col.Type, c.Value)
				if err != nil {
					errs = append(errs, &diag.PosError{File: f.Path, Line: c.Line, Col: c.Col,
						Msg: fmt.Sprintf("%s.%s: %v", g.Table, c.Column, err)})
					continue
				}
				o[c.Column] = v
			}
			to.Rows = append(to.Rows, o)
		}
		out = append(out, to)
	}
	return out, errs.Err()
}

func columnNames(t *workspace.Table) []string {
	names := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		names[i] = c.Name
	}
	return names
}

// checksFor picks the checks that apply to a fixture: the workspace's
// checks on the tables it gives and on its query's output, then its own.
func (s *Suite) checksFor(f *workspace.Fixture) ([]checks.Configured, error) {
	given := map[string]bool{s.targetKey(f.Query): true}
	for _, g := range f.Given {
		given[s.targetKey(g.Table)] = true
	}
	var out []checks.Configured
	for _, file := range s.Checks {
		if given[s.targetKey(file.Table)] {
			out = append(out, file.Checks...)
		}
	}
	var errs diag.Errors
	for _, e := range f.Checks {
		c, err := checks.DecodeEntry(f.Path, e.YAML, e.Line, e.Col)
		if err != nil {
			if es, ok := err.(diag.Errors); ok {
				errs = append(errs, es...)
				continue
			}
			return nil, err
		}
		if c.Table == "" {
			c.Table = f.Query
		}
		if err := checks.ValidateSchema([]checks.Configured{c}, s.lookup); err != nil {
			errs = append(errs, err.(diag.Errors)...)
			continue
		}
		out = append(out, c)
	}
	return out, errs.Err()
}

// Resolver is the checks.Resolver of the local server (see resolver).
func (s *Suite) Resolver() checks.Resolver { return s.resolver() }

// resolver resolves check targets on the local server: a query name reads
// that query's output (rewritten for Postgres in a Redshift workspace),
// anything else is a table.
func (s *Suite) resolver() checks.Resolver {
	return func(name string) (checks.Target, error) {
		if q := s.WS.Query(name); q != nil && s.table(name) == nil {
			sql := q.SQL
			if s.WS.Config.Dialect == workspace.DialectRedshift {
				// Locally, a Redshift query's output is its Postgres rewrite's.
				rq, err := redshift.RewriteQuery(q.Path, q.SQL)
				if err != nil {
					return checks.Target{}, err
				}
				sql = rq.SQL
			}
			return checks.QueryTarget(name, sql), nil
		}
		if t := s.table(name); t != nil {
			return checks.Target{Name: name, Schema: t.Schema, Table: t.Name}, nil
		}
		return checks.TableTarget(name), nil
	}
}

// newSuite describes the tables in the worker's schema (where the
// workspace's schema was applied), prepares the factory and checks, and
// validates the checks against the tables.
func newSuite(ctx context.Context, w *worker, ws *workspace.Workspace, checkFiles []*checks.File) (*Suite, error) {
	s, err := describeSuite(ctx, w, ws, checkFiles)
	if err != nil {
		return nil, err
	}
	if err := s.validateChecks(); err != nil {
		return nil, err
	}
	return s, nil
}

// describeSuite describes the tables in the worker's schema and prepares
// the factory; it validates nothing.
func describeSuite(ctx context.Context, w *worker, ws *workspace.Workspace, checkFiles []*checks.File) (*Suite, error) {
	tables, err := describeAll(ctx, w, ws)
	if err != nil {
		return nil, err
	}
	return &Suite{WS: ws, Tables: tables, Factory: rows.NewFactory(ws.Config.Seed, tables), Checks: checkFiles}, nil
}

// validateChecks reports, together, check files whose target is unknown
// and check parameters that do not fit the schema.
func (s *Suite) validateChecks() error {
	var errs diag.Errors
	if err := s.checkTargets(); err != nil {
		errs = append(errs, err.(diag.Errors)...)
	}
	var all []checks.Configured
	for _, f := range s.Checks {
		all = append(all, f.Checks...)
	}
	if err := checks.ValidateSchema(all, s.lookup); err != nil {
		errs = append(errs, err.(diag.Errors)...)
	}
	return errs.Err()
}

// lookup is the checks.SchemaLookup of the suite: a table of the schema
// (its worker's schema assumed when qualified), or a query.
func (s *Suite) lookup(name string) (*workspace.Table, bool) {
	if t := s.table(name); t != nil {
		return t, true
	}
	return nil, s.WS.Query(name) != nil
}

// checkTargets reports check files whose `table:` is neither a table of the
// schema nor a query: their checks would otherwise never run, silently.
func (s *Suite) checkTargets() error {
	known := s.tableNames()
	for _, q := range s.WS.Queries {
		known = append(known, q.Name)
	}
	var errs diag.Errors
	for _, f := range s.Checks {
		name := f.Table
		if name == "" || s.table(name) != nil || s.WS.Query(name) != nil || slices.Contains(known, strings.ToLower(name)) {
			continue
		}
		line, col := 1, 1
		for _, src := range s.WS.CheckFiles {
			if src.Path == f.Path {
				if m := tableKey.FindSubmatchIndex(src.Data); m != nil {
					line, col = diag.LineCol(string(src.Data), m[2])
				}
			}
		}
		errs = append(errs, &diag.PosError{File: f.Path, Line: line, Col: col, Hint: diag.DidYouMean(name, known),
			Msg: fmt.Sprintf("checks name table %q, which is neither a table in schema/ nor a query", f.Table)})
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// tableKey finds the value of a checks file's top-level `table:` key.
var tableKey = regexp.MustCompile(`(?m)^table:[ \t]*(\S)`)
