package tui

import (
	"fmt"
	"github.com/jig-sql/jig/tui/statusbar"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/jig-sql/jig/checks"
	"github.com/jig-sql/jig/tui/grid"
)

// overlay is a full-screen view over the panes: one cell's whole value,
// or a check's failing rows. Esc closes it.
type overlay struct {
	title  string
	text   string            // a value, wrapped to the width
	sample *grid.SliceSource // failing rows, shown in a grid
	offset int
	grid   *grid.Model
}

// cellOverlay shows a cell in full, with why it is invalid or what was
// expected.
func cellOverlay(title string, c grid.Cell, nullMark string) overlay {
	text := c.Text
	if c.Kind == grid.Null {
		text = nullMark + " NULL"
	}
	if c.Reason != "" {
		text += "\n\n" + c.Reason
	}
	return overlay{title: title, text: text}
}

// sampleOverlay shows a check's failing rows (the sample the check kept).
func sampleOverlay(r checks.Result) overlay {
	title := fmt.Sprintf("%s on %s: %s, %s", r.Name, r.Target, r.Status, statusbar.Plural(int(r.Failing), "failing row"))
	if n := len(r.Sample.Rows); n > 0 && int64(n) < r.Failing {
		title = fmt.Sprintf("%s on %s: %s, a sample: %d of %d failing rows", r.Name, r.Target, r.Status, n, r.Failing)
	}
	if r.Err != nil {
		return overlay{title: title, text: r.Err.Error() + "\n\n" + r.SQL}
	}
	if len(r.Sample.Rows) == 0 {
		return overlay{title: title, text: "no failing rows\n\n" + r.SQL}
	}
	src := &grid.SliceSource{}
	for _, c := range r.Sample.Columns {
		src.Cols = append(src.Cols, grid.Column{Name: c})
	}
	for _, row := range r.Sample.Rows {
		cells := make([]grid.Cell, len(row))
		for i, v := range row {
			if v == nil {
				cells[i] = grid.Cell{Kind: grid.Null}
			} else {
				cells[i] = grid.Cell{Text: *v}
			}
		}
		src.Rows = append(src.Rows, cells)
	}
	return overlay{title: title, sample: src}
}

// open prepares the overlay's grid with the theme.
func (o *overlay) open(th *theme) {
	if o.sample != nil {
		g := grid.New(o.sample, th.st, grid.WithID("overlay"))
		g.Focus()
		o.grid = &g
	}
}

// update scrolls the text or moves in the grid.
func (o *overlay) update(msg tea.Msg, th *theme) {
	if o.grid != nil {
		*o.grid, _ = o.grid.Update(msg)
		return
	}
	if k, ok := msg.(tea.KeyPressMsg); ok {
		nav := th.keys.Input.Nav
		switch {
		case matches(k, nav.Up):
			o.offset = max(o.offset-1, 0)
		case matches(k, nav.Down):
			o.offset++
		}
	}
}

// view draws the overlay w×h.
func (o *overlay) view(th *theme, w, h int) []string {
	iw, ih := max(w-2, 0), max(h-2, 0)
	var body []string
	if o.grid != nil {
		o.grid.SetSize(iw, ih)
		body = splitLines(o.grid.View())
	} else {
		lines := wrap(strings.ReplaceAll(o.text, "\t", "    "), iw)
		o.offset = min(o.offset, max(len(lines)-ih, 0))
		for _, l := range lines[o.offset:] {
			body = append(body, fitLine(l, iw))
		}
	}
	return th.fr.frame(o.title, "esc closes", body, w, h, true)
}
