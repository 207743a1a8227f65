package grid

import (
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/jig-sql/jig/tui/styles"
)

// pagedSource is a million numbers of which only a window is loaded, the
// rest shown as "…", as the workbench's result pages arrive.
type pagedSource struct{ from, to int }

func (s *pagedSource) Columns() []Column   { return []Column{{Name: "g", Type: "int4"}} }
func (s *pagedSource) Len() int            { return 1_000_000 }
func (s *pagedSource) RowMark(int) RowMark { return NoMark }
func (s *pagedSource) Cell(row, _ int) Cell {
	if row < s.from || row >= s.to {
		return Cell{Text: "…", Kind: Default}
	}
	return Cell{Text: strconv.Itoa(row + 1)}
}

// Column widths follow the data where the user scrolls, not the first
// page only: at the bottom of a million rows, 1000000 shows whole.
func TestWidthsGrowAsPagesArrive(t *testing.T) {
	src := &pagedSource{0, 100}
	m := New(src, styles.NewStyles(true))
	m.SetSize(40, 10)
	m.Focus()
	m = press(m, "G")
	src.from, src.to = 999_900, 1_000_000 // the bottom page arrives
	m.Grow()
	view := ansi.Strip(m.View())
	if !strings.Contains(view, "1000000 ") || strings.Contains(view, "999…") {
		t.Errorf("the bottom of the result is cut:\n%s", view)
	}
	if w := m.NaturalWidth(); w != m.gutterWidth()+1+slot(7) {
		t.Errorf("natural width %d", w)
	}
}
