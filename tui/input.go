package tui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/rows"
	"github.com/jig-sql/jig/tui/grid"
)

// inputPane is the fixture's input rows: one tab per input of the
// query's chain (the tables and queries it reads; see chainTabs), each an
// editable grid.
type inputPane struct {
	box
	th    *theme
	sess  *Session
	cat   catalog // described; tables nil until Postgres is ready
	reads map[string][]engine.Input
	ds    *rows.Dataset
	tabs  []inputTab
	tab   int
	cur   string // the current tab's name; "" for the first
	first int    // the first tab the tab line shows (scrolled to the current)
	src   *inputSource
	grid  grid.Model
	note  string // shown instead of the grid
	// rowErrs are the rows the database refused in the last run.
	rowErrs rowErrors
}

func newInputPane(th *theme) *inputPane {
	p := &inputPane{th: th, note: "waiting for Postgres…"}
	p.grid = grid.New(nil, th.st, grid.WithID("input"), grid.WithMaxColumnWidth(24))
	return p
}

// SetStyles swaps the theme.
func (p *inputPane) SetStyles() { p.grid.SetStyles(p.th.st) }

// SetTables adopts the described tables once Postgres is ready.
func (p *inputPane) SetTables(c catalog) {
	p.cat = c
	p.refresh()
}

// SetReads adopts what the session's query and the queries above it read.
func (p *inputPane) SetReads(reads map[string][]engine.Input) {
	p.reads = reads
	p.refresh()
}

// SetSession shows another session, from its first table.
func (p *inputPane) SetSession(s *Session) {
	if p.sess == nil || s.Query != p.sess.Query {
		p.reads = nil
	}
	p.sess, p.cur, p.ds = s, "", nil
	p.rowErrs = nil
	p.refresh()
}

// SetDataset shows the factory's rows of the latest build.
func (p *inputPane) SetDataset(ds *rows.Dataset) {
	p.ds = ds
	p.refresh()
}

// SelectTable switches to the named table's tab, adding one if needed.
func (p *inputPane) SelectTable(name string) {
	if p.sess == nil {
		return
	}
	p.sess.Table(name) // a table the query does not read gets its tab too
	p.cur = name
	p.refresh()
}

// Editing reports whether a cell editor is open.
func (p *inputPane) Editing() bool { return p.grid.Editing() }

// refresh rebuilds the tabs and the grid's source after the session, tab
// or data changed.
func (p *inputPane) refresh() {
	p.src, p.note, p.tabs = nil, "", nil
	if p.sess != nil {
		p.tabs = chainTabs(p.reads, p.sess, p.cur, func(n string) bool { _, ok := p.cat.mocks[n]; return ok })
	}
	switch {
	case p.cat.tables == nil:
		p.note = "waiting for Postgres…"
	case p.sess == nil:
		p.note = "pick a query in the sidebar"
	case len(p.tabs) == 0:
		p.note = "this query reads no tables"
	}
	if p.note != "" {
		p.grid.SetSource(nil)
		return
	}
	p.tab = 0
	for i, t := range p.tabs {
		if t.name == p.cur {
			p.tab = i
		}
	}
	tab := p.tabs[p.tab]
	p.cur = tab.name
	t := findTable(p.cat.tables, tab.name)
	if t == nil {
		p.note = fmt.Sprintf("table %s is not in the schema", tab.name)
		if tab.query {
			p.note = fmt.Sprintf("query %s cannot be mocked: it does not run as a view (see its error)", tab.name)
		}
		p.grid.SetSource(nil)
		return
	}
	it := p.sess.Table(tab.name)
	if len(it.Columns) == 0 {
		for _, c := range t.Columns {
			it.Columns = append(it.Columns, c.Name)
		}
	}
	var built []rows.Row
	if p.ds != nil {
		built = p.ds.Rows(p.cat.factoryName(it.Name))
	}
	// The new source first: SetFrozen re-lays the grid out, which must not
	// read the previous source through a length the edit just changed.
	p.src = newInputSource(t, it, built)
	p.src.errs = p.rowErrs[it.Name]
	p.grid.SetSource(p.src)
	p.grid.SetFrozen(p.src.frozen())
	if tab.query && len(it.Rows) == 0 {
		p.note = chainNote(tab, p.reads[tab.name])
	}
}

// current is the current tab, if there is one.
func (p *inputPane) current() (inputTab, bool) {
	if p.tab < 0 || p.tab >= len(p.tabs) {
		return inputTab{}, false
	}
	return p.tabs[p.tab], true
}

// table is the current tab's table name.
func (p *inputPane) table() string {
	if p.src == nil {
		return ""
	}
	return p.src.it.Name
}

// SetSize implements pane.
func (p *inputPane) SetSize(w, h int) {
	p.box.SetSize(w, h)
	iw, ih := p.inner()
	p.grid.SetSize(iw, max(ih-1, 0))
}

// Focus implements pane.
func (p *inputPane) Focus() { p.box.Focus(); p.grid.Focus() }

// Blur implements pane.
func (p *inputPane) Blur() { p.box.Blur(); p.grid.Blur() }

// View draws the tabs and the grid.
func (p *inputPane) View() []string {
	w, _ := p.inner()
	body := []string{p.tabsLine(w)}
	if p.note != "" {
		for _, l := range wrap(p.note, max(w-1, 1)) {
			body = append(body, p.th.st.Grid.Empty.Render(fitLine(" "+l, w)))
		}
	} else {
		body = append(body, splitLines(p.grid.View())...)
	}
	title := "Input"
	if p.sess != nil && p.sess.Dirty {
		title += " ● unsaved"
	}
	return p.th.fr.frame(title, p.info(), body, p.w, p.h, p.focused)
}

// Update handles the input keys; navigation and the editor go to the grid.
func (p *inputPane) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case grid.EditedMsg:
		return p.commit(msg)
	case tea.KeyPressMsg:
		if p.grid.Editing() {
			return p.gridUpdate(msg)
		}
		return p.key(msg)
	case tea.MouseClickMsg:
		m := msg.Mouse()
		if m.Y == 1 {
			p.clickTab(m.X - 1)
			return nil
		}
		p.grid.Click(m.X-1, m.Y-2)
	case tea.MouseWheelMsg:
		return p.gridUpdate(msg)
	}
	return nil
}

func (p *inputPane) gridUpdate(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	p.grid, cmd = p.grid.Update(msg)
	return cmd
}

// key applies one input key.
func (p *inputPane) key(msg tea.KeyPressMsg) tea.Cmd {
	k := p.th.keys.Input
	switch {
	case key.Matches(msg, k.NextTable):
		p.switchTab(1)
		return nil
	case key.Matches(msg, k.PrevTable):
		p.switchTab(-1)
		return nil
	case key.Matches(msg, k.Mock):
		return p.toggleMock()
	case key.Matches(msg, k.OpenQuery):
		return p.openQuery()
	case p.grid.Handles(msg):
		return p.gridUpdate(msg)
	}
	if p.src == nil {
		if key.Matches(msg, k.AddRow, k.Edit, k.DeleteRow, k.SetNull, k.Revert, k.DuplicateRow) {
			return reportErr(fmt.Errorf("no input table: %s", p.note))
		}
		return nil
	}
	return p.edit(msg)
}
