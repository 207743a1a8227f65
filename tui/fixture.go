package tui

import (
	"encoding/json"
	"fmt"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/rows"
	"github.com/jig-sql/jig/workspace"
)

// Fixture is the session as a workspace.Fixture: only the valid overrides,
// in table column order, the expected rows and the description. The live
// run and the save both use it, so a saved fixture replays as shown.
func (s *Session) Fixture(fixturesDir string) *workspace.Fixture {
	stem := s.Name
	if stem == "" {
		stem = "unsaved"
	}
	f := &workspace.Fixture{
		Path:        path.Join(fixturesDir, s.Query, stem+".yaml"),
		Name:        s.Query + "/" + stem,
		Query:       s.Query,
		Description: s.Description,
		Setup:       s.Setup,
		Steps:       s.Steps,
		Checks:      s.Checks,
		Expect:      s.Expect,
	}
	for _, t := range s.Tables {
		if len(t.Rows) == 0 && t.CSV == nil {
			continue // a CSV given emptied stays, so saving says so
		}
		g := workspace.GivenTable{Table: t.Name, CSV: t.CSV}
		for _, r := range t.Rows {
			g.Rows = append(g.Rows, workspace.Row{Cells: r.cells(t.Columns)})
		}
		f.Given = append(f.Given, g)
	}
	return f
}

// cells lists a row's valid overrides in column order; columns the table
// does not know (yet) come last, by name.
func (r InputRow) cells(columns []string) []workspace.Cell {
	out := make([]workspace.Cell, 0, len(r))
	seen := 0
	for _, c := range columns {
		if v, ok := r[c]; ok {
			seen++
			if v.Valid() {
				out = append(out, workspace.Cell{Column: c, Value: v.Value})
			}
		}
	}
	if seen < len(r) {
		var rest []string
		for c := range r {
			if !containsString(columns, c) {
				rest = append(rest, c)
			}
		}
		sort.Strings(rest)
		for _, c := range rest {
			if v := r[c]; v.Valid() {
				out = append(out, workspace.Cell{Column: c, Value: v.Value})
			}
		}
	}
	return out
}

// OpenSession continues a saved fixture. Cell texts are filled in by
// Normalize once the tables' types are known.
func OpenSession(f *workspace.Fixture) *Session {
	s := NewSession(f.Query)
	s.Name = strings.TrimPrefix(f.Name, f.Query+"/")
	s.Description, s.Setup, s.Checks, s.Steps = f.Description, f.Setup, f.Checks, f.Steps
	s.Expect = f.Expect
	for _, g := range f.Given {
		t := s.Table(g.Table)
		t.CSV = g.CSV
		for _, r := range g.Rows {
			row := InputRow{}
			for _, c := range r.Cells {
				row[c.Column] = InputCell{Value: c.Value, Text: fmt.Sprint(c.Value)}
				if !containsString(t.Columns, c.Column) {
					t.Columns = append(t.Columns, c.Column)
				}
			}
			t.Rows = append(t.Rows, row)
		}
	}
	return s
}

// Normalize adopts the described tables: column order, and each cell's
// display text as Postgres would read it (a value that no longer fits its
// column turns invalid).
func (s *Session) Normalize(tables []workspace.Table) {
	for _, t := range s.Tables {
		wt := findTable(tables, t.Name)
		if wt == nil {
			continue
		}
		t.Columns = t.Columns[:0]
		for _, c := range wt.Columns {
			t.Columns = append(t.Columns, c.Name)
		}
		for _, r := range t.Rows {
			for name, c := range r {
				col, ok := wt.Column(name)
				if !ok || !c.Valid() {
					continue
				}
				v, err := rows.FromYAML(col.Type, c.Value)
				if err != nil {
					r[name] = InputCell{Text: fmt.Sprint(c.Value), Reason: err.Error()}
					continue
				}
				r[name] = InputCell{Value: c.Value, Text: v.Text}
			}
		}
	}
}

// ParseCell reads what the user typed into a cell of column col: a valid
// cell holds the value as YAML will save it; an invalid one keeps the text
// and the reason.
func ParseCell(col workspace.Column, text string) InputCell {
	v, err := rows.Parse(col.Type, text)
	if err != nil {
		return InputCell{Text: text, Reason: err.Error()}
	}
	if v.Null {
		return InputCell{Value: nil}
	}
	val := naturalValue(col.Type, v.Text)
	if typed := strings.TrimSpace(text); typed != v.Text {
		if n := naturalValue(col.Type, typed); isNumber(n) && isNumber(val) {
			val = n // the number as typed (5.5), not as the column spells it (5.50)
		}
	}
	return InputCell{Value: val, Text: v.Text}
}

func isNumber(v any) bool {
	switch v.(type) {
	case int64, json.Number:
		return true
	}
	return false
}

// naturalValue is the YAML value that reads back as text, saved as the
// user typed it: integers as ints, booleans as bools, decimals as their
// digits (json.Number, written unquoted), the rest as strings.
func naturalValue(t workspace.Type, text string) any {
	if t.IsArray() {
		return text
	}
	switch t.Base {
	case "int2", "int4", "int8":
		if n, err := strconv.ParseInt(text, 10, 64); err == nil {
			return n
		}
	case "bool":
		if b, err := strconv.ParseBool(text); err == nil {
			return b
		}
	case "numeric", "float4", "float8":
		if n, err := strconv.ParseInt(text, 10, 64); err == nil && typedInt.MatchString(text) {
			return n // 5 stays 5, not 5.0
		}
		if typedDecimal.MatchString(text) {
			return json.Number(text) // 5.50 saved as typed, every digit kept
		}
	}
	return text
}

// Numbers that YAML reads back as the same spelling: integers without
// leading zeros, decimals with digits on both sides of the point.
var (
	typedInt     = regexp.MustCompile(`^-?(0|[1-9][0-9]*)$`)
	typedDecimal = regexp.MustCompile(`^-?(0|[1-9][0-9]*)\.[0-9]+$`)
)

// findTable finds a table by the name a fixture gives it: events in the
// default schema, atomic.events in another.
func findTable(tables []workspace.Table, name string) *workspace.Table {
	for i := range tables {
		if tables[i].Schema == "" && tables[i].Name == name || engine.UserName(&tables[i]) == name {
			return &tables[i]
		}
	}
	return nil
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
