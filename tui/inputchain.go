package tui

import (
	"fmt"

	tea "charm.land/bubbletea/v2"
)

// toggleMock is m on a query's tab: a first row (all factory defaults)
// mocks the query; on a mocked query it removes the rows, so the real
// query runs again (u brings them back).
func (p *inputPane) toggleMock() tea.Cmd {
	tab, ok := p.current()
	switch {
	case !ok || p.src == nil:
		return reportErr(fmt.Errorf("no input table: %s", p.note))
	case !tab.query:
		return reportErr(fmt.Errorf("%s is a table; m mocks a query this one reads (a tab marked ◇ or ◆)", tab.name))
	}
	_, col := p.grid.Current()
	if tab.mocked(p.sess) {
		n := p.sess.RowCount(tab.name)
		p.sess.ClearRows(tab.name)
		return tea.Batch(p.changed(0, col),
			emit(noticeMsg{fmt.Sprintf("%s runs as written again (its %d mock rows dropped; u brings them back)", tab.name, n)}))
	}
	return tea.Batch(p.changed(p.sess.AddRow(tab.name), col),
		emit(noticeMsg{fmt.Sprintf("%s is mocked: its rows replace the query; m again runs it as written", tab.name)}))
}

// openQuery is O: the workbench moves to the tab's query, or to the query
// a table is read through (asking first when the session is unsaved).
func (p *inputPane) openQuery() tea.Cmd {
	tab, ok := p.current()
	switch {
	case !ok:
		return reportErr(fmt.Errorf("no input table: %s", p.note))
	case tab.query:
		return emit(selectQueryMsg{tab.name})
	case tab.via != "":
		return emit(selectQueryMsg{tab.via})
	}
	return reportErr(fmt.Errorf("%s is a table; O opens a query this one reads (a tab marked ◇ or ◆)", tab.name))
}
