package tui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// The input pane's tab line: one tab per input of the chain (see
// chainTabs), scrolled so the current one shows.

// info is the frame's note: the row under the cursor, else the tab's rows
// and where its table sits in the chain.
func (p *inputPane) info() string {
	if p.src == nil {
		return ""
	}
	if row, _ := p.grid.Current(); p.src.rowNote(row) != "" {
		return p.src.rowNote(row)
	}
	info := p.src.parentInfo()
	tab, _ := p.current()
	switch {
	case tab.query && tab.mocked(p.sess):
		info = "mocks query " + tab.name + " · " + info
	case tab.query:
		info = "query " + tab.name
	}
	if tab.via != "" {
		info += " · read by " + tab.via
	}
	return info
}

// tabsLine lists the tabs with their row counts, scrolled so the current
// one shows; tables read through another query are dim.
func (p *inputPane) tabsLine(w int) string {
	if p.sess == nil || len(p.tabs) == 0 {
		return fitLine("", w)
	}
	p.first = 0
	for p.first < p.tab && p.tabsWidth(p.first, p.tab) > w-1 {
		p.first++
	}
	var b strings.Builder
	if p.first > 0 {
		b.WriteString("…")
	}
	for i := p.first; i < len(p.tabs); i++ {
		t := p.tabs[i]
		label := t.label(p.sess)
		switch {
		case i == p.tab:
			b.WriteString(p.th.st.Grid.HeaderFocus.Render(label))
		case t.via != "":
			b.WriteString(p.th.st.Status.Muted.Render(label))
		default:
			b.WriteString(p.th.st.Grid.Header.Render(label))
		}
		b.WriteString(" ")
	}
	return fitLine(b.String(), w)
}

// tabsWidth is the width of tabs from..to, separators included.
func (p *inputPane) tabsWidth(from, to int) int {
	n := 0
	if from > 0 {
		n++ // the …
	}
	for i := from; i <= to && i < len(p.tabs); i++ {
		n += ansi.StringWidth(p.tabs[i].label(p.sess)) + 1
	}
	return n
}

func (p *inputPane) clickTab(x int) {
	if p.sess == nil {
		return
	}
	pos := 0
	if p.first > 0 {
		pos = 1
	}
	for i := p.first; i < len(p.tabs); i++ {
		pos += ansi.StringWidth(p.tabs[i].label(p.sess)) + 1
		if x < pos {
			p.cur = p.tabs[i].name
			p.refresh()
			return
		}
	}
}

func (p *inputPane) switchTab(d int) {
	if p.sess == nil || len(p.tabs) == 0 {
		return
	}
	p.cur = p.tabs[(p.tab+d+len(p.tabs))%len(p.tabs)].name
	p.refresh()
}
