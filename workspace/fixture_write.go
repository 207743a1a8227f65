package workspace

import (
	"reflect"
	"slices"
	"strings"
)

// MarshalFixture renders a fixture in the style of DESIGN.md: block
// structure, one flow-style mapping per row, keys in file order, strings
// quoted only when needed. ParseFixture reads the result back to the same
// fixture.
func MarshalFixture(f *Fixture) []byte {
	var b strings.Builder
	b.WriteString("query: " + stepsYAML(f) + "\n")
	if f.Description != "" {
		b.WriteString(yamlText("description", f.Description))
	}
	if f.Setup != "" {
		b.WriteString(yamlText("setup", f.Setup))
	}
	if len(f.Given) > 0 {
		b.WriteString("given:\n")
		for _, g := range f.Given {
			if g.CSV.Unchanged(g.Rows) {
				b.WriteString(csvBlock("  ", yamlString(g.Table), g.CSV)) // kept as written
				continue
			}
			b.WriteString(rowsBlock("  ", yamlString(g.Table), g.Rows))
		}
	}
	writeExpect(&b, &f.Expect)
	if len(f.Checks) > 0 {
		b.WriteString("checks:\n")
		for _, c := range f.Checks {
			text := strings.TrimRight(string(c.YAML), "\n")
			b.WriteString("  - " + strings.TrimPrefix(indentLines(text, "    "), "    ") + "\n")
		}
	}
	return []byte(b.String())
}

func writeExpect(b *strings.Builder, e *Expect) {
	columns := e.Columns != "" && e.Columns != ColumnsAll
	if e.Table == "" && e.Rows == nil && !e.Ordered && !columns && e.Tolerance == 0 && len(e.ColumnTolerance) == 0 {
		return
	}
	b.WriteString("expect:\n")
	if e.Table != "" {
		b.WriteString("  table: " + yamlString(e.Table) + "\n")
	}
	if e.Rows != nil {
		b.WriteString(rowsBlock("  ", "rows", e.Rows))
	}
	if e.Ordered {
		b.WriteString("  ordered: true\n")
	}
	if columns {
		b.WriteString("  columns: " + yamlString(e.Columns) + "\n")
	}
	if e.Tolerance != 0 {
		b.WriteString("  tolerance: " + yamlFloat(e.Tolerance) + "\n")
	}
	if len(e.ColumnTolerance) > 0 {
		m := make(map[string]any, len(e.ColumnTolerance))
		for k, v := range e.ColumnTolerance {
			m[k] = v
		}
		b.WriteString("  column_tolerance: " + yamlValue(m) + "\n")
	}
}

// rowsBlock renders "key:" and its rows, one flow mapping per line.
func rowsBlock(indent, key string, rows []Row) string {
	if len(rows) == 0 {
		return indent + key + ": []\n"
	}
	var b strings.Builder
	b.WriteString(indent + key + ":\n")
	for _, r := range rows {
		b.WriteString(indent + "  - " + flowRow(r) + "\n")
	}
	return b.String()
}

// flowRow renders {col: value, ...} in the row's own column order.
func flowRow(r Row) string {
	parts := make([]string, len(r.Cells))
	for i, c := range r.Cells {
		parts[i] = yamlString(c.Column) + ": " + yamlValue(c.Value)
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// SameRows reports whether two row lists hold the same columns and values
// in the same order, ignoring positions.
func SameRows(a, b []Row) bool {
	return slices.EqualFunc(a, b, func(x, y Row) bool {
		return slices.EqualFunc(x.Cells, y.Cells, func(c, d Cell) bool {
			return c.Column == d.Column && sameCellValue(c.Value, d.Value)
		})
	})
}

// sameCellValue is equality of two cell values, numbers by value: YAML's
// `00.` reads as the float 0 and writes back as `0.0`, an exact number
// that is still 0. Text is never equal to a number here.
func sameCellValue(a, b any) bool {
	if reflect.DeepEqual(a, b) {
		return true
	}
	if _, ok := a.(string); ok {
		return false
	}
	if _, ok := b.(string); ok {
		return false
	}
	return looseEqual(a, b)
}
