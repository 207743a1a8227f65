package dbt

import (
	"strings"

	"github.com/jig-sql/jig/workspace/diag"
)

// Properties is everything the YAML files under the model and seed paths
// declare (dbt calls them property files).
type Properties struct {
	Sources   []*Source
	Models    []*ModelSpec // models and seeds, by name
	UnitTests []*UnitTest
}

// Source is one entry of sources:.
type Source struct {
	Name, Schema string
	Tables       []*SourceTable
	File         string
}

// SourceTable is one table of a source.
type SourceTable struct {
	Name, Identifier string
	Columns          []*Column
	Tests            []*DataTest
	Line, Col        int
}

// ModelSpec is one entry of models: (or seeds:).
type ModelSpec struct {
	Name      string
	File      string
	Columns   []*Column
	Tests     []*DataTest
	Line, Col int
}

// Column is one documented column.
type Column struct {
	Name, DataType string
	Tests          []*DataTest
}

// DataTest is one generic data test as written: its kind
// ("not_null", "dbt_utils.accepted_range"), its arguments and config.
type DataTest struct {
	Kind   string
	Name   string // the name: key, "" when dbt makes one up
	Column string // "" for a model-level test
	Args   *node  // nil when the test takes none
	Config *node
	File   string
	Line   int
	Col    int
}

// UnitTest is one entry of unit_tests:.
type UnitTest struct {
	Name, Model, Description string
	Given                    []*UnitInput
	Expect                   *UnitRows
	Overrides                *node
	File                     string
	Line, Col                int
}

// UnitInput is one given: item.
type UnitInput struct {
	Input     string // as written: "ref('stg_orders')"
	Rows      *UnitRows
	Line, Col int
}

// UnitRows is rows in one of dbt's formats.
type UnitRows struct {
	Format  string // dict (default), csv or sql
	Rows    *node  // a list of maps (dict) or a string (csv, sql)
	Fixture string // fixture: name, read from test-paths/fixtures
	Line    int
}

// parseProperties reads one property file into p.
func (p *Properties) parse(file string, data []byte, errs *diag.Errors) {
	root := parseYAML(file, data, errs)
	if root == nil || root.Kind != mapNode {
		return
	}
	for _, key := range []string{"models", "seeds", "snapshots"} {
		for _, m := range root.get(key).listOf() {
			p.Models = append(p.Models, parseModel(file, m))
		}
	}
	for _, s := range root.get("sources").listOf() {
		p.Sources = append(p.Sources, parseSource(file, s))
	}
	for _, u := range root.get("unit_tests").listOf() {
		p.UnitTests = append(p.UnitTests, parseUnitTest(file, u))
	}
}

// listOf is a list node's items (nil for anything else).
func (n *node) listOf() []*node {
	if n == nil || n.Kind != listNode {
		return nil
	}
	return n.List
}

func parseModel(file string, n *node) *ModelSpec {
	m := &ModelSpec{Name: n.get("name").str(), File: file, Line: n.Line, Col: n.Col}
	m.Tests = parseTests(file, "", n)
	m.Columns = parseColumns(file, n)
	return m
}

func parseColumns(file string, n *node) []*Column {
	var out []*Column
	for _, c := range n.get("columns").listOf() {
		col := &Column{Name: c.get("name").str(), DataType: c.get("data_type").str()}
		col.Tests = parseTests(file, col.Name, c)
		out = append(out, col)
	}
	return out
}

func parseSource(file string, n *node) *Source {
	s := &Source{Name: n.get("name").str(), Schema: n.get("schema").str(), File: file}
	if s.Schema == "" {
		s.Schema = s.Name
	}
	for _, t := range n.get("tables").listOf() {
		st := &SourceTable{Name: t.get("name").str(), Identifier: t.get("identifier").str(), Line: t.Line, Col: t.Col}
		if st.Identifier == "" {
			st.Identifier = st.Name
		}
		st.Tests = parseTests(file, "", t)
		st.Columns = parseColumns(file, t)
		s.Tables = append(s.Tables, st)
	}
	return s
}

// parseTests reads data_tests: and tests: (dbt's older spelling).
func parseTests(file, column string, n *node) []*DataTest {
	var out []*DataTest
	for _, key := range []string{"data_tests", "tests"} {
		for _, t := range n.get(key).listOf() {
			out = append(out, parseTest(file, column, t))
		}
	}
	return out
}

// parseTest reads `- not_null`, `- unique: {config: …}`, `- accepted_values:
// {values: […]}` (arguments beside config, or under arguments: as dbt 1.10
// writes them) and `- {name: x, test_name: unique, …}`.
func parseTest(file, column string, t *node) *DataTest {
	dt := &DataTest{Column: column, File: file, Line: t.Line, Col: t.Col}
	switch {
	case t.Kind == scalarNode:
		dt.Kind = t.str()
		return dt
	case t.Kind == mapNode && t.get("test_name") != nil:
		dt.Kind, dt.Name = t.get("test_name").str(), t.get("name").str()
		dt.Args = t
	case t.Kind == mapNode && len(t.Keys) > 0:
		dt.Kind = t.Keys[0]
		dt.Args = t.Map[dt.Kind]
		if len(t.Keys) > 1 && dt.Args.Kind == scalarNode && dt.Args.Value == nil {
			dt.Args = t // `- unique:` followed by sibling keys
		}
	}
	if dt.Args != nil && dt.Args.Kind == mapNode {
		if a := dt.Args.get("arguments"); a != nil {
			dt.Config = dt.Args.get("config")
			dt.Args = a
		} else {
			dt.Config = dt.Args.get("config")
		}
		if dt.Name == "" {
			dt.Name = dt.Args.get("name").str()
		}
	}
	dt.Kind = strings.TrimSpace(dt.Kind)
	return dt
}

func parseUnitTest(file string, n *node) *UnitTest {
	u := &UnitTest{Name: n.get("name").str(), Model: n.get("model").str(),
		Description: n.get("description").str(), Overrides: n.get("overrides"),
		File: file, Line: n.Line, Col: n.Col}
	for _, g := range n.get("given").listOf() {
		u.Given = append(u.Given, &UnitInput{Input: g.get("input").str(), Rows: parseRows(g), Line: g.Line, Col: g.Col})
	}
	if e := n.get("expect"); e != nil {
		u.Expect = parseRows(e)
		u.Expect.Line = n.KeyPos["expect"][0]
	}
	return u
}

func parseRows(n *node) *UnitRows {
	r := &UnitRows{Format: n.get("format").str(), Rows: n.get("rows"), Fixture: n.get("fixture").str(), Line: n.Line}
	if r.Format == "" {
		r.Format = "dict"
	}
	return r
}
