package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/workspace"
)

// itemKind is what a sidebar line stands for.
type itemKind int

const (
	itemHeading itemKind = iota
	itemQuery
	itemTable
	itemFixture
	itemNote
	itemSession // the unsaved fixture being built
	itemGroup   // a query's name over its fixtures
)

// sidebarItem is one line. Fixtures are listed under their query, by the
// rest of their name (label), so names that share a prefix stay apart.
type sidebarItem struct {
	kind  itemKind
	name  string
	label string // what the line shows when it differs from name
}

// sidebarPane lists queries, tables (with this session's row counts) and
// fixtures (with their last outcome).
type sidebarPane struct {
	box
	th       *theme
	ws       *workspace.Workspace
	tables   []string
	counts   func(table string) int
	status   map[string]engine.Status
	query    string            // the selected query
	chain    map[string]string // a query's mark: ↑ the selected one reads it, ↓ it reads the selected one
	items    []sidebarItem
	cursor   int
	offset   int
	hasTable bool // tables known (Postgres ready)
	session  string
	unsaved  bool
	dirty    bool // the session has unsaved changes: a ● on its line
}

func newSidebar(th *theme, ws *workspace.Workspace, counts func(string) int) *sidebarPane {
	s := &sidebarPane{th: th, ws: ws, counts: counts, status: map[string]engine.Status{}}
	s.rebuild()
	s.cursor = s.firstSelectable()
	return s
}

// SetTables shows the workspace's described tables.
func (s *sidebarPane) SetTables(names []string) {
	s.tables, s.hasTable = names, true
	s.rebuild()
}

// SetQuery marks the selected query and its chain.
func (s *sidebarPane) SetQuery(name string) {
	s.query = name
	s.markChain()
}

// SetStatus records a fixture's last outcome.
func (s *sidebarPane) SetStatus(name string, st engine.Status) { s.status[name] = st }

// SetSession names the fixture being built; an unsaved one gets its own
// line under the saved fixtures.
func (s *sidebarPane) SetSession(name string, unsaved bool) {
	s.session, s.unsaved = name, unsaved
	s.rebuild()
}

// SetDirty says whether the session has unsaved changes.
func (s *sidebarPane) SetDirty(d bool) { s.dirty = d }

// Refresh re-reads the workspace's fixtures (after a save).
func (s *sidebarPane) Refresh() { s.rebuild() }

func (s *sidebarPane) rebuild() {
	s.markChain()
	items := []sidebarItem{{kind: itemHeading, name: "Queries"}}
	files := map[string]bool{}
	for _, q := range s.ws.Queries {
		if files[q.Path] {
			continue // a file rendered again for one dbt unit test's overrides
		}
		files[q.Path] = true
		items = append(items, sidebarItem{kind: itemQuery, name: q.Name})
	}
	items = append(items, sidebarItem{kind: itemHeading, name: "Tables"})
	if !s.hasTable {
		items = append(items, sidebarItem{kind: itemNote, name: "waiting for Postgres…"})
	}
	for _, t := range s.tables {
		items = append(items, sidebarItem{kind: itemTable, name: t})
	}
	items = append(items, sidebarItem{kind: itemHeading, name: "Fixtures"})
	items = append(items, s.fixtureItems()...)
	s.items = items
	s.cursor = min(s.cursor, len(items)-1)
}

// fixtureItems lists the fixtures by the folder of their name (their query,
// or for a dbt unit test with overrides its model), the unsaved session
// under its own query.
func (s *sidebarPane) fixtureItems() []sidebarItem {
	var out []sidebarItem
	var groups []string
	byQuery := map[string][]sidebarItem{}
	add := func(q string, it sidebarItem) {
		if _, ok := byQuery[q]; !ok {
			groups = append(groups, q)
		}
		byQuery[q] = append(byQuery[q], it)
	}
	for _, f := range s.ws.Fixtures {
		q, stem, ok := strings.Cut(f.Name, "/")
		if !ok {
			q, stem = f.Query, f.Name
		}
		add(q, sidebarItem{kind: itemFixture, name: f.Name, label: stem})
	}
	if s.unsaved && s.session != "" {
		q, stem, _ := strings.Cut(s.session, "/")
		add(q, sidebarItem{kind: itemSession, name: s.session, label: stem})
	}
	for _, q := range groups {
		out = append(out, sidebarItem{kind: itemGroup, name: q})
		out = append(out, byQuery[q]...)
	}
	return out
}

// want is the width that shows every line whole, border included.
func (s *sidebarPane) want() int {
	w := 0
	for _, it := range s.items {
		n := ansi.StringWidth(it.name) + 2
		switch it.kind {
		case itemTable:
			n += 1 + len(fmt.Sprint(s.counts(it.name)))
		case itemFixture, itemSession:
			n = ansi.StringWidth(it.label) + 6 // "  ✓ " and the ● of unsaved changes
		}
		w = max(w, n)
	}
	return w + 2
}

func (s *sidebarPane) firstSelectable() int {
	for i := range s.items {
		if s.selectable(i) {
			return i
		}
	}
	return 0
}

// Update moves the cursor and opens the item under it.
func (s *sidebarPane) Update(msg tea.Msg) tea.Cmd {
	k := s.th.keys.Sidebar
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, k.Up):
			s.move(-1)
		case key.Matches(msg, k.Down):
			s.move(1)
		case key.Matches(msg, k.Select):
			return s.open()
		}
	case tea.MouseClickMsg:
		i := s.offset + msg.Mouse().Y - 1
		if i >= 0 && i < len(s.items) && s.selectable(i) {
			s.cursor = i
			return s.open()
		}
	case tea.MouseWheelMsg:
		if msg.Button == tea.MouseWheelUp {
			s.move(-1)
		} else if msg.Button == tea.MouseWheelDown {
			s.move(1)
		}
	}
	return nil
}

func (s *sidebarPane) selectable(i int) bool {
	k := s.items[i].kind
	return k != itemHeading && k != itemNote && k != itemGroup
}

func (s *sidebarPane) move(d int) {
	for i := s.cursor + d; i >= 0 && i < len(s.items); i += d {
		if s.selectable(i) {
			s.cursor = i
			return
		}
	}
}

func (s *sidebarPane) open() tea.Cmd {
	if s.cursor < 0 || s.cursor >= len(s.items) {
		return nil
	}
	it := s.items[s.cursor]
	switch it.kind {
	case itemQuery:
		return emit(selectQueryMsg{it.name})
	case itemTable:
		return emit(selectTableMsg{it.name})
	case itemFixture:
		return emit(openFixtureMsg{it.name})
	}
	return nil
}

// View draws the list, scrolled to keep the cursor in view.
func (s *sidebarPane) View() []string {
	w, h := s.inner()
	if s.cursor < s.offset {
		s.offset = s.cursor
	} else if h > 0 && s.cursor >= s.offset+h {
		s.offset = s.cursor - h + 1
	}
	body := make([]string, 0, h)
	for i := s.offset; i < len(s.items) && len(body) < h; i++ {
		body = append(body, s.line(i, w))
	}
	return s.th.fr.frame("Workspace", "", body, s.w, s.h, s.focused)
}

func (s *sidebarPane) line(i, w int) string {
	it, st := s.items[i], s.th.st
	text := ""
	switch it.kind {
	case itemHeading:
		return st.Help.Group.Render(fitLine(it.name, w))
	case itemNote:
		return st.Grid.Empty.Render(fitLine("  "+it.name, w))
	case itemGroup:
		return st.Status.Muted.Render(fitMiddle(" "+it.name+"/", w))
	case itemQuery:
		mark := "  "
		if m, ok := s.chain[it.name]; ok {
			mark = m
		}
		if it.name == s.query {
			mark = "▸ "
		}
		text = mark + it.name
	case itemTable:
		n := fmt.Sprint(s.counts(it.name))
		text = "  " + fitLine(it.name, max(w-3-len(n), 1)) + " " + n
	case itemFixture, itemSession:
		mark := " " + s.fixtureMark(it.name)
		if it.name == s.session {
			mark = "▸" + mark[1:]
		}
		dirty := ""
		if it.name == s.session && s.dirty {
			dirty = " ●"
		}
		text = mark + " " + fitMiddle(it.label, w-len([]rune(mark))-1-len([]rune(dirty))) + dirty
	}
	text = fitLine(text, w)
	if i == s.cursor {
		if s.focused {
			return st.Grid.Cursor.Render(text)
		}
		return st.Grid.Selected.Render(text)
	}
	return text
}

func (s *sidebarPane) fixtureMark(name string) string {
	switch s.status[name] {
	case engine.StatusPass:
		return " ✓"
	case engine.StatusFail:
		return " ✗"
	case engine.StatusError:
		return " !"
	}
	return " ·"
}

// fitMiddle fits s in w cells, cutting its middle rather than its end when
// it is too long: names that share a beginning keep what tells them apart.
func fitMiddle(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if ansi.StringWidth(s) <= w {
		return fitLine(s, w)
	}
	r := []rune(s)
	if w < 7 || len(r) != ansi.StringWidth(s) {
		return fitLine(s, w)
	}
	head := (w - 1) / 2
	return string(r[:head]) + "…" + string(r[len(r)-(w-1-head):])
}
