package tui

import (
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/workspace"
)

// queryPane shows the selected query's SQL with line numbers and, after a
// failed run, the error: Postgres's message, a caret under the line and
// column it points at, its detail and hint.
type queryPane struct {
	box
	th     *theme
	q      *workspace.Query
	err    error
	offset int
	follow bool         // scroll to the error's line on the next View
	editor *queryEditor // the inline editor while it is open
}

func newQueryPane(th *theme) *queryPane { return &queryPane{th: th} }

// SetQuery shows another query and forgets the last error.
func (p *queryPane) SetQuery(q *workspace.Query) { p.q, p.err, p.offset = q, nil, 0 }

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
		}
	case tea.MouseWheelMsg:
		if msg.Button == tea.MouseWheelUp {
			p.offset = max(p.offset-3, 0)
		} else if msg.Button == tea.MouseWheelDown {
			p.offset += 3
		}
	}
	return nil
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
	if len(body) > h-2 { // keep room for the error's line and its caret
		body = body[:max(h-2, 1)]
	}
	if p.q == nil {
		body = append(body, p.th.st.Grid.Empty.Render(fitLine(" pick a query in the sidebar", w)))
		return p.th.fr.frame("Query", "", body, p.w, p.h, p.focused)
	}
	sql := strings.Split(p.q.SQL, "\n")
	p.offset = min(p.offset, max(len(sql)-1, 0))
	se := p.sqlError()
	if se != nil && se.Line > 0 && p.follow {
		room := h - len(body) - 1
		p.offset = max(se.Line-1-max(room-1, 0)/2, 0)
	}
	gw := len(fmt.Sprint(len(sql)))
	for i := p.offset; i < len(sql) && len(body) < h; i++ {
		num := p.th.st.Grid.Gutter.Render(fmt.Sprintf("%*d ", gw, i+1))
		body = append(body, num+fitLine(strings.ReplaceAll(sql[i], "\t", "    "), max(w-gw-1, 0)))
		if se != nil && se.Line == i+1 {
			caret := strings.Repeat(" ", gw+1+max(se.Col-1, 0)) + "^"
			body = append(body, p.th.st.Status.Error.Render(fitLine(caret, w)))
		}
	}
	info := ""
	if w >= 40 {
		info = p.q.Path
	}
	return p.th.fr.frame("Query", info, body, p.w, p.h, p.focused)
}
