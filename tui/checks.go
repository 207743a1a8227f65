package tui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/jig-sql/jig/checks"
)

// checksPane lists the checks of the last run: pass, fail or warn, the
// failing-row count, and the failing rows on demand.
type checksPane struct {
	box
	th     *theme
	res    []checks.Result
	cursor int
	offset int
	note   string
	info   string
}

func newChecksPane(th *theme) *checksPane { return &checksPane{th: th, note: "no run yet"} }

// SetResults shows a run's checks.
func (p *checksPane) SetResults(res []checks.Result, info string) {
	p.res, p.note, p.info = res, "", info
	if len(res) == 0 {
		p.note = "no checks apply"
	}
	p.cursor = min(p.cursor, max(len(res)-1, 0))
}

// SetNote replaces the list by a line of text.
func (p *checksPane) SetNote(note string) {
	p.res, p.note, p.info, p.cursor, p.offset = nil, note, "", 0, 0
}

// want is the width that shows every check's line whole, border included.
func (p *checksPane) want() int {
	w := 0
	for _, r := range p.res {
		n := 2 + ansi.StringWidth(r.Name+" · "+r.Target)
		if r.Failing > 0 {
			n += 1 + len(fmt.Sprint(r.Failing))
		}
		w = max(w, n)
	}
	return w + 2
}

// Update moves the cursor and opens a check's failing rows.
func (p *checksPane) Update(msg tea.Msg) tea.Cmd {
	k := p.th.keys.Checks
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, k.Up):
			p.cursor = max(p.cursor-1, 0)
		case key.Matches(msg, k.Down):
			p.cursor = min(p.cursor+1, max(len(p.res)-1, 0))
		case key.Matches(msg, k.ShowFailing):
			return p.showFailing()
		}
	case tea.MouseClickMsg:
		if i := p.offset + msg.Mouse().Y - 1; i >= 0 && i < len(p.res) {
			p.cursor = i
		}
	}
	return nil
}

func (p *checksPane) showFailing() tea.Cmd {
	if p.cursor >= len(p.res) {
		return nil
	}
	r := p.res[p.cursor]
	return emit(showOverlayMsg{sampleOverlay(r)})
}

// View draws one line per check.
func (p *checksPane) View() []string {
	w, h := p.inner()
	if p.cursor < p.offset {
		p.offset = p.cursor
	} else if h > 0 && p.cursor >= p.offset+h {
		p.offset = p.cursor - h + 1
	}
	var body []string
	if p.note != "" {
		body = append(body, p.th.st.Grid.Empty.Render(fitLine(" "+p.note, w)))
	}
	for i := p.offset; i < len(p.res) && len(body) < h; i++ {
		body = append(body, p.line(i, w))
	}
	return p.th.fr.frame("Checks", p.info, body, p.w, p.h, p.focused)
}

func (p *checksPane) line(i, w int) string {
	r, st := p.res[i], p.th.st.Status
	mark, style := "✓", st.OK
	switch r.Status {
	case checks.StatusFail:
		mark, style = "✗", st.Error
	case checks.StatusWarn:
		mark, style = "▲", st.Busy
	case checks.StatusError:
		mark, style = "!", st.Error
	}
	if w < 3 {
		return fitLine(mark, w)
	}
	count := ""
	if r.Failing > 0 {
		count = fmt.Sprintf(" %d", r.Failing)
	}
	text := fitLine(r.Name+" · "+r.Target, max(w-2-len(count), 0)) + count
	text = fitLine(text, max(w-2, 0)) // a pane too narrow for the count cuts it too
	if i == p.cursor && p.focused {
		return p.th.st.Grid.Cursor.Render(mark + " " + text)
	}
	return style.Render(mark) + " " + text
}

// summary is "3 pass · 1 fail" for the pane's title.
func checksSummary(res []checks.Result) string {
	n := map[checks.Status]int{}
	for _, r := range res {
		n[r.Status]++
	}
	s := fmt.Sprintf("%d pass", n[checks.StatusPass])
	for _, st := range []checks.Status{checks.StatusFail, checks.StatusWarn, checks.StatusError} {
		if n[st] > 0 {
			s += fmt.Sprintf(" · %d %s", n[st], st)
		}
	}
	return s
}
