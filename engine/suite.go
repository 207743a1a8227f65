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
)

// Suite is a workspace made ready to run fixtures: its tables described
// once, a row factory over them, and its checks decoded.
type Suite struct {
	WS      *workspace.Workspace
	Tables  []workspace.Table
	Factory *rows.Factory
	Checks  []*checks.File

	chain *chain                      // which queries are views on every worker
	mocks map[string]*workspace.Table // query name → its mock table (chain.go)
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
		t, what := s.table(g.Table), "table"
		if q := s.mockFor(g.Table); q != "" {
			t, what = s.mocks[q], "query"
		}
		if t == nil {
			errs = append(errs, s.unknownGiven(f, g))
			continue
		}
		to := rows.TableOverrides{Table: factoryName(t)}
		file := f.Path
		if g.CSV != nil && g.CSV.Path != "" {
			file = g.CSV.Path // the cells' positions are in the CSV file
		}
		unknown := csvHeader(file, what, g, t, &errs)
		for _, r := range g.Rows {
			o := rows.Override{}
			for _, c := range r.Cells {
				if unknown[c.Column] {
					continue // reported once, at the header cell
				}
				col, ok := t.Column(c.Column)
				if !ok {
					errs = append(errs, &diag.PosError{File: file, Line: c.Line, Col: c.Col,
						Msg:  fmt.Sprintf("%s %q has no column %q", what, g.Table, c.Column),
						Hint: diag.DidYouMean(c.Column, columnNames(t))})
					continue
				}
				v, err := rows.FromYAML(col.Type, c.Value)
				if err != nil {
					errs = append(errs, &diag.PosError{File: file, Line: c.Line, Col: c.Col,
						Msg: fmt.Sprintf("%s.%s: %v", g.Table, c.Column, err)})
					continue
				}
				o[c.Column] = v
			}
			if f.Missing == workspace.MissingNull {
				fillNull(o, t)
			}
			to.Rows = append(to.Rows, o)
		}
		out = append(out, to)
	}
	return out, errs.Err()
}

// unknownGiven is the error for a given name that is neither a table nor
// a query another query reads (only those can be mocked).
func (s *Suite) unknownGiven(f *workspace.Fixture, g workspace.GivenTable) *diag.PosError {
	var queries []string
	for q := range s.mocks {
		queries = append(queries, q)
	}
	slices.Sort(queries)
	msg := fmt.Sprintf("unknown table %q in given (tables in schema/: %s", g.Table, strings.Join(s.tableNames(), ", "))
	if len(queries) > 0 {
		msg += "; queries to mock: " + strings.Join(queries, ", ")
	}
	msg += ")"
	hint := "" // the name is a query's: no other name is meant
	if q := s.WS.Query(g.Table); q != nil && len(s.WS.Feeds(q.Name)) == 0 {
		msg = fmt.Sprintf("given %q: query %s is read by no other query, so nothing would read rows given for it", g.Table, q.Name)
	} else if q != nil && s.chain != nil {
		msg = fmt.Sprintf("given %q: query %s cannot be mocked, as it does not run as a view: %v", g.Table, q.Name, s.chain.broken[q.Name])
	} else {
		hint = s.givenHint(g.Table, queries)
	}
	return &diag.PosError{File: f.Path, Line: g.Line, Col: 3, Msg: msg, Hint: hint}
}

// csvHeader reports the columns of a CSV given's header that its table
// does not have, at their header cells, and returns them.
func csvHeader(file, what string, g workspace.GivenTable, t *workspace.Table, errs *diag.Errors) map[string]bool {
	if g.CSV == nil {
		return nil
	}
	unknown := map[string]bool{}
	for _, h := range g.CSV.Header {
		if _, ok := t.Column(h.Column); !ok {
			unknown[h.Column] = true
			*errs = append(*errs, &diag.PosError{File: file, Line: h.Line, Col: h.Col,
				Msg:  fmt.Sprintf("%s %q has no column %q (in the CSV header)", what, g.Table, h.Column),
				Hint: diag.DidYouMean(h.Column, columnNames(t))})
		}
	}
	return unknown
}

// fillNull sets every nullable column a given row leaves out to NULL (a
// dbt unit test's input), instead of the row factory's default. A NOT NULL
// column keeps the factory's value: dbt's inputs have no constraints, a
// declared table does, and NULL there would fail the insert.
func fillNull(o rows.Override, t *workspace.Table) {
	for _, c := range t.Columns {
		if _, set := o[c.Name]; !set && !c.NotNull {
			o[c.Name] = rows.Null
		}
	}
}

// givenHint is tableHint for a given name, with the queries a fixture
// may mock among the names it suggests.
func (s *Suite) givenHint(name string, queries []string) string {
	if h := s.tableHint(name); strings.Contains(h, "A name without a schema") {
		return h // the table is in another schema
	}
	return diag.DidYouMean(name, append(s.tableNames(), queries...))
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
		if given[s.targetKey(file.Table)] && !f.OwnChecksOnly {
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
// that query's output (as written in a Redshift workspace: the check's
// statement is translated as a whole where it is sent), anything else is a
// table.
func (s *Suite) resolver() checks.Resolver { return s.resolverFor(nil, "") }

// fixtureResolver is resolver inside fixture f: a query f mocks is its
// mock table, and a query reading one reads the mock.
func (s *Suite) fixtureResolver(f *workspace.Fixture) checks.Resolver {
	return s.resolverFor(s.mockedIn(f), f.Query)
}

// resolverFor resolves with mocks given; a check reading a query that is
// no view fails at the query's error, but for own, the fixture's query,
// whose own statement fails first (the fixture fails, not invalid).
func (s *Suite) resolverFor(mocks map[string]bool, own string) checks.Resolver {
	return func(name string) (checks.Target, error) {
		q := s.WS.Query(name)
		if t := s.table(name); t != nil {
			return checks.Target{Name: name, Schema: t.Schema, Table: t.Name}, nil
		}
		if q == nil {
			return checks.TableTarget(name), nil
		}
		if mocks[q.Name] {
			return checks.Target{Name: name, Table: mockName(q.Name)}, nil
		}
		// As written in a Redshift workspace: the check's whole statement
		// gets the one translation (addChecks, ReadOnlyQuerier.Rewrite).
		sql, err := s.targetSQL(q, mocks)
		if err == nil && len(mocks) == 0 && q.Name != own {
			err = s.brokenView(q)
		}
		if err != nil {
			return checks.Target{}, err
		}
		return checks.QueryTarget(name, sql), nil
	}
}

// newSuite describes the tables in the worker's schema (where the
// workspace's schema was applied), prepares the factory and checks, and
// validates the checks against the tables.
func newSuite(ctx context.Context, w *worker, ws *workspace.Workspace, checkFiles []*checks.File, c *chain) (*Suite, error) {
	s, err := describeSuite(ctx, w, ws, checkFiles, c)
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
func describeSuite(ctx context.Context, w *worker, ws *workspace.Workspace, checkFiles []*checks.File, c *chain) (*Suite, error) {
	all, err := describeAll(ctx, w, ws)
	if err != nil {
		return nil, err
	}
	s := &Suite{WS: ws, Checks: checkFiles, chain: c, mocks: map[string]*workspace.Table{}}
	var mocks []workspace.Table
	for _, t := range all {
		if q := mockedQuery(ws, t.Name); q != nil && t.Schema == "" {
			mocks = append(mocks, t)
		} else {
			s.Tables = append(s.Tables, t)
		}
	}
	for i := range mocks {
		s.mocks[mockedQuery(ws, mocks[i].Name).Name] = &mocks[i]
	}
	s.Factory = rows.NewFactory(ws.Config.Seed, append(slices.Clip(s.Tables), mocks...))
	return s, nil
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
