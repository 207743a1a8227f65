package dbt

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/jig-sql/jig/workspace"
)

// checkEntry is one jig check made from a dbt data test, at the test's line.
type checkEntry struct {
	line  int
	entry map[string]any
}

// dataTests turns the generic data tests of models, seeds, columns and
// sources into check files, one per property file and table.
func (l *loader) dataTests() {
	type key struct{ file, table string }
	files := map[key][]checkEntry{}
	var keys []key
	add := func(file, table string, tests []*DataTest) {
		for _, dt := range tests {
			e, warn := l.checkFor(dt, table)
			if warn != "" {
				l.warns.Add(dt.File, dt.Line, dt.Col, "", "data test %s on %s: %s", dt.Kind, table, warn)
			}
			if e == nil {
				continue
			}
			k := key{file, table}
			if files[k] == nil {
				keys = append(keys, k)
			}
			files[k] = append(files[k], checkEntry{dt.Line, e})
		}
	}
	for _, m := range l.props.Models {
		if l.rendered[m.Name] == nil && l.seeds[m.Name] == nil {
			continue // not loaded: its warning says why
		}
		add(m.File, m.Name, modelTests(m.Tests, m.Columns))
	}
	for _, s := range l.props.Sources {
		for _, t := range s.Tables {
			add(s.File, l.sourceName(s.Schema, t.Identifier), modelTests(t.Tests, t.Columns))
		}
	}
	for _, k := range keys {
		l.w.CheckFiles = append(l.w.CheckFiles, workspace.File{Path: k.file, Data: checkFileYAML(k.table, files[k])})
	}
}

func modelTests(tests []*DataTest, cols []*Column) []*DataTest {
	out := append([]*DataTest(nil), tests...)
	for _, c := range cols {
		out = append(out, c.Tests...)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Line < out[j].Line })
	return out
}

// checkFileYAML lays a check file out so each entry stands on the line of
// its dbt test: positions of errors in it point into the property file.
func checkFileYAML(table string, entries []checkEntry) []byte {
	var b strings.Builder
	t, _ := json.Marshal(table)
	b.WriteString("table: " + string(t) + "\nchecks:\n")
	line := 3
	for _, e := range entries {
		for ; line < e.line; line++ {
			b.WriteString("\n")
		}
		j, _ := json.Marshal(e.entry)
		b.WriteString("  - " + string(j) + "\n")
		line++
	}
	return []byte(b.String())
}

// testMapping builds one jig check's parameters from a dbt test's: the
// jig kind, and a warning (or, with no kind, why the test is skipped).
type testMapping func(l *loader, t *testArgs) (kind, warn string)

// testArgs is one dbt test being mapped.
type testArgs struct {
	col    string
	args   *node
	params map[string]any
}

// needsColumn lists the tests that apply to one column.
var needsColumn = map[string]bool{"not_null": true, "unique": true, "accepted_values": true,
	"not_accepted_values": true, "relationships": true, "dbt_utils.accepted_range": true,
	"dbt_utils.not_empty_string": true, "dbt_utils.not_accepted_values": true}

var testMappings = map[string]testMapping{
	"not_null": func(_ *loader, t *testArgs) (string, string) { t.params["column"] = t.col; return "not_null", "" },
	"unique": func(_ *loader, t *testArgs) (string, string) {
		t.params["columns"] = []string{t.col}
		return "unique", ""
	},
	"accepted_values":               valuesTest("accepted_values"),
	"not_accepted_values":           valuesTest("not_accepted_values"),
	"dbt_utils.not_accepted_values": valuesTest("not_accepted_values"),
	"relationships": func(l *loader, t *testArgs) (string, string) {
		to, err := l.inputTable(t.args.get("to").str())
		if err != "" {
			return "", err
		}
		t.params["column"], t.params["to"] = t.col, to
		if f := t.args.get("field").str(); f != "" {
			t.params["field"] = f
		}
		return "relationships", ""
	},
	"dbt_utils.expression_is_true": func(_ *loader, t *testArgs) (string, string) {
		expr := t.args.get("expression").str()
		if t.col != "" {
			expr = t.col + " " + expr
		}
		t.params["expression"] = expr
		return "expression", ""
	},
	"dbt_utils.accepted_range": func(_ *loader, t *testArgs) (string, string) {
		t.params["column"] = t.col
		if v := t.args.get("min_value"); v != nil {
			t.params["min"] = v.plain()
		}
		if v := t.args.get("max_value"); v != nil {
			t.params["max"] = v.plain()
		}
		if inc := t.args.get("inclusive"); inc != nil && inc.Value == false {
			t.params["exclusive"] = true
		}
		return "accepted_range", ""
	},
	"dbt_utils.unique_combination_of_columns": func(_ *loader, t *testArgs) (string, string) {
		t.params["columns"] = t.args.get("combination_of_columns").strs()
		return "unique", ""
	},
	"dbt_utils.not_empty_string": func(_ *loader, t *testArgs) (string, string) {
		t.params["column"] = t.col
		if tw := t.args.get("trim_whitespaces"); tw != nil && tw.Value == false {
			return "not_empty", "trim_whitespaces: false is not honoured: jig's not_empty also fails blank strings"
		}
		return "not_empty", ""
	},
	"dbt_utils.recency": func(_ *loader, t *testArgs) (string, string) {
		field := t.args.get("field").str()
		if field == "" {
			field = t.col
		}
		t.params["column"] = field
		t.params["max_age"] = fmt.Sprintf("%v %ss", t.args.get("interval").plain(), t.args.get("datepart").str())
		return "freshness", ""
	},
	"dbt_utils.equal_rowcount": func(l *loader, t *testArgs) (string, string) {
		to, err := l.inputTable(t.args.get("compare_model").str())
		if err != "" {
			return "", err
		}
		t.params["to"] = to
		return "equal_row_count", ""
	},
}

func valuesTest(kind string) testMapping {
	return func(_ *loader, t *testArgs) (string, string) {
		t.params["column"], t.params["values"] = t.col, t.args.get("values").plain()
		return kind, ""
	}
}

// checkFor maps one dbt data test to a jig check entry; warn says what of
// it jig does not honour, or why it is skipped (entry nil).
func (l *loader) checkFor(dt *DataTest, table string) (map[string]any, string) {
	t := &testArgs{col: dt.Column, args: dt.Args, params: map[string]any{}}
	if c := dt.Args.get("column_name").str(); c != "" {
		t.col = c
	}
	name := strings.TrimPrefix(dt.Kind, "dbt.")
	mapping := testMappings[name]
	switch {
	case mapping == nil:
		return nil, "jig has no check for " + dt.Kind + "; it is skipped"
	case needsColumn[name] && t.col == "":
		return nil, "it needs a column (put it under the column, or give column_name:)"
	}
	kind, warn := mapping(l, t)
	if kind == "" {
		return nil, warn
	}
	if w := l.options(dt, t.params); w != "" {
		warn = strings.TrimPrefix(warn+"; "+w, "; ")
	}
	return map[string]any{kind: t.params}, warn
}

// options copies config: severity, where, warn_if and error_if (the
// check judges its failing-row count by them, as dbt does), and the test's
// name.
func (l *loader) options(dt *DataTest, params map[string]any) string {
	get := func(k string) *node {
		if v := dt.Config.get(k); v != nil {
			return v
		}
		return dt.Args.get(k)
	}
	if s := strings.ToLower(get("severity").str()); s != "" {
		params["severity"] = s
	}
	for _, k := range []string{"where", "warn_if", "error_if"} {
		if v := get(k).str(); v != "" {
			params[k] = v
		}
	}
	params["name"] = dt.Name
	if dt.Name == "" {
		params["name"] = l.testName(dt)
	}
	return ""
}

// testName is the name dbt gives a generic test: kind_model_column.
func (l *loader) testName(dt *DataTest) string {
	kind := dt.Kind
	if i := strings.LastIndex(kind, "."); i >= 0 {
		kind = kind[:i] + "_" + kind[i+1:]
	}
	parts := []string{kind, l.testTarget(dt)}
	if dt.Column != "" {
		parts = append(parts, dt.Column)
	}
	return strings.Join(parts, "_")
}

// testTarget finds the model or source a test sits under, by position.
func (l *loader) testTarget(dt *DataTest) string {
	best, bestLine := "", 0
	for _, m := range l.props.Models {
		if m.File == dt.File && m.Line <= dt.Line && m.Line > bestLine {
			best, bestLine = m.Name, m.Line
		}
	}
	for _, s := range l.props.Sources {
		for _, t := range s.Tables {
			if s.File == dt.File && t.Line <= dt.Line && t.Line > bestLine {
				best, bestLine = "source_"+s.Name+"_"+t.Name, t.Line
			}
		}
	}
	return best
}
