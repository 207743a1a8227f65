package engine

import (
	"fmt"
	"strings"

	"github.com/jig-sql/jig/workspace"
	"github.com/jig-sql/jig/workspace/diag"
)

// Comparison is the outcome of comparing expected rows with a result.
type Comparison struct {
	// Columns are the columns compared, in the result's order.
	Columns []string
	// Problem is set when the columns themselves do not match (names, or a
	// value that is not of its column's type); rows are not compared then.
	// ProblemLine is the fixture line it is about (0 when none).
	Problem     string
	ProblemLine int
	// Rows lists every expected and actual row with its fate, in display
	// order: matched and changed rows in expected order, then unexpected.
	Rows []DiffRow
}

// Mark says what happened to a row.
type Mark int

// Row marks.
const (
	Same       Mark = iota // in both
	Missing                // expected, not in the result ("-")
	Unexpected             // in the result, not expected ("+")
	Changed                // paired rows differing in some cells
)

// DiffRow is one line of a diff. Expected and Actual index the expected rows
// and the result rows (-1 when absent); Cells marks the changed columns
// (indexes into Comparison.Columns) of a Changed row.
type DiffRow struct {
	Mark     Mark
	Expected int
	Actual   int
	Cells    []int
}

// OK reports whether expected and actual agree.
func (c *Comparison) OK() bool {
	if c.Problem != "" {
		return false
	}
	for _, r := range c.Rows {
		if r.Mark != Same {
			return false
		}
	}
	return true
}

// Compare compares a fixture's expectation with a result: as a multiset
// unless exp.Ordered, on every column unless exp.Columns is partial, each
// value as a value of its result column's type.
func Compare(exp *workspace.Expect, res *Result) *Comparison {
	c := &Comparison{}
	cols, line, problem := compareColumns(exp, res)
	if problem != "" {
		c.Problem, c.ProblemLine = problem, line
		return c
	}
	for _, i := range cols {
		c.Columns = append(c.Columns, res.Columns[i].Name)
	}
	m := &matcher{exp: exp, res: res, cols: cols}
	if line, err := m.checkTypes(); err != "" {
		c.Problem, c.ProblemLine = err, line
		return c
	}
	if exp.Ordered {
		c.Rows = m.ordered()
	} else {
		c.Rows = m.multiset()
	}
	return c
}

// compareColumns picks the result columns to compare and reports names that
// do not match.
func compareColumns(exp *workspace.Expect, res *Result) ([]int, int, string) {
	index := map[string]int{}
	var names []string
	for i, col := range res.Columns {
		if _, dup := index[col.Name]; dup && exp.Columns != workspace.ColumnsPartial {
			return nil, 0, fmt.Sprintf("the result has two columns named %q; give them distinct aliases", col.Name)
		}
		index[col.Name] = i
		names = append(names, col.Name)
	}
	named := map[string]bool{}
	for _, r := range exp.Rows {
		for _, cell := range r.Cells {
			if _, ok := index[cell.Column]; !ok {
				return nil, cell.Line, fmt.Sprintf("expected column %q is not in the result (its columns: %s)%s",
					cell.Column, strings.Join(names, ", "), hintNearest(cell.Column, names))
			}
			named[cell.Column] = true
		}
	}
	var cols []int
	for i, col := range res.Columns {
		switch {
		case named[col.Name]:
			cols = append(cols, i)
		case exp.Columns != workspace.ColumnsPartial && len(exp.Rows) > 0:
			return nil, exp.Line, fmt.Sprintf("the result has column %q, which the expected rows do not set; add it to them or set `columns: partial`", col.Name)
		}
	}
	if exp.Columns != workspace.ColumnsPartial {
		for _, r := range exp.Rows {
			for _, i := range cols {
				if _, ok := r.Get(res.Columns[i].Name); !ok {
					return nil, r.Line, fmt.Sprintf("expected row does not set column %q; set it (null for NULL) or use `columns: partial`", res.Columns[i].Name)
				}
			}
		}
	}
	return cols, 0, ""
}

// hintNearest is "; did you mean `x`?" for a misspelt column, or "".
func hintNearest(name string, names []string) string {
	if h := diag.DidYouMean(name, names); h != "" {
		return "; " + h
	}
	return ""
}

type matcher struct {
	exp  *workspace.Expect
	res  *Result
	cols []int
}

// checkTypes reports an expected value that is not a value of its column's
// type at all (a type mismatch, not a row difference).
func (m *matcher) checkTypes() (int, string) {
	for _, r := range m.exp.Rows {
		for _, i := range m.cols {
			col := m.res.Columns[i]
			cell, ok := r.Get(col.Name)
			if !ok || cell.Value == nil {
				continue
			}
			probe := Value{Text: probeText(col.Type)}
			if _, err := equalValue(col.Type, cell.Value, probe, 0); err != nil {
				return cell.Line, fmt.Sprintf("column %q is %s, but the expected value is not one: %v", col.Name, displayType(col.Type), err)
			}
		}
	}
	return 0, ""
}

// probeText is any valid output of a type, used to validate expected values.
func probeText(typ string) string {
	if strings.HasPrefix(typ, "_") {
		return "{}"
	}
	switch typ {
	case "int2", "int4", "int8", "numeric", "float4", "float8":
		return "0"
	case "bool":
		return "f"
	case "json", "jsonb":
		return "null"
	case "timestamptz", "timestamp", "date":
		return "2000-01-01 00:00:00"
	}
	return ""
}

func displayType(t string) string {
	if e, ok := strings.CutPrefix(t, "_"); ok {
		return e + "[]"
	}
	return t
}

// cellsDiffer lists the compared columns where expected row e and actual
// row a differ.
func (m *matcher) cellsDiffer(e, a int) []int {
	var diff []int
	for k, i := range m.cols {
		col := m.res.Columns[i]
		cell, ok := m.exp.Rows[e].Get(col.Name)
		if !ok {
			continue // partial: not compared
		}
		eq, _ := equalValue(col.Type, cell.Value, m.res.Rows[a][i], m.tolerance(col.Name))
		if !eq {
			diff = append(diff, k)
		}
	}
	return diff
}

func (m *matcher) tolerance(col string) float64 {
	if t, ok := m.exp.ColumnTolerance[col]; ok {
		return t
	}
	return m.exp.Tolerance
}

func (m *matcher) ordered() []DiffRow {
	var out []DiffRow
	n := max(len(m.exp.Rows), len(m.res.Rows))
	for i := 0; i < n; i++ {
		switch {
		case i >= len(m.res.Rows):
			out = append(out, DiffRow{Mark: Missing, Expected: i, Actual: -1})
		case i >= len(m.exp.Rows):
			out = append(out, DiffRow{Mark: Unexpected, Expected: -1, Actual: i})
		default:
			if d := m.cellsDiffer(i, i); len(d) > 0 {
				out = append(out, DiffRow{Mark: Changed, Expected: i, Actual: i, Cells: d})
			} else {
				out = append(out, DiffRow{Mark: Same, Expected: i, Actual: i})
			}
		}
	}
	return out
}

// multiset matches equal rows first, then pairs the leftovers that share the
// most cells as changed rows, so a one-cell difference reads as one changed
// row rather than a missing and an unexpected one.
func (m *matcher) multiset() []DiffRow {
	used := make([]bool, len(m.res.Rows))
	match := make([]int, len(m.exp.Rows))
	for e := range m.exp.Rows {
		match[e] = -1
		for a := range m.res.Rows {
			if !used[a] && len(m.cellsDiffer(e, a)) == 0 {
				match[e], used[a] = a, true
				break
			}
		}
	}
	var out []DiffRow
	for e, a := range match {
		if a >= 0 {
			out = append(out, DiffRow{Mark: Same, Expected: e, Actual: a})
			continue
		}
		best, bestDiff := -1, []int(nil)
		for a := range m.res.Rows {
			if used[a] {
				continue
			}
			if d := m.cellsDiffer(e, a); len(d) < len(m.cols) && (best < 0 || len(d) < len(bestDiff)) {
				best, bestDiff = a, d
			}
		}
		if best >= 0 {
			used[best] = true
			out = append(out, DiffRow{Mark: Changed, Expected: e, Actual: best, Cells: bestDiff})
		} else {
			out = append(out, DiffRow{Mark: Missing, Expected: e, Actual: -1})
		}
	}
	for a := range m.res.Rows {
		if !used[a] {
			out = append(out, DiffRow{Mark: Unexpected, Expected: -1, Actual: a})
		}
	}
	return out
}

// ExpectedRows turns a result into expected rows (for --update and the
// workbench's "accept as expected"), values as YAML scalars of their type.
func ExpectedRows(res *Result) []workspace.Row {
	rows := make([]workspace.Row, len(res.Rows))
	for i, r := range res.Rows {
		cells := make([]workspace.Cell, len(res.Columns))
		for j, col := range res.Columns {
			cells[j] = workspace.Cell{Column: col.Name, Value: yamlValue(col.Type, r[j])}
		}
		rows[i] = workspace.Row{Cells: cells}
	}
	return rows
}

// yamlValue is the natural YAML value for a result cell: numbers and
// booleans unquoted where that reads back exactly, everything else as text.
func yamlValue(typ string, v Value) any {
	if v.Null {
		return nil
	}
	switch typ {
	case "int2", "int4", "int8":
		var n int64
		if _, err := fmt.Sscan(v.Text, &n); err == nil {
			return n
		}
	case "bool":
		return v.Text == "t"
	}
	return v.Text
}
