package grid

import (
	"testing"

	tea "charm.land/bubbletea/v2"
)

func TestCursorMovement(t *testing.T) {
	tests := []struct {
		name             string
		keys             []string
		row, col, rowOff int
	}{
		{"start", nil, 0, 0, 0},
		{"clamp up and left", []string{"up", "left", "k", "h"}, 0, 0, 0},
		{"vi keys", []string{"j", "j", "l"}, 2, 1, 0},
		{"end and home", []string{"end", "home"}, 0, 0, 0},
		{"last column", []string{"end", "right", "$"}, 0, 6, 0},
		{"bottom clamps", []string{"G", "down", "j"}, 39, 0, 30},
		{"top", []string{"G", "g"}, 0, 0, 0},
		{"page down keeps screen position", []string{"down", "pgdown"}, 11, 0, 10},
		{"page down at end", []string{"pgdown", "pgdown", "pgdown", "pgdown", "pgdown"}, 39, 0, 30},
		{"page up clamps", []string{"down", "pgup"}, 0, 0, 0},
		{"scroll follows cursor", []string{"G", "up", "up", "up", "up", "up", "up", "up", "up", "up", "up", "up"}, 28, 0, 28},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := New(eventsSource(), testStyles(), WithFrozen(1))
			m.SetSize(80, 13) // ten body rows
			m.Focus()
			m = press(m, tt.keys...)
			row, col := m.Current()
			if row != tt.row || col != tt.col || m.rowOff != tt.rowOff {
				t.Errorf("cursor (%d,%d) offset %d, want (%d,%d) offset %d",
					row, col, m.rowOff, tt.row, tt.col, tt.rowOff)
			}
		})
	}
}

func TestHorizontalScrollKeepsFrozenColumns(t *testing.T) {
	m := New(eventsSource(), testStyles(), WithFrozen(2))
	m.SetSize(80, 10)
	m.Focus()
	m = press(m, "end")
	var buf [32]span
	spans := m.layout(buf[:0])
	if spans[0].col != 0 || spans[1].col != 1 {
		t.Fatalf("frozen columns not first: %+v", spans)
	}
	last := spans[len(spans)-1]
	if last.col != 6 || last.cut {
		t.Errorf("cursor column not fully in view: %+v", spans)
	}
	m = press(m, "home")
	if m.colOff != 2 {
		t.Errorf("colOff = %d after home, want 2", m.colOff)
	}
}

func TestEmptySources(t *testing.T) {
	for name, src := range map[string]Source{
		"nil":        nil,
		"no columns": &SliceSource{},
		"no rows":    &SliceSource{Cols: []Column{{Name: "a"}}},
	} {
		t.Run(name, func(t *testing.T) {
			m := New(src, testStyles(), WithFrozen(3))
			m.SetSize(40, 10)
			m.Focus()
			m = press(m, "down", "right", "G", "end", "pgdown", "pgup", "g", "home")
			m, _ = m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
			if r, c := m.Current(); r != 0 || c != 0 {
				t.Errorf("Current() = (%d,%d), want (0,0)", r, c)
			}
			if _, _, ok := m.CellAt(10, 4); ok {
				t.Error("CellAt found a cell in an empty grid")
			}
			m.StartEdit("x")
			if m.Editing() {
				t.Error("editing an empty grid")
			}
			checkFrame(t, m.View(), 40, 10)
		})
	}
}

func TestSourceShrinks(t *testing.T) {
	src := eventsSource()
	m := New(src, testStyles())
	m.SetSize(80, 13)
	m.Focus()
	m = press(m, "G", "end")
	src.Rows = src.Rows[:3]
	src.Cols = src.Cols[:2]
	m.Refresh()
	if r, c := m.Current(); r != 2 || c != 1 {
		t.Errorf("Current() = (%d,%d), want (2,1)", r, c)
	}
	checkFrame(t, m.View(), 80, 13)
}

func TestCellAt(t *testing.T) {
	m := New(diffSource(), testStyles())
	m.SetSize(80, 24)
	// Gutter is 4 wide then │ at x=4; browser content spans x=5..13.
	tests := []struct {
		x, y     int
		row, col int
		ok       bool
	}{
		{x: 6, y: 3, row: 0, col: 0, ok: true},
		{x: 16, y: 4, row: 1, col: 1, ok: true},
		{x: 26, y: 6, row: 3, col: 2, ok: true},
		{x: 6, y: 1, ok: false},  // header
		{x: 2, y: 3, ok: false},  // gutter
		{x: 6, y: 7, ok: false},  // past the data
		{x: 70, y: 3, ok: false}, // past the columns
	}
	for _, tt := range tests {
		row, col, ok := m.CellAt(tt.x, tt.y)
		if ok != tt.ok || (ok && (row != tt.row || col != tt.col)) {
			t.Errorf("CellAt(%d,%d) = %d,%d,%v want %d,%d,%v", tt.x, tt.y, row, col, ok, tt.row, tt.col, tt.ok)
		}
	}
	if !m.Click(26, 6) {
		t.Fatal("Click missed")
	}
	if r, c := m.Current(); r != 3 || c != 2 {
		t.Errorf("after click Current() = (%d,%d)", r, c)
	}
}

func TestWheelScrollsAndDragsCursor(t *testing.T) {
	m := New(eventsSource(), testStyles())
	m.SetSize(80, 13)
	m.Focus()
	m, _ = m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	if r, _ := m.Current(); m.rowOff != 3 || r != 3 {
		t.Errorf("rowOff %d cursor %d, want 3 and 3", m.rowOff, r)
	}
}

func TestBlurredGridIgnoresKeys(t *testing.T) {
	m := New(eventsSource(), testStyles())
	m.SetSize(80, 13)
	m = press(m, "down")
	if r, _ := m.Current(); r != 0 {
		t.Errorf("blurred grid moved to row %d", r)
	}
}

func TestEditCommitAndCancel(t *testing.T) {
	m := New(eventsSource(), testStyles(), WithID("input"))
	m.SetSize(80, 13)
	m.Focus()
	m = press(m, "down", "right")
	m.StartEdit("")
	m = press(m, "q", "j") // letters, not quit or down
	m, cmd := m.Update(keyMsg("enter"))
	got, ok := cmd().(EditedMsg)
	want := EditedMsg{ID: "input", Row: 1, Col: 1, Text: "qj"}
	if !ok || got != want || m.Editing() {
		t.Errorf("commit gave %#v (editing %v), want %#v", got, m.Editing(), want)
	}
	m.StartEdit("old")
	m, cmd = m.Update(keyMsg("esc"))
	if _, ok := cmd().(EditCanceledMsg); !ok || m.Editing() {
		t.Errorf("esc did not cancel")
	}
}
