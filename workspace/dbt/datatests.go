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

// checkFor maps one dbt data test to a jig check entry; warn says what of
// it jig does not honour, or why it is skipped (entry nil).
func (l *loader) checkFor(dt *DataTest, table string) (map[string]any, string) {
	col := dt.Column
	if c := dt.Args.get("column_name").str(); c != "" {
		col = c
	}
	args := dt.Args
	kind, params := strings.TrimPrefix(dt.Kind, "dbt."), map[string]any{}
	need := func(v string) string {
		if col == "" && v == "column" {
			return "it needs a column (put it under the column, or give column_name:)"
		}
		return ""
	}
	switch kind {
	case "not_null", "unique", "accepted_values", "not_accepted_values", "relationships",
		"dbt_utils.accepted_range", "dbt_utils.not_empty_string", "dbt_utils.not_accepted_values":
		if w := need("column"); w != "" {
			return nil, w
		}
	}
	var warn string
	switch kind {
	case "not_null":
		params["column"] = col
	case "unique":
		params["columns"] = []string{col}
	case "accepted_values", "not_accepted_values", "dbt_utils.not_accepted_values":
		params["column"], params["values"] = col, args.get("values").plain()
		kind = strings.TrimPrefix(kind, "dbt_utils.")
	case "relationships":
		to, err := l.inputTable(args.get("to").str())
		if err != "" {
			return nil, err
		}
		params["column"], params["to"] = col, to
		if f := args.get("field").str(); f != "" {
			params["field"] = f
		}
	case "dbt_utils.expression_is_true":
		expr := args.get("expression").str()
		if col != "" {
			expr = col + " " + expr
		}
		kind, params["expression"] = "expression", expr
	case "dbt_utils.accepted_range":
		kind, params["column"] = "accepted_range", col
		if v := args.get("min_value"); v != nil {
			params["min"] = v.plain()
		}
		if v := args.get("max_value"); v != nil {
			params["max"] = v.plain()
		}
		if inc := args.get("inclusive"); inc != nil && inc.Value == false {
			params["exclusive"] = true
		}
	case "dbt_utils.unique_combination_of_columns":
		kind, params["columns"] = "unique", args.get("combination_of_columns").strs()
	case "dbt_utils.not_empty_string":
		kind, params["column"] = "not_empty", col
		if t := args.get("trim_whitespaces"); t != nil && t.Value == false {
			warn = "trim_whitespaces: false is not honoured: jig's not_empty also fails blank strings"
		}
	case "dbt_utils.recency":
		field := args.get("field").str()
		if field == "" {
			field = col
		}
		kind, params["column"] = "freshness", field
		params["max_age"] = fmt.Sprintf("%v %ss", args.get("interval").plain(), args.get("datepart").str())
	case "dbt_utils.equal_rowcount":
		to, err := l.inputTable(args.get("compare_model").str())
		if err != "" {
			return nil, err
		}
		kind, params["to"] = "equal_row_count", to
	default:
		return nil, "jig has no check for " + dt.Kind + "; it is skipped"
	}
	if w := l.options(dt, params); w != "" {
		warn = strings.TrimPrefix(warn+"; "+w, "; ")
	}
	return map[string]any{kind: params}, warn
}

// options copies config: severity and where, and the test's name.
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
	if w := get("where").str(); w != "" {
		params["where"] = w
	}
	params["name"] = dt.Name
	if dt.Name == "" {
		params["name"] = l.testName(dt)
	}
	var warn []string
	for _, k := range []string{"warn_if", "error_if"} {
		if v := strings.ReplaceAll(get(k).str(), " ", ""); v != "" && v != "!=0" && v != ">0" {
			warn = append(warn, fmt.Sprintf("%s: %s is not honoured: a jig check fails on any failing row", k, get(k).str()))
		}
	}
	return strings.Join(warn, "; ")
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
