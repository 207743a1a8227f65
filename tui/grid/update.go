package grid

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/jig-sql/jig/tui/textedit"
)

// EditedMsg reports a committed edit of cell (Row, Col) of grid ID. The
// grid does not change its source; the host parses Text and updates it.
type EditedMsg struct {
	ID       string
	Row, Col int
	Text     string
}

// EditCanceledMsg reports an edit abandoned with Esc.
type EditCanceledMsg struct {
	ID       string
	Row, Col int
}

// Update moves the cursor on navigation keys and the mouse wheel; while
// editing, every key goes to the editor instead. Keys the grid does not own
// are ignored, so the host can match them before or after.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	if m.editor.Focused() {
		return m.updateEditor(msg)
	}
	if !m.focused {
		return m, nil
	}
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		m.navigate(msg)
	case tea.MouseWheelMsg:
		m.wheel(msg)
	}
	return m, nil
}

// Handles reports whether a key is grid navigation, letting a host decide
// whether to pass it down.
func (m Model) Handles(msg tea.KeyPressMsg) bool {
	k := m.KeyMap
	return key.Matches(msg, k.Up, k.Down, k.Left, k.Right, k.Home, k.End,
		k.PageUp, k.PageDown, k.Top, k.Bottom)
}

// StartEdit opens the editor on the cursor's cell with text; it does
// nothing on a grid without rows.
func (m *Model) StartEdit(text string) {
	if m.n == 0 || len(m.cols) == 0 {
		return
	}
	// The cell's right padding too, so text as wide as the column shows
	// whole with the cursor after it.
	m.editor.SetWidth(m.widths[m.col] + 1)
	m.editor.Start(text)
}

// Editing reports whether a cell editor is open: the host must then send
// every key to the grid (q is a letter, not quit).
func (m Model) Editing() bool { return m.editor.Focused() }

// OpenEdit is the open editor's text as the edit it would commit; ok is
// false when no editor is open.
func (m Model) OpenEdit() (msg EditedMsg, ok bool) {
	if !m.Editing() {
		return EditedMsg{}, false
	}
	return EditedMsg{ID: m.id, Row: m.row, Col: m.col, Text: m.editor.Value()}, true
}

// EditKeys is the editor's key map, for the help line while editing.
func (m Model) EditKeys() textedit.KeyMap { return m.editor.KeyMap }

func (m Model) updateEditor(msg tea.Msg) (Model, tea.Cmd) {
	var act textedit.Action
	m.editor, act = m.editor.Update(msg)
	id, row, col := m.id, m.row, m.col
	switch act {
	case textedit.Commit:
		text := m.editor.Value()
		return m, func() tea.Msg { return EditedMsg{ID: id, Row: row, Col: col, Text: text} }
	case textedit.Cancel:
		return m, func() tea.Msg { return EditCanceledMsg{ID: id, Row: row, Col: col} }
	}
	return m, nil
}
