package engine

import (
	"errors"
	"fmt"
	"github.com/jig-sql/jig/workspace/diag"
	"strings"
	"unicode/utf8"

	"github.com/jig-sql/jig/checks"
	"github.com/jig-sql/jig/workspace"
)

// ANSI colours for diffs on a terminal; engine draws nothing itself, but a
// diff must read the same in jig test, go test and CI logs.
const (
	ansiRed   = "\033[31m"
	ansiGreen = "\033[32m"
	ansiBold  = "\033[1m"
	ansiReset = "\033[0m"
)

// FormatDiff renders a comparison as aligned tables: expected rows missing
// from the result marked "-", unexpected rows "+", a changed row as its
// expected ("-") and actual ("+") lines with the changed cells marked — in
// colour when color is true, between » « otherwise. Rows that match are
// shown for context.
func FormatDiff(c *Comparison, exp *workspace.Expect, res *Result, color bool) string {
	if c.Problem != "" {
		return "the expected rows do not fit the result: " + c.Problem + "\n"
	}
	header := append([]string(nil), c.Columns...)
	var lines [][]string
	var marks []string
	var hot [][]bool
	add := func(mark string, cells []string, changed []int) {
		h := make([]bool, len(cells))
		for _, k := range changed {
			h[k] = true
		}
		lines, marks, hot = append(lines, cells), append(marks, mark), append(hot, h)
	}
	for _, r := range c.Rows {
		switch r.Mark {
		case Same:
			add(" ", actualCells(c, res, r.Actual), nil)
		case Missing:
			add("-", expectedCells(c, exp, r.Expected), nil)
		case Unexpected:
			add("+", actualCells(c, res, r.Actual), nil)
		case Changed:
			add("-", expectedCells(c, exp, r.Expected), r.Cells)
			add("+", actualCells(c, res, r.Actual), r.Cells)
		}
	}
	widths := make([]int, len(header))
	for i, h := range header {
		widths[i] = utf8.RuneCountInString(h)
	}
	for _, l := range lines {
		for i, cell := range l {
			widths[i] = max(widths[i], utf8.RuneCountInString(cell))
		}
	}
	var b strings.Builder
	writeRow(&b, " ", header, widths, nil, false)
	for i, l := range lines {
		writeRow(&b, marks[i], l, widths, hot[i], color)
	}
	fmt.Fprintf(&b, "  (%d expected, %d actual; - missing, + unexpected)\n", len(exp.Rows), len(res.Rows))
	return b.String()
}

// writeRow writes one aligned line. Every cell sits between one character
// of padding on each side; a changed cell replaces that padding with » «
// (or is coloured, on a terminal), so columns stay aligned either way.
func writeRow(b *strings.Builder, mark string, cells []string, widths []int, hot []bool, color bool) {
	colorOf := map[string]string{"-": ansiRed, "+": ansiGreen}[mark]
	whole := color && colorOf != "" && !hasHot(hot)
	var line strings.Builder
	line.WriteString("  " + mark + " ")
	for i, cell := range cells {
		if i > 0 {
			line.WriteString("|")
		}
		pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(cell))
		switch {
		case hot != nil && hot[i] && color:
			line.WriteString(" " + colorOf + ansiBold + cell + ansiReset + pad + " ")
		case hot != nil && hot[i]:
			line.WriteString("»" + cell + "«" + pad)
		default:
			line.WriteString(" " + cell + pad + " ")
		}
	}
	text := strings.TrimRight(line.String(), " ")
	if whole {
		text = colorOf + text + ansiReset
	}
	b.WriteString(text + "\n")
}

func hasHot(h []bool) bool {
	for _, x := range h {
		if x {
			return true
		}
	}
	return false
}

func actualCells(c *Comparison, res *Result, a int) []string {
	out := make([]string, len(c.Columns))
	for k, name := range c.Columns {
		for j, col := range res.Columns {
			if col.Name == name {
				out[k] = displayValue(res.Rows[a][j])
				break
			}
		}
	}
	return out
}

func expectedCells(c *Comparison, exp *workspace.Expect, e int) []string {
	out := make([]string, len(c.Columns))
	for k, name := range c.Columns {
		cell, ok := exp.Rows[e].Get(name)
		switch {
		case !ok:
			out[k] = "…"
		case cell.Value == nil:
			out[k] = "NULL"
		default:
			out[k] = quoteIfAmbiguous(scalarText(cell.Value))
		}
	}
	return out
}

// displayValue shows NULL as NULL and text that could be mistaken for it
// (or for nothing) quoted.
func displayValue(v Value) string {
	if v.Null {
		return "NULL"
	}
	return quoteIfAmbiguous(v.Text)
}

func quoteIfAmbiguous(s string) string {
	if s == "" || strings.EqualFold(s, "null") || strings.TrimSpace(s) != s {
		return fmt.Sprintf("%q", s)
	}
	return s
}

// FormatFailure explains why a fixture did not pass: the error (an SQL
// error with a caret under its position), the rows diff, and each failing
// check with its sample rows. It is the text jig test, go test and the JUnit
// report all show.
func FormatFailure(r *FixtureResult, color bool) string {
	var b strings.Builder
	if r.Err != nil {
		b.WriteString(r.Err.Error() + "\n")
		var se *SQLError
		if errors.As(r.Err, &se) && se.Caret() != "" {
			b.WriteString(se.Caret() + "\n")
		}
		return b.String()
	}
	if c := r.Comparison; c != nil && c.Problem != "" {
		fmt.Fprintf(&b, "%s:%d: the expected rows do not fit the result: %s\n", r.Fixture.Path, max(c.ProblemLine, 1), c.Problem)
	} else if c != nil && !c.OK() {
		switch f := r.Fixture; {
		case f.Expect.Table != "":
			fmt.Fprintf(&b, "table %s: expected rows differ from its final state:\n", f.Expect.Table)
		case f.Origin != "":
			fmt.Fprintf(&b, "rows differ from the expect: of %s (%s:%d):\n", f.Origin, f.Path, f.Expect.Line)
		default:
			b.WriteString("rows differ:\n")
		}
		b.WriteString(FormatDiff(r.Comparison, r.Expected(), r.Result, color))
	}
	for _, c := range r.Checks {
		switch c.Status {
		case checks.StatusFail, checks.StatusWarn:
			fmt.Fprintf(&b, "check %s on %s: %s, %s (%s:%d:%d)\n", c.Name, c.Target, c.Status, diag.Plural(c.Failing, "failing row"), c.Pos.File, c.Pos.Line, c.Pos.Col)
			b.WriteString(formatSample(c.Sample))
		case checks.StatusError:
			fmt.Fprintf(&b, "check %s on %s could not run: %v\n", c.Name, c.Target, c.Err)
		}
	}
	return b.String()
}

// formatSample renders a check's failing rows as an aligned table.
func formatSample(s checks.Sample) string {
	if len(s.Columns) == 0 {
		return ""
	}
	widths := make([]int, len(s.Columns))
	for i, c := range s.Columns {
		widths[i] = utf8.RuneCountInString(c)
	}
	cells := make([][]string, len(s.Rows))
	for r, row := range s.Rows {
		cells[r] = make([]string, len(row))
		for i, v := range row {
			cells[r][i] = "NULL"
			if v != nil {
				cells[r][i] = quoteIfAmbiguous(*v)
			}
			if i < len(widths) {
				widths[i] = max(widths[i], utf8.RuneCountInString(cells[r][i]))
			}
		}
	}
	var b strings.Builder
	line := func(vals []string) {
		b.WriteString("    ")
		for i, v := range vals {
			if i > 0 {
				b.WriteString(" | ")
			}
			if i < len(widths) {
				v += strings.Repeat(" ", max(widths[i]-utf8.RuneCountInString(v), 0))
			}
			b.WriteString(v)
		}
		b.WriteString("\n")
	}
	line(s.Columns)
	for _, row := range cells {
		line(row)
	}
	return b.String()
}
