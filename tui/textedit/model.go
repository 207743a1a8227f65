package textedit

import (
	"strings"
	"unicode"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/jig-sql/jig/tui/styles"
)

// Action tells the host what a message did to the editor.
type Action int

const (
	// None means keep editing.
	None Action = iota
	// Commit means the user accepted Value.
	Commit
	// Cancel means the user abandoned the edit.
	Cancel
)

// Model is a single-line editor. The zero value is unusable; call New.
type Model struct {
	KeyMap  KeyMap
	st      styles.EditStyles
	value   []rune
	pos     int // cursor, an index into value
	width   int // cells available; 0 means unbounded
	focused bool
}

// New returns a blurred, empty editor.
func New(st styles.EditStyles) Model {
	return Model{KeyMap: DefaultKeyMap(), st: st}
}

// Start focuses the editor on value with the cursor at its end.
func (m *Model) Start(value string) {
	m.value = []rune(clean(value))
	m.pos = len(m.value)
	m.focused = true
}

// Stop blurs the editor; its value stays readable.
func (m *Model) Stop() { m.focused = false }

// Focused reports whether the editor takes keys.
func (m Model) Focused() bool { return m.focused }

// Value is the text typed so far.
func (m Model) Value() string { return string(m.value) }

// SetWidth sets how many cells View may use; the text scrolls to keep the
// cursor visible.
func (m *Model) SetWidth(w int) { m.width = max(w, 0) }

// Update applies a key or a paste and reports whether that ended the edit.
func (m Model) Update(msg tea.Msg) (Model, Action) {
	if !m.focused {
		return m, None
	}
	switch msg := msg.(type) {
	case tea.PasteMsg:
		m.insert(msg.Content)
	case tea.KeyPressMsg:
		return m.key(msg)
	}
	return m, None
}

func (m Model) key(msg tea.KeyPressMsg) (Model, Action) {
	k := m.KeyMap
	switch {
	case key.Matches(msg, k.Commit):
		m.focused = false
		return m, Commit
	case key.Matches(msg, k.Cancel):
		m.focused = false
		return m, Cancel
	case key.Matches(msg, k.Left):
		m.pos = max(m.pos-1, 0)
	case key.Matches(msg, k.Right):
		m.pos = min(m.pos+1, len(m.value))
	case key.Matches(msg, k.Home):
		m.pos = 0
	case key.Matches(msg, k.End):
		m.pos = len(m.value)
	default:
		m.edit(msg)
	}
	return m, None
}

// edit handles deletions and typed text.
func (m *Model) edit(msg tea.KeyPressMsg) {
	k := m.KeyMap
	switch {
	case key.Matches(msg, k.Backspace):
		if m.pos > 0 {
			m.value = append(m.value[:m.pos-1], m.value[m.pos:]...)
			m.pos--
		}
	case key.Matches(msg, k.Delete):
		if m.pos < len(m.value) {
			m.value = append(m.value[:m.pos], m.value[m.pos+1:]...)
		}
	case key.Matches(msg, k.DeleteWord):
		start := wordStart(m.value, m.pos)
		m.value = append(m.value[:start], m.value[m.pos:]...)
		m.pos = start
	case key.Matches(msg, k.DeleteToStart):
		m.value = append([]rune(nil), m.value[m.pos:]...)
		m.pos = 0
	case key.Matches(msg, k.DeleteToEnd):
		m.value = m.value[:m.pos]
	case msg.Text != "" && msg.Mod&^tea.ModShift == 0:
		m.insert(msg.Text)
	}
}

func (m *Model) insert(s string) {
	r := []rune(clean(s))
	tail := append(r, m.value[m.pos:]...)
	m.value = append(m.value[:m.pos], tail...)
	m.pos += len(r)
}

// wordStart finds where the word before pos begins, skipping spaces first.
func wordStart(v []rune, pos int) int {
	i := pos
	for i > 0 && unicode.IsSpace(v[i-1]) {
		i--
	}
	for i > 0 && !unicode.IsSpace(v[i-1]) {
		i--
	}
	return i
}

// clean keeps a cell value on one line: breaks and tabs become spaces and
// other control characters are dropped.
func clean(s string) string {
	if strings.IndexFunc(s, unicode.IsControl) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			return ' '
		case unicode.IsControl(r):
			return -1
		}
		return r
	}, s)
}
