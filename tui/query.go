package tui

import (
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/tui/highlight"
	"github.com/jig-sql/jig/workspace"
)

// queryPane shows the selected query's SQL, highlighted, with line numbers
// and, after a failed run, the error: Postgres's message, a caret under
// the line and column it points at, its detail and hint. It scrolls both
// ways; the layout sizes it from the query's longest line.
type queryPane struct {
	box
	th     *theme
	q      *workspace.Query
	feeds  []string // the queries that read q
	err    error
	offset int
	xoff   int          // first column of the SQL shown
	lines  []string     // the SQL highlighted, one entry per line
	widest int          // the longest line, in cells
	code   int          // the longest line that is not a comment
	follow bool         // scroll to the error's line on the next View
	editor *queryEditor // the inline editor while it is open
}

// hStep is how many cells one sideways key scrolls.
const hStep = 4

func newQueryPane(th *theme) *queryPane { return &queryPane{th: th} }

// SetQuery shows another query, and the queries that read it, and
// forgets the last error.
func (p *queryPane) SetQuery(q *workspace.Query, feeds []string) {
	p.q, p.feeds, p.err, p.offset, p.xoff = q, feeds, nil, 0, 0
	p.SetStyles()
}

// SetStyles re-highlights the SQL with the current theme.
func (p *queryPane) SetStyles() {
	p.lines, p.widest, p.code = nil, 0, 0
	if p.q == nil {
		return
	}
	p.lines = highlight.Lines(p.q.SQL, p.th.st.SQL)
	for _, l := range highlight.Plain(p.q.SQL) {
		w := ansi.StringWidth(l)
		p.widest = max(p.widest, w)
		if !strings.HasPrefix(strings.TrimSpace(l), "--") {
			p.code = max(p.code, w)
		}
	}
}

// wantCode is want for the lines that are not comments.
func (p *queryPane) wantCode() int {
	if p.q == nil {
		return 0
	}
	return p.gutter() + p.code + 2
}

// want is the width that shows every line whole: the gutter, the longest
// line and the border.
func (p *queryPane) want() int {
	if p.q == nil {
		return 0
	}
	return p.gutter() + p.widest + 2
}

// gutter is the line numbers' width, space included.
func (p *queryPane) gutter() int { return len(fmt.Sprint(len(p.lines))) + 1 }

// SetError shows a run's error (nil clears it); View scrolls to its line.
func (p *queryPane) SetError(err error) {
	p.err, p.follow = err, err != nil
}

// sqlError is the error when it points into the query's own file.
func (p *queryPane) sqlError() *engine.SQLError {
	var se *engine.SQLError
	if p.q != nil && errors.As(p.err, &se) && se.File == p.q.Path {
		return se
	}
	return nil
}

// Update scrolls the SQL.
func (p *queryPane) Update(msg tea.Msg) tea.Cmd {
	k := p.th.keys.Query
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, k.Up):
			p.offset, p.follow = max(p.offset-1, 0), false
		case key.Matches(msg, k.Down):
			p.offset, p.follow = p.offset+1, false
		case key.Matches(msg, k.Editor):
			return emit(editQueryMsg{inline: false})
		case key.Matches(msg, k.EditInline):
			return emit(editQueryMsg{inline: true})
		case key.Matches(msg, k.Left):
			p.scrollX(-hStep)
		case key.Matches(msg, k.Right):
			p.scrollX(hStep)
		case key.Matches(msg, k.Home):
			p.xoff = 0
		}
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelUp:
			p.offset = max(p.offset-3, 0)
		case tea.MouseWheelDown:
			p.offset += 3
		case tea.MouseWheelLeft:
			p.scrollX(-hStep)
		case tea.MouseWheelRight:
			p.scrollX(hStep)
		}
	}
	return nil
}

// scrollX moves the view sideways, never past the longest line's end.
func (p *queryPane) scrollX(d int) {
	w, _ := p.inner()
	p.xoff = min(max(p.xoff+d, 0), max(p.widest-(w-p.gutter()), 0))
}

// errorLines is the error block shown above the SQL.
func (p *queryPane) errorLines() []string {
	if p.err == nil {
		return nil
	}
	w, _ := p.inner()
	st := p.th.st.Status
	var lines []string
	se := p.sqlError()
	if se == nil {
		for _, l := range wrap("✗ "+p.err.Error(), w) {
			lines = append(lines, st.Error.Render(fitLine(l, w)))
		}
		return lines
	}
	head := fmt.Sprintf("✗ %d:%d: %s", se.Line, se.Col, se.Message)
	for _, l := range wrap(head, w) {
		lines = append(lines, st.Error.Render(fitLine(l, w)))
	}
	for _, extra := range []string{prefixed("detail: ", se.Detail), prefixed("hint: ", se.Hint)} {
		for _, l := range wrap(extra, w) {
			lines = append(lines, st.Muted.Render(fitLine(l, w)))
		}
	}
	return lines
}

func prefixed(p, s string) string {
	if s == "" {
		return ""
	}
	return p + s
}

// View draws the error block, then the SQL from the scroll offset.
func (p *queryPane) View() []string {
	if p.editor != nil {
		return p.editorView()
	}
	w, h := p.inner()
	body := p.errorLines()
	if keep := max(h-2, 1); len(body) > keep { // keep room for the error's line and its caret
		body = body[:keep]
	}
	if p.q == nil {
		body = append(body, p.th.st.Grid.Empty.Render(fitLine(" pick a query in the sidebar", w)))
		return p.th.fr.frame("Query", "", body, p.w, p.h, p.focused)
	}
	sql := p.lines
	p.offset = min(p.offset, max(len(sql)-1, 0))
	gw := p.gutter()
	cw := max(w-gw, 0)
	p.xoff = min(p.xoff, max(p.widest-cw, 0))
	se := p.sqlError()
	if se != nil && se.Line > 0 && p.follow {
		room := h - len(body) - 1
		p.offset = max(se.Line-1-max(room-1, 0)/2, 0)
		if c := se.Col - 1; c < p.xoff || c >= p.xoff+cw {
			p.xoff = max(c-cw/2, 0)
		}
	}
	for i := p.offset; i < len(sql) && len(body) < h; i++ {
		num := p.th.st.Grid.Gutter.Render(fmt.Sprintf("%*d ", gw-1, i+1))
		body = append(body, num+p.window(sql[i], cw))
		if se != nil && se.Line == i+1 {
			caret := strings.Repeat(" ", gw+max(se.Col-1-p.xoff, 0)) + "^"
			body = append(body, p.th.st.Status.Error.Render(fitLine(caret, w)))
		}
	}
	return p.th.fr.frame("Query", p.info(w), body, p.w, p.h, p.focused)
}

// info is the frame's note: the query's file and the queries that read
// it (↓); only those when both do not fit whole, as they say more.
func (p *queryPane) info(w int) string {
	if w < 40 {
		return ""
	}
	if len(p.feeds) == 0 {
		return p.q.Path
	}
	room := w - len("─ Query ─  ─")
	feeds := "↓ " + strings.Join(p.feeds, ", ")
	switch {
	case ansi.StringWidth(p.q.Path+" · "+feeds) <= room:
		return p.q.Path + " · " + feeds
	case ansi.StringWidth(feeds) <= room:
		return feeds
	}
	return p.q.Path
}

// window is the part of a highlighted line from the scroll column, exactly
// cw cells: an ellipsis at either end says the line goes on that way.
func (p *queryPane) window(line string, cw int) string {
	if cw <= 0 {
		return ""
	}
	lw := ansi.StringWidth(line)
	from, to := p.xoff, p.xoff+cw
	left, right := from > 0 && lw > from, lw > to
	if left {
		from++
	}
	if right {
		to--
	}
	s := ansi.Cut(line, from, to)
	if left {
		s = "…" + s
	}
	if right {
		s += "…"
	}
	return fitLine(s, cw)
}
