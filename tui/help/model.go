package help

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/jig-sql/jig/tui/styles"
)

// Group is a titled set of bindings, e.g. "Input grid".
type Group struct {
	Title    string
	Bindings []key.Binding
}

// KeyMap scrolls the screen when it is taller than the terminal.
type KeyMap struct {
	Up, Down, PageUp, PageDown key.Binding
}

// DefaultKeyMap returns arrows, vi keys and page keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "scroll up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "scroll down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "space"), key.WithHelp("pgdn", "page down")),
	}
}

// Model is the help screen. Closing it is the host's business (?, esc).
type Model struct {
	KeyMap KeyMap
	st     styles.HelpStyles
	groups []Group
	width  int
	height int
	offset int
}

// New returns a help screen listing groups.
func New(st styles.Styles, groups ...Group) Model {
	return Model{KeyMap: DefaultKeyMap(), st: st.Help, groups: groups}
}

// SetStyles swaps the theme.
func (m *Model) SetStyles(st styles.Styles) { m.st = st.Help }

// SetGroups replaces the bindings shown.
func (m *Model) SetGroups(groups ...Group) {
	m.groups = groups
	m.clamp()
}

// SetSize sets the screen's size in cells.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(w, 0), max(h, 0)
	m.clamp()
}

// Update scrolls on the KeyMap's keys.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return m, nil
	}
	page := max(m.bodyHeight()-1, 1)
	switch {
	case key.Matches(k, m.KeyMap.Up):
		m.offset--
	case key.Matches(k, m.KeyMap.Down):
		m.offset++
	case key.Matches(k, m.KeyMap.PageUp):
		m.offset -= page
	case key.Matches(k, m.KeyMap.PageDown):
		m.offset += page
	}
	m.clamp()
	return m, nil
}

// bodyHeight is the lines left for bindings under the title and above the
// footer.
func (m Model) bodyHeight() int { return max(m.height-2, 1) }

func (m *Model) clamp() {
	limit := max(len(m.lines())-m.bodyHeight(), 0)
	m.offset = min(max(m.offset, 0), limit)
}
