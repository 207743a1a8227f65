package help

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/jig-sql/jig/tui/styles"
)

func groups() []Group {
	b := func(k, d string) key.Binding { return key.NewBinding(key.WithKeys(k), key.WithHelp(k, d)) }
	return []Group{
		{Title: "One", Bindings: []key.Binding{b("a", "alpha"), b("b", "beta"), b("c", "gamma")}},
		{Title: "Two", Bindings: []key.Binding{b("d", "delta"), b("e", "epsilon")}},
		{Title: "Hidden", Bindings: []key.Binding{key.NewBinding(key.WithKeys("z"), key.WithDisabled())}},
	}
}

func TestNarrowScreenScrolls(t *testing.T) {
	m := New(styles.NewStyles(false), groups()...)
	m.SetSize(20, 6) // one column of 9 lines, four shown
	view := ansi.Strip(m.View())
	if !strings.Contains(view, "alpha") || strings.Contains(view, "epsilon") {
		t.Fatalf("first page wrong:\n%s", view)
	}
	if strings.Contains(view, "Hidden") {
		t.Error("a group of disabled bindings is shown")
	}
	for range 10 {
		m, _ = m.Update(tea.KeyPressMsg{Code: tea.KeyDown})
	}
	view = ansi.Strip(m.View())
	if !strings.Contains(view, "epsilon") || strings.Contains(view, "alpha") {
		t.Errorf("scrolled page wrong:\n%s", view)
	}
	for i, l := range strings.Split(view, "\n") {
		if ansi.StringWidth(l) != 20 {
			t.Errorf("line %d is %d wide", i, ansi.StringWidth(l))
		}
	}
}

func TestBalance(t *testing.T) {
	blocks := []string{"a\nb\nc", "d", "e", "f\ng"}
	cols := balance(blocks, 2)
	if len(cols) != 2 || len(cols[0]) != 2 {
		t.Errorf("balance = %q", cols)
	}
}
