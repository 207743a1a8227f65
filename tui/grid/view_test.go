package grid

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

// keyMsg builds the KeyPressMsg a terminal sends for a key name.
func keyMsg(s string) tea.KeyPressMsg {
	codes := map[string]rune{
		"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
		"home": tea.KeyHome, "end": tea.KeyEnd, "pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown,
		"enter": tea.KeyEnter, "esc": tea.KeyEscape,
	}
	if c, ok := codes[s]; ok {
		return tea.KeyPressMsg{Code: c}
	}
	r := []rune(s)[0]
	return tea.KeyPressMsg{Code: r, Text: s}
}

func press(m Model, keys ...string) Model {
	for _, k := range keys {
		m, _ = m.Update(keyMsg(k))
	}
	return m
}

// TestGolden compares views, ANSI stripped, with testdata; run with -update
// to rewrite them.
func TestGolden(t *testing.T) {
	tests := []struct {
		name string
		src  Source
		w, h int
		keys []string
		edit string
	}{
		{name: "events", src: eventsSource(), w: 80, h: 24},
		{name: "events", src: eventsSource(), w: 120, h: 36},
		{name: "events_scrolled", src: eventsSource(), w: 80, h: 24, keys: []string{"end", "down", "down", "down", "down"}},
		{name: "events_scrolled", src: eventsSource(), w: 120, h: 36, keys: []string{"end", "G"}},
		{name: "diff", src: diffSource(), w: 80, h: 24, keys: []string{"down"}},
		{name: "empty", src: &SliceSource{Cols: diffSource().Cols}, w: 80, h: 24, keys: []string{"down", "G", "end"}},
		{name: "editing", src: eventsSource(), w: 80, h: 24, keys: []string{"right", "right", "down"}, edit: "quit now"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s_%dx%d", tt.name, tt.w, tt.h), func(t *testing.T) {
			m := New(tt.src, testStyles(), WithFrozen(1))
			m.SetSize(tt.w, tt.h)
			m.Focus()
			m = press(m, tt.keys...)
			if tt.edit != "" {
				m.StartEdit("")
				for _, r := range tt.edit {
					m, _ = m.Update(keyMsg(string(r)))
				}
			}
			view := m.View()
			checkFrame(t, view, tt.w, tt.h)
			golden.RequireEqual(t, ansi.Strip(view))
		})
	}
}

// checkFrame asserts the view is exactly w×h cells.
func checkFrame(t *testing.T, view string, w, h int) {
	t.Helper()
	lines := 1
	for i, l := range splitLines(view) {
		lines = i + 1
		if got := ansi.StringWidth(l); got != w {
			t.Errorf("line %d is %d cells wide, want %d: %q", i, got, w, ansi.Strip(l))
		}
	}
	if lines != h {
		t.Errorf("%d lines, want %d", lines, h)
	}
}

func splitLines(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

func TestViewTinySizes(t *testing.T) {
	for _, size := range [][2]int{{0, 0}, {1, 1}, {5, 3}, {12, 4}, {30, 2}} {
		m := New(eventsSource(), testStyles(), WithFrozen(3))
		m.SetSize(size[0], size[1])
		m = press(m, "end", "G")
		view := m.View()
		if size[0] == 0 {
			if view != "" {
				t.Errorf("%v: want empty view", size)
			}
			continue
		}
		checkFrame(t, view, size[0], size[1])
	}
}

// Columns with no type or badge (a check's failing rows) get no empty
// types line: the rule follows the names, and rows start right under it.
func TestHeaderWithoutTypes(t *testing.T) {
	src := &SliceSource{Cols: []Column{{Name: "event_id"}, {Name: "n"}},
		Rows: [][]Cell{{{Text: "e1"}, {Text: "3"}}}}
	m := New(src, testStyles())
	m.SetSize(30, 5)
	lines := splitStripped(m.View())
	if !strings.Contains(lines[0], "event_id") || !strings.Contains(lines[1], "─") || !strings.Contains(lines[2], "e1") {
		t.Fatalf("header without types:\n%s", strings.Join(lines, "\n"))
	}
	if row, _, ok := m.CellAt(5, 2); !ok || row != 0 {
		t.Errorf("CellAt on the first row = %d, %v", row, ok)
	}
}

func splitStripped(s string) []string { return strings.Split(ansi.Strip(s), "\n") }

// Editing a cell whose text fills its column shows all of it, the cursor
// after the last character (it hid the first one until home).
func TestEditFullCellShowsFirstChar(t *testing.T) {
	ts := "2024-09-11 04:28:05"
	src := &SliceSource{Cols: []Column{{Name: "id", Type: "int4"}, {Name: "ts", Type: "timestamp"}},
		Rows: [][]Cell{{{Text: "1"}, {Text: ts}}}}
	m := New(src, testStyles())
	m.SetSize(60, 6)
	m.Focus()
	m = press(m, "right")
	m.StartEdit(ts)
	lines := splitStripped(m.View())
	if !strings.Contains(lines[3], " "+ts+" ") {
		t.Fatalf("the edited row shows %q; want all of %q", lines[3], ts)
	}
	for i, l := range lines {
		if w := ansi.StringWidth(l); w != 60 {
			t.Errorf("line %d is %d wide", i, w)
		}
	}
}
