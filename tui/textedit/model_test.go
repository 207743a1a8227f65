package textedit

import (
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/jig-sql/jig/tui/styles"
)

func press(s string) tea.KeyPressMsg {
	switch s {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "ctrl+w":
		return tea.KeyPressMsg{Code: 'w', Mod: tea.ModCtrl}
	}
	r := []rune(s)[0]
	return tea.KeyPressMsg{Code: r, Text: s}
}

func run(t *testing.T, start string, keys ...string) (Model, Action) {
	t.Helper()
	m := New(styles.NewStyles(true).Edit)
	m.Start(start)
	var act Action
	for _, k := range keys {
		m, act = m.Update(press(k))
	}
	return m, act
}

func TestTyping(t *testing.T) {
	tests := []struct {
		name  string
		start string
		keys  []string
		want  string
		act   Action
	}{
		{"q is a letter", "", []string{"q", "u", "i", "t"}, "quit", None},
		{"commit", "ab", []string{"c", "enter"}, "abc", Commit},
		{"cancel", "ab", []string{"c", "esc"}, "abc", Cancel},
		{"backspace mid", "abc", []string{"left", "backspace"}, "ac", None},
		{"insert mid", "ac", []string{"left", "b"}, "abc", None},
		{"delete word", "foo bar ", []string{"ctrl+w"}, "foo ", None},
		{"wide runes", "日本", []string{"語"}, "日本語", None},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, act := run(t, tt.start, tt.keys...)
			if m.Value() != tt.want || act != tt.act {
				t.Errorf("got %q %v, want %q %v", m.Value(), act, tt.want, tt.act)
			}
		})
	}
}

func TestPasteStaysOnOneLine(t *testing.T) {
	m, _ := run(t, "")
	m, _ = m.Update(tea.PasteMsg{Content: "a\nb\tc\x07"})
	if got := m.Value(); got != "a b c" {
		t.Errorf("Value() = %q", got)
	}
}

func TestViewKeepsCursorVisibleInWidth(t *testing.T) {
	m, _ := run(t, "abcdefghijklmnop")
	m.SetWidth(6)
	got := ansi.Strip(m.View())
	if got != "lmnop " {
		t.Errorf("View() = %q, want %q", got, "lmnop ")
	}
	if w := ansi.StringWidth(m.View()); w != 6 {
		t.Errorf("width %d, want 6", w)
	}
	m.Update(press("left")) // value receiver: no effect on m
	m2, _ := m.Update(tea.KeyPressMsg{Code: tea.KeyHome})
	if got := ansi.Strip(m2.View()); got != "abcdef" {
		t.Errorf("after home View() = %q", got)
	}
}
