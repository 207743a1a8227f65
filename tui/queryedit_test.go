package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

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

// esc in the inline editor asks before it drops typed changes: n keeps
// editing with the text, y leaves with the file as it was; with nothing
// changed it leaves at once.
func TestInlineQueryEditEscAsks(t *testing.T) {
	d := readyTestDriver(t, nil, "net_revenue")
	d.m.setFocus(ScopeQuery)
	d.send(keyPress("e"))
	d.until(t, func() bool { return d.m.mode == modeQueryEdit })
	d.send(keyPress("esc"))
	if d.m.mode != modeNormal {
		t.Fatalf("esc with no change: mode %v, want normal", d.m.mode)
	}
	d.send(keyPress("e"))
	d.until(t, func() bool { return d.m.mode == modeQueryEdit })
	d.send(keyPress("x"))
	d.send(keyPress("esc"))
	if d.m.mode != modeConfirm || !strings.Contains(d.m.confirm.question, "discard") {
		t.Fatalf("esc after typing: mode %v, confirm %+v; want the discard question", d.m.mode, d.m.confirm)
	}
	d.send(keyPress("n"))
	d.poll(50 * time.Millisecond)
	if d.m.mode != modeQueryEdit || !strings.HasPrefix(d.m.query.editor.ta.Value(), "x") {
		t.Fatalf("n: mode %v; want to keep editing the typed text", d.m.mode)
	}
	d.send(keyPress("esc"))
	d.send(keyPress("y"))
	d.poll(50 * time.Millisecond)
	if d.m.mode != modeNormal || d.m.query.editor != nil {
		t.Fatalf("y: mode %v, editor %v; want the editor closed", d.m.mode, d.m.query.editor != nil)
	}
	if q := d.m.ws.Query("net_revenue"); strings.HasPrefix(q.SQL, "x") {
		t.Errorf("the discarded text reached the query")
	}
}
