package tui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
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
)

type sidebarItem struct {
	kind itemKind
	name string
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
	query    string // the selected query
	items    []sidebarItem
	cursor   int
	offset   int
	hasTable bool // tables known (Postgres ready)
	session  string
	unsaved  bool
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

// SetQuery marks the selected query.
func (s *sidebarPane) SetQuery(name string) { s.query = name }

// SetStatus records a fixture's last outcome.
func (s *sidebarPane) SetStatus(name string, st engine.Status) { s.status[name] = st }

// SetSession names the fixture being built; an unsaved one gets its own
// line under the saved fixtures.
func (s *sidebarPane) SetSession(name string, unsaved bool) {
	s.session, s.unsaved = name, unsaved
	s.rebuild()
}

// Refresh re-reads the workspace's fixtures (after a save).
func (s *sidebarPane) Refresh() { s.rebuild() }

func (s *sidebarPane) rebuild() {
	items := []sidebarItem{{itemHeading, "Queries"}}
	for _, q := range s.ws.Queries {
		items = append(items, sidebarItem{itemQuery, q.Name})
	}
	items = append(items, sidebarItem{itemHeading, "Tables"})
	if !s.hasTable {
		items = append(items, sidebarItem{itemNote, "waiting for Postgres…"})
	}
	for _, t := range s.tables {
		items = append(items, sidebarItem{itemTable, t})
	}
	items = append(items, sidebarItem{itemHeading, "Fixtures"})
	for _, f := range s.ws.Fixtures {
		items = append(items, sidebarItem{itemFixture, f.Name})
	}
	if s.unsaved && s.session != "" {
		items = append(items, sidebarItem{itemSession, s.session})
	}
	s.items = items
	s.cursor = min(s.cursor, len(items)-1)
}

func (s *sidebarPane) firstSelectable() int {
	for i, it := range s.items {
		if it.kind != itemHeading && it.kind != itemNote {
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
	return k != itemHeading && k != itemNote
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
	case itemQuery:
		mark := "  "
		if it.name == s.query {
			mark = "▸ "
		}
		text = mark + it.name
	case itemTable:
		n := fmt.Sprint(s.counts(it.name))
		text = "  " + fitLine(it.name, max(w-3-len(n), 1)) + " " + n
	case itemFixture, itemSession:
		text = s.fixtureMark(it.name) + " " + it.name
		if it.name == s.session {
			text = "▸" + text[1:]
		}
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
