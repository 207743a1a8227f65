package tui

import (
	"slices"
	"strings"
	"testing"

	"github.com/jig-sql/jig/tui/grid"
)

// orderCell finds the display column of an orders column.
func orderCol(m *Model, name string) int {
	return slices.IndexFunc(m.input.src.cols, func(c grid.Column) bool { return c.Name == name })
}

// A NULL in a NOT NULL column marks that cell with Postgres's message;
// an unparsable cell keeps the query from running at all. Neither puts an
// error in the query pane.
func TestInputErrorsStayInTheInput(t *testing.T) {
	d := readyTestDriver(t, nil, "net_revenue")
	for _, tt := range []struct {
		name   string
		cell   InputCell
		marked string // the cell's reason, "" when the run never happens
	}{
		{"not null", InputCell{Value: nil}, "null value in column"},
		{"unparsable", InputCell{Text: "abc", Reason: `not a valid numeric`}, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := d.m.sess
			s.Table("orders").Rows = []InputRow{{}, {"tax": tt.cell}}
			gen := d.m.gen
			d.send(sessionChangedMsg{})
			d.until(t, func() bool { return d.m.gen > gen && d.m.cancelRun == nil && !d.m.status.Busy() })
			d.m.input.SelectTable("orders")
			src := d.m.input.src
			c := src.Cell(1, orderCol(d.m, "tax"))
			if tt.marked != "" {
				if c.Kind != grid.Invalid || !strings.Contains(c.Reason, tt.marked) || src.RowMark(1) != grid.BrokenRow {
					t.Errorf("tax cell = %+v, mark %v; want invalid with %q, row marked", c, src.RowMark(1), tt.marked)
				}
				if src.RowMark(0) != grid.NoMark {
					t.Errorf("row 1 marked %v; it is fine", src.RowMark(0))
				}
			}
			if d.m.live != nil {
				t.Errorf("a result is shown; the query must not run on invalid input")
			}
			if d.m.query.err != nil {
				t.Errorf("query pane shows %v; the query is not at fault", d.m.query.err)
			}
			if note := d.m.result.note; !strings.Contains(note, "fix orders row 2, tax") {
				t.Errorf("result note = %q; want it to name orders row 2, tax", note)
			}
		})
	}
}
