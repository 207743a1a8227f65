package tui

import (
	"fmt"
	"github.com/jig-sql/jig/tui/statusbar"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/tui/grid"
)

// resultPane is the query's output, paged from the server, with the
// differences from the expected rows marked once there are any.
type resultPane struct {
	box
	th   *theme
	src  *resultSource
	grid grid.Model
	note string
	info string
}

func newResultPane(th *theme) *resultPane {
	p := &resultPane{th: th, note: "waiting for Postgres…"}
	p.grid = grid.New(nil, th.st, grid.WithID("result"), grid.WithMaxColumnWidth(32))
	return p
}

// SetStyles swaps the theme.
func (p *resultPane) SetStyles() { p.grid.SetStyles(p.th.st) }

// SetNote replaces the grid by a line of text (no result yet, an error).
func (p *resultPane) SetNote(note string) {
	p.note, p.src, p.info = note, nil, ""
	p.grid.SetSource(nil)
}

// SetRun shows a live run's result.
func (p *resultPane) SetRun(live *engine.LiveRun) {
	if live.Result == nil { // a run without error: a script ending in DDL or DML
		p.SetNote("no rows: the last statement returns none")
		return
	}
	if len(live.Result.Columns) == 0 && live.Result.Tag != "" { // DML without RETURNING
		p.SetNote(live.Result.Tag + ": the query returns no rows")
		return
	}
	var cmp *engine.Comparison
	exp := live.Fixture.Expect.Rows
	if exp != nil {
		cmp = live.Comparison
	}
	p.src, p.note = newResultSource(live.Result, live.Total, cmp, exp), ""
	p.grid.SetSource(p.src)
	// The run's time is on the status bar; the title keeps to what the
	// rows are, so it fits a narrow pane.
	p.info = statusbar.Plural(live.Total, "row")
	switch {
	case exp == nil:
	case cmp == nil:
		p.info += " · too big to compare"
	case cmp.Problem != "":
		p.info += " · " + cmp.Problem
	case cmp.OK():
		p.info += " · ✓ matches"
	default:
		p.info += fmt.Sprintf(" · ✗ %d differ", differing(cmp))
	}
}

func differing(c *engine.Comparison) int {
	n := 0
	for _, r := range c.Rows {
		if r.Mark != engine.Same {
			n++
		}
	}
	return n
}

// Store adds a fetched page.
func (p *resultPane) Store(offset int, rows [][]engine.Value) {
	if p.src != nil {
		p.src.store(offset/pageSize, rows)
		p.grid.Grow()
	}
}

// want is the width that shows every column whole, border included.
func (p *resultPane) want() int {
	if p.src == nil {
		if p.note == "" {
			return 0
		}
		return ansi.StringWidth(p.note) + 4 // a space before, the border
	}
	return p.grid.NaturalWidth() + 2
}

// Wanted lists the pages the window around the cursor needs, as offsets.
func (p *resultPane) Wanted() []int {
	if p.src == nil {
		return nil
	}
	row, _ := p.grid.Current()
	h := max(p.h, 1)
	var offs []int
	for _, pg := range p.src.missing(row-h, row+h) {
		offs = append(offs, pg*pageSize)
	}
	return offs
}

// SetSize implements pane.
func (p *resultPane) SetSize(w, h int) {
	p.box.SetSize(w, h)
	p.grid.SetSize(p.inner())
}

// Focus implements pane.
func (p *resultPane) Focus() { p.box.Focus(); p.grid.Focus() }

// Blur implements pane.
func (p *resultPane) Blur() { p.box.Blur(); p.grid.Blur() }

// Update moves in the grid, opens a cell, or asks to accept the result.
func (p *resultPane) Update(msg tea.Msg) tea.Cmd {
	k := p.th.keys.Result
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, k.Accept):
			return emit(acceptMsg{})
		case key.Matches(msg, k.Open):
			return p.open()
		}
	case tea.MouseClickMsg:
		m := msg.Mouse()
		p.grid.Click(m.X-1, m.Y-1)
		return emit(pagesWantedMsg{})
	}
	var cmd tea.Cmd
	p.grid, cmd = p.grid.Update(msg)
	return tea.Batch(cmd, emit(pagesWantedMsg{}))
}

func (p *resultPane) open() tea.Cmd {
	if p.src == nil || p.src.Len() == 0 {
		return nil
	}
	row, col := p.grid.Current()
	c := p.src.Cell(row, col)
	title := fmt.Sprintf("%s, row %d", p.src.cols[col].Name, row+1)
	return emit(showOverlayMsg{cellOverlay(title, c, p.th.st.Marks.Null)})
}

// View draws the grid or the note.
func (p *resultPane) View() []string {
	w, _ := p.inner()
	var body []string
	if p.note != "" {
		body = []string{p.th.st.Grid.Empty.Render(fitLine(" "+p.note, w))}
	} else {
		body = splitLines(p.grid.View())
	}
	return p.th.fr.frame("Result", p.info, body, p.w, p.h, p.focused)
}
