package tui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/jig-sql/jig/tui/styles"
)

// Default size until the terminal reports its own, so the first frame is
// drawn at once.
const (
	defaultWidth  = 80
	defaultHeight = 24
)

// setSize lays the panes out for a terminal of w×h cells.
func (m *Model) setSize(w, h int) {
	m.w, m.h = w, h
	m.relayout()
	m.status.SetWidth(w)
	m.keyline.SetWidth(w)
	m.helpScr.SetSize(w, m.lay.main.h)
}

// relayout sizes the panes from the terminal and from what their content
// asks for (the query's longest line, the result's columns), zoomed or
// not. It runs after every message, and costs nothing when nothing moved.
func (m *Model) relayout() {
	if m.w == 0 || m.h == 0 {
		return
	}
	l := computeLayout(m.w, m.h, m.wants())
	if m.zoom {
		l = l.zoomed(m.focus)
	}
	if l == m.lay {
		return
	}
	m.lay = l
	for _, s := range []Scope{ScopeSidebar, ScopeInput, ScopeQuery, ScopeResult, ScopeChecks} {
		r := m.lay.rectOf(s)
		m.pane(s).SetSize(r.w, r.h)
	}
}

// wants gathers the widths the panes' content asks for.
func (m *Model) wants() wants {
	return wants{side: max(m.sidebar.want(), m.checks.want()), query: m.query.want(), code: m.query.wantCode(), result: m.result.want()}
}

// toggleZoom gives the focused pane the whole window, or gives it back.
func (m *Model) toggleZoom() {
	m.zoom = !m.zoom
	m.relayout()
}

// setStyles rebuilds the theme, e.g. for a light terminal.
func (m *Model) setStyles(st styles.Styles) {
	m.th.st, m.th.fr = st, newFramer(st)
	m.status.SetStyles(st)
	m.helpScr.SetStyles(st)
	m.keyline.Styles = st.Help.Model
	m.input.SetStyles()
	m.query.SetStyles()
	m.result.SetStyles()
}

// View draws the panes, or the overlay in their place, then the status
// bar and the help line.
func (m *Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "jig"
	return v
}

// render is the frame as text, exactly w×h.
func (m *Model) render() string {
	if m.w == 0 || m.h == 0 {
		m.setSize(defaultWidth, defaultHeight)
	}
	if m.w < minWidth || m.h < minHeight {
		return m.tooSmall()
	}
	var main []string
	switch m.mode {
	case modeHelp:
		main = splitLines(m.helpScr.View())
	case modeOverlay:
		main = m.ov.view(m.th, m.lay.main.w, m.lay.main.h)
	default:
		main = m.panes()
	}
	var b strings.Builder
	b.Grow(m.w * m.h * 4)
	for _, l := range main {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	b.WriteString(m.status.View())
	if m.lay.help.h > 0 {
		b.WriteByte('\n')
		b.WriteString(m.bottomLine())
	}
	return b.String()
}

// The smallest terminal the workbench draws its panes in; below it the
// frame says so instead.
const (
	minWidth  = 40
	minHeight = 10
)

// tooSmall is the frame for a terminal below the minimum: the message,
// wrapped and centred as far as it fits, in exactly w×h cells.
func (m *Model) tooSmall() string {
	msg := fmt.Sprintf("terminal too small (need at least %d×%d, have %d×%d)", minWidth, minHeight, m.w, m.h)
	text := wrap(msg, m.w)
	lines := blankLines(m.w, m.h)
	top := max((m.h-len(text))/2, 0)
	for i, l := range text {
		if top+i >= len(lines) {
			break
		}
		pad := max((m.w-ansi.StringWidth(l))/2, 0)
		lines[top+i] = fitLine(strings.Repeat(" ", pad)+m.th.st.Status.Error.Render(l), m.w)
	}
	return strings.Join(lines, "\n")
}

// panes joins the pane views: sidebar over checks on the left; input over
// query and result on the right.
func (m *Model) panes() []string {
	if m.zoom {
		return m.pane(m.focus).View()
	}
	left := append(m.sidebar.View(), m.checks.View()...)
	bottom := joinSide(m.query.View(), m.result.View())
	right := append(m.input.View(), bottom...)
	return joinSide(left, right)
}

// joinSide puts two columns of lines side by side.
func joinSide(a, b []string) []string {
	n := max(len(a), len(b))
	out := make([]string, n)
	for i := range n {
		var l, r string
		if i < len(a) {
			l = a[i]
		}
		if i < len(b) {
			r = b[i]
		}
		out[i] = l + r
	}
	return out
}

// bottomLine is the prompt or question when there is one, a notice after
// an action, or the keys of the focused pane.
func (m *Model) bottomLine() string {
	st := m.th.st
	switch {
	case m.mode == modePrompt:
		return fitLine(st.Help.Key.Render("Save fixture as "+m.sess.Query+"/")+m.prompt.View()+
			st.Help.Desc.Render("  enter saves · esc cancels"), m.w)
	case m.mode == modeConfirm:
		return fitLine(st.Status.Error.Render(m.confirm.question), m.w)
	case m.notice != "":
		return fitLine(st.Status.OK.Render(m.notice), m.w)
	}
	scope := m.focus
	switch m.mode {
	case modeEditing:
		scope = ScopeEditing
	case modeQueryEdit:
		scope = ScopeQueryEdit
	case modeHelp, modeOverlay:
		return fitLine(st.Help.Desc.Render("esc closes"), m.w)
	}
	return fitLine(m.keyline.ShortHelpView(m.th.keys.fitHelp(scope, m.w)), m.w)
}
