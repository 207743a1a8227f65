package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/rows"
	"github.com/jig-sql/jig/tui/grid"
	"github.com/jig-sql/jig/workspace"
)

// inputPane is the fixture's input rows: one tab per table the query
// reads, each an editable grid.
type inputPane struct {
	box
	th     *theme
	sess   *Session
	tables []workspace.Table // described; nil until Postgres is ready
	ds     *rows.Dataset
	tab    int
	src    *inputSource
	grid   grid.Model
	note   string // shown instead of the grid
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
func (p *inputPane) SetTables(t []workspace.Table) {
	p.tables = t
	p.refresh()
}

// SetSession shows another session, from its first table.
func (p *inputPane) SetSession(s *Session) {
	p.sess, p.tab, p.ds = s, 0, nil
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
	p.sess.Table(name)
	for i, t := range p.sess.Tables {
		if t.Name == name {
			p.tab = i
		}
	}
	p.refresh()
}

// Editing reports whether a cell editor is open.
func (p *inputPane) Editing() bool { return p.grid.Editing() }

// refresh rebuilds the grid's source after the session, tab or data changed.
func (p *inputPane) refresh() {
	p.src, p.note = nil, ""
	switch {
	case p.tables == nil:
		p.note = "waiting for Postgres…"
	case p.sess == nil:
		p.note = "pick a query in the sidebar"
	case len(p.sess.Tables) == 0:
		p.note = "this query reads no tables"
	}
	if p.note != "" {
		p.grid.SetSource(nil)
		return
	}
	p.tab = min(max(p.tab, 0), len(p.sess.Tables)-1)
	it := p.sess.Tables[p.tab]
	t := findTable(p.tables, it.Name)
	if t == nil {
		p.note = fmt.Sprintf("table %s is not in the schema", it.Name)
		p.grid.SetSource(nil)
		return
	}
	var built []rows.Row
	if p.ds != nil {
		built = p.ds.Rows(engine.FactoryName(t))
	}
	// The new source first: SetFrozen re-lays the grid out, which must not
	// read the previous source through a length the edit just changed.
	p.src = newInputSource(t, it, built)
	p.src.errs = p.rowErrs[it.Name]
	p.grid.SetSource(p.src)
	p.grid.SetFrozen(p.src.frozen())
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
		body = append(body, p.th.st.Grid.Empty.Render(fitLine(" "+p.note, w)))
	} else {
		body = append(body, splitLines(p.grid.View())...)
	}
	info := ""
	if p.src != nil {
		info = p.src.parentInfo()
		if row, _ := p.grid.Current(); p.src.rowNote(row) != "" {
			info = p.src.rowNote(row)
		}
	}
	title := "Input"
	if p.sess != nil && p.sess.Dirty {
		title += " ● unsaved"
	}
	return p.th.fr.frame(title, info, body, p.w, p.h, p.focused)
}

// tabsLine lists the session's tables with their row counts.
func (p *inputPane) tabsLine(w int) string {
	if p.sess == nil || len(p.sess.Tables) == 0 {
		return fitLine("", w)
	}
	var b strings.Builder
	for i, t := range p.sess.Tables {
		label := fmt.Sprintf(" %s %d ", t.Name, len(t.Rows))
		if i == p.tab {
			b.WriteString(p.th.st.Grid.HeaderFocus.Render(label))
		} else {
			b.WriteString(p.th.st.Grid.Header.Render(label))
		}
		b.WriteString(" ")
	}
	return fitLine(b.String(), w)
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

func (p *inputPane) clickTab(x int) {
	if p.sess == nil {
		return
	}
	pos := 0
	for i, t := range p.sess.Tables {
		pos += len(fmt.Sprintf(" %s %d ", t.Name, len(t.Rows))) + 1
		if x < pos {
			p.tab = i
			p.refresh()
			return
		}
	}
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

func (p *inputPane) switchTab(d int) {
	if p.sess == nil || len(p.sess.Tables) == 0 {
		return
	}
	p.tab = (p.tab + d + len(p.sess.Tables)) % len(p.sess.Tables)
	p.refresh()
}
