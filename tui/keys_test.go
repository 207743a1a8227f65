package tui

import (
	"fmt"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/jig-sql/jig/tui/help"
	"github.com/jig-sql/jig/tui/styles"
)

func TestNoKeyBoundTwiceInAScope(t *testing.T) {
	k := DefaultKeyMaps()
	for s := ScopeSidebar; s <= ScopeEditing; s++ {
		seen := map[string]string{}
		for _, b := range k.scopeBindings(s) {
			for _, key := range b.Keys() {
				if prev, ok := seen[key]; ok {
					t.Errorf("scope %d: %q bound to %q and %q", s, key, prev, b.Help().Desc)
				}
				seen[key] = b.Help().Desc
			}
		}
	}
}

func TestQIsALetterWhileEditing(t *testing.T) {
	k := DefaultKeyMaps()
	q := tea.KeyPressMsg{Code: 'q', Text: "q"}
	if !key.Matches(q, k.Global.Quit) {
		t.Fatal("q does not quit in normal mode")
	}
	for _, b := range k.scopeBindings(ScopeEditing) {
		if key.Matches(q, b) {
			t.Errorf("q is bound to %q while editing", b.Help().Desc)
		}
	}
	ctrlC := tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	if !key.Matches(ctrlC, k.Global.Cancel) {
		t.Error("ctrl+c does not cancel")
	}
}

func TestEveryBindingHasHelp(t *testing.T) {
	k := DefaultKeyMaps()
	for _, g := range k.Groups() {
		for _, b := range g.Bindings {
			if b.Help().Key == "" || b.Help().Desc == "" {
				t.Errorf("%s: binding %v has no help", g.Title, b.Keys())
			}
		}
	}
}

func TestHelpLine(t *testing.T) {
	k := DefaultKeyMaps()
	short := k.Help(ScopeEditing).ShortHelp()
	var keys []string
	for _, b := range short {
		keys = append(keys, b.Help().Key)
	}
	if got := strings.Join(keys, " "); got != "enter esc ctrl+c" {
		t.Errorf("editing help line keys %q", got)
	}
}

// TestHelpScreen keeps the ? screen's layout in testdata (-update rewrites).
func TestHelpScreen(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 36}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			m := help.New(styles.NewStyles(true), DefaultKeyMaps().helpGroups()...)
			m.SetSize(size[0], size[1])
			golden.RequireEqual(t, ansi.Strip(m.View()))
		})
	}
}

// Every pane's help line keeps z (zoom) at 80 columns.
func TestHelpLineKeepsZoomAt80(t *testing.T) {
	k := DefaultKeyMaps()
	for _, s := range []Scope{ScopeSidebar, ScopeInput, ScopeQuery, ScopeResult, ScopeChecks} {
		found := false
		for _, b := range k.fitHelp(s, 80) {
			found = found || b.Help().Key == "z"
		}
		if !found {
			t.Errorf("scope %v: the 80-column help line has no z", s)
		}
	}
}
