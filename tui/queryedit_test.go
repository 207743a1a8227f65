package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

func TestQIsALetterWhileEditingTheQuery(t *testing.T) {
	k := DefaultKeyMaps()
	q := tea.KeyPressMsg{Code: 'q', Text: "q"}
	for _, b := range k.scopeBindings(ScopeQueryEdit) {
		if key.Matches(q, b) {
			t.Errorf("q is bound to %q while the query is edited", b.Help().Desc)
		}
	}
}

// The inline editor writes the query file; the reload that follows runs
// the new text.
func TestInlineQueryEdit(t *testing.T) {
	d := readyTestDriver(t, nil, "net_revenue")
	d.m.setFocus(ScopeQuery)
	d.send(keyPress("e"))
	d.until(t, func() bool { return d.m.mode == modeQueryEdit })
	for _, k := range []string{"-", "-", " ", "q", "u", "i", "t"} {
		d.send(keyPress(k))
	}
	d.send(tea.KeyPressMsg{Code: tea.KeyEnter})
	if d.m.mode != modeQueryEdit {
		t.Fatalf("mode = %v after typing; the editor closed", d.m.mode)
	}
	d.send(tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl})
	d.until(t, func() bool {
		q := d.m.ws.Query("net_revenue")
		return q != nil && strings.HasPrefix(q.SQL, "-- quit\n") && d.settled()
	})
	text, err := os.ReadFile(filepath.Join(d.m.ws.Dir, "queries", "net_revenue.sql"))
	if err != nil || !strings.HasPrefix(string(text), "-- quit\n-- Gross and net revenue") || !strings.HasSuffix(string(text), "GROUP BY o.user_id;\n") {
		t.Errorf("file = %q, %v; want the line added and the rest kept", text, err)
	}
	if d.m.mode != modeNormal || d.m.query.editor != nil {
		t.Errorf("the editor is still open after ctrl+s")
	}
}
