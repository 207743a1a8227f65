package dbt

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"path"
	"strings"

	"github.com/jig-sql/jig/workspace"
	"github.com/nikolalohinski/gonja/v2"
	"github.com/nikolalohinski/gonja/v2/exec"
)

// overrides are a unit test's overrides: vars, macros, env_vars.
type overrides struct {
	vars, macros map[string]any
	env          map[string]string
}

func parseOverrides(n *node) *overrides {
	if n == nil {
		return nil
	}
	ov := &overrides{env: map[string]string{}}
	ov.vars, _ = n.get("vars").plain().(map[string]any)
	ov.macros, _ = n.get("macros").plain().(map[string]any)
	if env, ok := n.get("env_vars").plain().(map[string]any); ok {
		for k, v := range env {
			ov.env[k] = fmt.Sprint(v)
		}
	}
	return ov
}

// unitTests turns unit_tests: into fixtures of their model's query.
func (l *loader) unitTests() {
	for _, u := range l.props.UnitTests {
		f, err := l.fixture(u)
		if err != "" {
			l.warns.Add(u.File, u.Line, u.Col, "jig skips this unit test; the others still run", "unit test %s not loaded: %s", u.Name, err)
			continue
		}
		l.w.Fixtures = append(l.w.Fixtures, f)
	}
}

func (l *loader) fixture(u *UnitTest) (*workspace.Fixture, string) {
	m := l.models[u.Model]
	switch {
	case u.Model == "":
		return nil, "it has no model:"
	case m == nil:
		return nil, fmt.Sprintf("model %s does not exist%s", u.Model, hintName(u.Model, l.order))
	case l.rendered[u.Model] == nil:
		return nil, fmt.Sprintf("its model %s did not render (see its warning)", u.Model)
	case u.Expect == nil:
		return nil, "it has no expect:"
	}
	f := &workspace.Fixture{Path: u.File, Name: u.Model + "/" + u.Name, Query: u.Model, Missing: workspace.MissingNull, OwnChecksOnly: true, Origin: "dbt unit test " + u.Name,
		Description: strings.TrimSpace("dbt unit test " + u.Name + ". " + u.Description),
		QueryLine:   u.Line, QueryCol: u.Col}
	if q, err := l.variant(u, m); err != "" {
		return nil, err
	} else if q != nil {
		f.Query = q.Name
	}
	for _, g := range u.Given {
		table, err := l.inputTable(g.Input)
		if err != "" {
			return nil, err
		}
		gt := workspace.GivenTable{Table: table, Line: g.Line}
		if g.Rows.Format == "sql" {
			text, err := l.rowsText(g.Rows, ".sql")
			if err != "" {
				return nil, err
			}
			gt.SQL = strings.TrimRight(strings.TrimRight(text, " \t\r\n"), ";")
			gt.SQLLine, gt.SQLIndent = l.sqlStart(u.File, g.Rows)
		} else {
			rows, err := l.rows(g.Rows)
			if err != "" {
				return nil, err
			}
			gt.Rows = rows
		}
		f.Given = append(f.Given, gt)
	}
	f.Expect = workspace.Expect{Columns: workspace.ColumnsPartial, Line: u.Expect.Line}
	if u.Expect.Format == "sql" { // rows a SELECT returns, read when the fixture runs
		text, err := l.rowsText(u.Expect, ".sql")
		if err != "" {
			return nil, "expect: " + err
		}
		f.Expect.SQL = strings.TrimRight(strings.TrimRight(text, " \t\r\n"), ";")
		f.Expect.SQLLine, f.Expect.SQLIndent = l.sqlStart(u.File, u.Expect)
		return f, ""
	}
	exp, err := l.rows(u.Expect)
	if err != "" {
		return nil, "expect: " + err
	}
	if exp == nil {
		exp = []workspace.Row{}
	}
	f.Expect.Rows = exp
	return f, ""
}

// variant renders the model again under the test's overrides; when that
// changes its SQL, the fixture runs a query of its own,
// <model>__<test>.
// Unit tests with the same overrides of the same model share the render
// and its query (the first test's name).
func (l *loader) variant(u *UnitTest, m *model) (*workspace.Query, string) {
	ov := parseOverrides(u.Overrides)
	if ov == nil {
		return nil, ""
	}
	key, err := json.Marshal([]any{m.Name, ov.vars, ov.macros, ov.env})
	if err != nil { // not plain YAML values: render without sharing
		return l.renderVariant(u, m, ov)
	}
	if v, ok := l.variants[string(key)]; ok {
		return v.q, v.err
	}
	q, msg := l.renderVariant(u, m, ov)
	l.variants[string(key)] = variantResult{q, msg}
	return q, msg
}

// variantResult is a model rendered under one set of overrides: its own
// query (nil when the SQL is the model's), or why it did not render.
type variantResult struct {
	q   *workspace.Query
	err string
}

func (l *loader) renderVariant(u *UnitTest, m *model, ov *overrides) (*workspace.Query, string) {
	q, rerr := l.renderModel(m, ov)
	if rerr != nil {
		return nil, "with its overrides, the model does not render: " + rerr.Error()
	}
	if q == nil {
		return nil, "with its overrides, the model is disabled"
	}
	if q.SQL == l.rendered[m.Name].SQL {
		return nil, ""
	}
	q.Name = m.Name + "__" + u.Name
	l.w.Queries = append(l.w.Queries, q)
	return q, ""
}

// inputTable renders a given's input: (ref('x'), source('s', 't'), this)
// to the name the model reads.
func (l *loader) inputTable(input string) (string, string) {
	if strings.TrimSpace(input) == "" {
		return "", "a given has no input:"
	}
	if r, ok := l.inputs[input]; ok {
		return r[0], r[1]
	}
	name, msg := l.renderInput(input)
	l.inputs[input] = [2]string{name, msg}
	return name, msg
}

func (l *loader) renderInput(input string) (string, string) {
	tpl, err := gonja.FromString("{{ " + input + " }}")
	if err != nil {
		return "", fmt.Sprintf("input %q is not a ref(), source() or this", input)
	}
	st := &state{ld: l}
	out, err := tpl.ExecuteToString(exec.NewContext(st.globals()))
	if st.fatal != nil {
		err = st.fatal
	}
	if err != nil || strings.TrimSpace(out) == "" {
		return "", fmt.Sprintf("input %s: %v", input, err)
	}
	return strings.TrimSpace(out), ""
}

// sqlStart is where a sql block's text starts: the line after a block
// scalar's |, indented as its first line; line 1 of a fixture: file.
func (l *loader) sqlStart(file string, r *UnitRows) (line, indent int) {
	if r.Fixture != "" || r.Rows == nil {
		return 1, 0
	}
	if !r.Rows.Block {
		return r.Rows.Line, r.Rows.Col - 1
	}
	text, _ := l.read(l.w.Abs(file))
	lines := strings.Split(text, "\n")
	for i := r.Rows.Line; i < len(lines); i++ { // lines[i] is line i+1
		if t := strings.TrimLeft(lines[i], " "); t != "" {
			return i + 1, len(lines[i]) - len(t)
		}
	}
	return r.Rows.Line + 1, 0
}

// rows reads dict or csv rows, inline or from a fixture file.
func (l *loader) rows(r *UnitRows) ([]workspace.Row, string) {
	switch r.Format {
	case "dict":
		if r.Fixture != "" {
			return nil, "format dict takes its rows inline; fixture: files are csv or sql"
		}
		return dictRows(r.Rows)
	case "csv":
		text, err := l.rowsText(r, ".csv")
		if err != "" {
			return nil, err
		}
		line := r.Line
		if r.Rows != nil && r.Fixture == "" {
			line = r.Rows.Line
			if r.Rows.Block {
				line++
			}
		}
		return csvRows(text, line)
	}
	return nil, fmt.Sprintf("unknown format %q: use dict, csv or sql", r.Format)
}

// rowsText is a csv or sql block: inline, or the fixture: file under a
// test path's fixtures/ folder.
func (l *loader) rowsText(r *UnitRows, ext string) (string, string) {
	if r.Fixture == "" {
		if r.Rows == nil || r.Rows.Kind != scalarNode {
			return "", "rows: must be a text block in " + r.Format + " format"
		}
		return r.Rows.str(), ""
	}
	if text, ok := l.fixtureFiles[r.Fixture+ext]; ok {
		return text, ""
	}
	for _, tp := range l.proj.TestPaths {
		for _, f := range l.walk([]string{path.Join(tp, "fixtures")}, ext) {
			if strings.TrimSuffix(path.Base(f), ext) == r.Fixture {
				if text, ok := l.read(f); ok {
					l.fixtureFiles[r.Fixture+ext] = text
					return text, ""
				}
			}
		}
	}
	return "", fmt.Sprintf("fixture %s not found: put it at %s/fixtures/%s%s", r.Fixture, l.proj.TestPaths[0], r.Fixture, ext)
}

func dictRows(n *node) ([]workspace.Row, string) {
	if n == nil || n.Kind == scalarNode && n.Value == nil {
		return nil, ""
	}
	if n.Kind != listNode {
		return nil, "rows: must be a list of rows"
	}
	out := []workspace.Row{}
	for _, item := range n.List {
		if item.Kind != mapNode {
			return nil, fmt.Sprintf("line %d: a row is a map of column: value", item.Line)
		}
		row := workspace.Row{Line: item.Line}
		for _, k := range item.Keys {
			p := item.KeyPos[k]
			row.Cells = append(row.Cells, workspace.Cell{Column: strings.ToLower(k), Value: item.Map[k].plain(), Line: p[0], Col: p[1]})
		}
		out = append(out, row)
	}
	return out, ""
}

// csvRows reads a header and rows; an empty value is NULL, every other
// value is text for its column's type to read (as dbt casts them).
func csvRows(text string, firstLine int) ([]workspace.Row, string) {
	r := csv.NewReader(strings.NewReader(strings.TrimSpace(text)))
	r.TrimLeadingSpace = true
	recs, err := r.ReadAll()
	if err != nil {
		return nil, "csv rows: " + err.Error()
	}
	if len(recs) == 0 {
		return nil, ""
	}
	out := []workspace.Row{}
	for i, rec := range recs[1:] {
		line := firstLine + i + 1
		row := workspace.Row{Line: line}
		for j, v := range rec {
			if j >= len(recs[0]) {
				return nil, fmt.Sprintf("csv row %d has more values than the header", i+1)
			}
			var val any = v
			if v == "" {
				val = nil
			}
			row.Cells = append(row.Cells, workspace.Cell{Column: strings.ToLower(strings.TrimSpace(recs[0][j])), Value: val, Line: line, Col: 1})
		}
		out = append(out, row)
	}
	return out, ""
}
