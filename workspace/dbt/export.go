package dbt

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strings"

	"github.com/jig-sql/jig/workspace"
	"github.com/jig-sql/jig/workspace/diag"
)

// ExportTable is one table's rows for a dbt unit test: column names, and
// per row a value per column (nil for NULL, a string, int64, float64 or
// bool; a column a row leaves out is absent from its map).
type ExportTable struct {
	Table string
	Rows  []map[string]any
	Cols  []string // column order
	SQL   string   // a SELECT giving the rows instead (sql format)
}

// Export writes jig fixtures as dbt unit tests of a project.
type Export struct {
	l *loader
}

// NewExport reads the dbt project of ws for exporting its fixtures.
func NewExport(ws *workspace.Workspace) (*Export, error) {
	data, err := os.ReadFile(ws.Abs(ProjectFile))
	if err != nil {
		return nil, fmt.Errorf("%s is not a dbt project (no %s): %w", ws.Dir, ProjectFile, err)
	}
	var errs, warns diag.Errors
	l := &loader{w: ws, proj: ParseProject(data, &errs), models: map[string]*model{},
		rendered: map[string]*workspace.Query{}, seeds: map[string]*workspace.Seed{}, errs: &errs, warns: &warns}
	for _, s := range ws.Seeds {
		l.seeds[s.Name] = s
	}
	l.readMacros()
	l.readProperties()
	l.readModels()
	l.prelude = newPrelude(l.macros, func(string, int, int, string) {})
	return &Export{l: l}, errs.Err()
}

// inputs renders the model to learn what it reads, in order, each as a
// unit test's input names it.
func (e *Export) inputs(model string) ([]string, map[string]string, error) {
	m := e.l.models[model]
	st := &state{ld: e.l, model: m.Name, schema: m.Schema}
	if _, rerr := renderTemplate(e.l.prelude, m.Path, m.Text, st); rerr != nil {
		return nil, nil, rerr
	}
	return st.refs, st.inputs, nil
}

// input is how a unit test names the table a fixture gives rows for: as
// the model reads it, else ref() for a model or seed, source() for a
// source's table.
func (e *Export) input(table string, reads map[string]string) (string, error) {
	if in, ok := reads[table]; ok {
		return in, nil
	}
	if e.l.models[table] != nil || e.l.seeds[table] != nil {
		return fmt.Sprintf("ref('%s')", table), nil
	}
	for _, s := range e.l.props.Sources {
		for _, t := range s.Tables {
			if e.l.sourceName(s.Schema, t.Identifier) == table {
				return fmt.Sprintf("source('%s', '%s')", s.Name, t.Name), nil
			}
		}
	}
	return "", fmt.Errorf("%s is not a model, a seed or a source's table of the dbt project (declare it under sources: in a models YAML file)", table)
}

// UnitTest renders a fixture as a unit_tests: entry (a YAML list item
// indented for a top-level unit_tests: key). given holds the rows of each
// given table as they should be written; expect is the fixture's.
func (e *Export) UnitTest(f *workspace.Fixture, given []ExportTable) (string, error) {
	switch {
	case e.l.models[f.Query] == nil:
		return "", fmt.Errorf("%s: query %s is not a model of the dbt project", f.Path, f.Query)
	case f.Setup != "":
		return "", fmt.Errorf("%s: the fixture has setup: SQL, which a dbt unit test cannot hold", f.Path)
	case f.Expect.Table != "":
		return "", fmt.Errorf("%s: the fixture expects the rows of table %s; a dbt unit test expects its model's rows", f.Path, f.Expect.Table)
	case f.Expect.Rows == nil:
		return "", fmt.Errorf("%s: the fixture states no expected rows; a dbt unit test needs an expect: block", f.Path)
	}
	order, reads, err := e.inputs(f.Query)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "  - name: %s\n", testName(f.Name))
	if f.Description != "" {
		fmt.Fprintf(&b, "    description: %s\n", jsonText(f.Description))
	}
	fmt.Fprintf(&b, "    model: %s\n    given:\n", f.Query)
	done := map[string]bool{}
	for _, g := range given {
		in, err := e.input(g.Table, reads)
		if err != nil {
			return "", fmt.Errorf("%s: %w", f.Path, err)
		}
		done[g.Table] = true
		if err := writeInput(&b, in, g); err != nil {
			return "", fmt.Errorf("%s: %w", f.Path, err)
		}
	}
	for _, name := range order { // dbt wants every input given; jig's default is an empty table
		if !done[name] {
			fmt.Fprintf(&b, "      - input: %s\n        rows: []\n", reads[name])
		}
	}
	b.WriteString("    expect:\n      rows:\n")
	cols, rows := fixtureRows(f.Expect.Rows)
	writeRows(&b, "        ", cols, rows)
	return b.String(), nil
}

var nonName = regexp.MustCompile(`[^A-Za-z0-9_]+`)

// testName is a dbt test name from a fixture's: query/stem → stem.
func testName(name string) string {
	if i := strings.LastIndex(name, "/"); i >= 0 {
		name = name[i+1:]
	}
	return strings.Trim(nonName.ReplaceAllString(name, "_"), "_")
}

// fixtureRows are rows as a fixture writes them.
func fixtureRows(rows []workspace.Row) ([]string, []map[string]any) {
	var cols []string
	seen := map[string]bool{}
	out := make([]map[string]any, len(rows))
	for i, r := range rows {
		out[i] = map[string]any{}
		for _, c := range r.Cells {
			if !seen[c.Column] {
				seen[c.Column] = true
				cols = append(cols, c.Column)
			}
			out[i][c.Column] = c.Value
		}
	}
	return cols, out
}

// FixtureGiven is the given rows of f as written (the columns it sets).
func FixtureGiven(f *workspace.Fixture) []ExportTable {
	var out []ExportTable
	for _, g := range f.Given {
		cols, rows := fixtureRows(g.Rows)
		out = append(out, ExportTable{Table: g.Table, Cols: cols, Rows: rows, SQL: g.SQL})
	}
	return out
}

// writeInput writes one given: entry, in dict format or, for rows a SELECT
// gives, in sql format.
func writeInput(b *strings.Builder, in string, g ExportTable) error {
	fmt.Fprintf(b, "      - input: %s\n", in)
	if g.SQL == "" {
		b.WriteString("        rows:\n")
		writeRows(b, "          ", g.Cols, g.Rows)
		return nil
	}
	if len(g.Rows) > 0 {
		return fmt.Errorf("%s has rows and sql: rows, which one dbt input cannot hold", g.Table)
	}
	b.WriteString("        format: sql\n        rows: |\n")
	for _, line := range strings.Split(strings.TrimRight(g.SQL, "\n"), "\n") {
		b.WriteString(strings.TrimRight("          "+line, " ") + "\n")
	}
	return nil
}

// writeRows writes rows in dict format, one flow map per row.
func writeRows(b *strings.Builder, indent string, cols []string, rows []map[string]any) {
	if len(rows) == 0 {
		b.WriteString(indent + "[]\n")
		return
	}
	for _, r := range rows {
		var cells []string
		for _, c := range cols {
			if v, ok := r[c]; ok {
				cells = append(cells, c+": "+yamlValue(v))
			}
		}
		b.WriteString(indent + "- {" + strings.Join(cells, ", ") + "}\n")
	}
}

func yamlValue(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return jsonText(x)
	}
	j, _ := json.Marshal(v)
	return string(j)
}

func jsonText(s string) string {
	j, _ := json.Marshal(s)
	return string(j)
}

// Append adds a unit test entry to the property file that declares the
// model (or the model's own <model>.yml beside it), under its unit_tests:
// key, and returns that file.
func (e *Export) Append(model, entry string) (string, error) {
	file := e.propertyFile(model)
	data, err := os.ReadFile(e.l.w.Abs(file))
	if err != nil && !os.IsNotExist(err) {
		return "", err
	}
	text := string(data)
	if text != "" && !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	if loc := regexp.MustCompile(`(?m)^unit_tests:[ \t]*\n`).FindStringIndex(text); loc != nil {
		end := len(text)
		if next := regexp.MustCompile(`(?m)^[A-Za-z_]`).FindStringIndex(text[loc[1]:]); next != nil {
			end = loc[1] + next[0]
		}
		text = text[:end] + entry + text[end:]
	} else {
		if text == "" {
			text = "version: 2\n"
		}
		text += "\nunit_tests:\n" + entry
	}
	return file, os.WriteFile(e.l.w.Abs(file), []byte(text), 0o644)
}

func (e *Export) propertyFile(model string) string {
	for _, m := range e.l.props.Models {
		if m.Name == model {
			return m.File
		}
	}
	return strings.TrimSuffix(e.l.models[model].Path, ".sql") + ".yml"
}
