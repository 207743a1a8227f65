package tui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/engine/enginetest"
	"github.com/jig-sql/jig/workspace"
)

// TestChainOverSchemasInWorkbench: on the crm project with staging
// queries over crm.accounts and web.sessions and a mart reading them, the
// mart's tabs show the chain down to the schemas' tables, and m mocks
// stg_accounts, a query over another schema, and the result follows.
func TestChainOverSchemasInWorkbench(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "crm")
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("..", "testdata", "projects", "crm"))); err != nil {
		t.Fatal(err)
	}
	enginetest.WriteFiles(t, dir, map[string]string{
		"queries/stg_accounts.sql": "select id as account_id, name as account_name, plan\nfrom crm.accounts\n",
		"queries/stg_sessions.sql": "select session_id, account_id, started_at\nfrom web.sessions\n",
		"queries/account_sessions.sql": "select a.account_name, count(s.session_id) as sessions\nfrom stg_accounts a\n" +
			"left join stg_sessions s using (account_id)\ngroup by a.account_name\norder by a.account_name\n",
		"fixtures/account_sessions/raw.yaml": "query: account_sessions\ngiven:\n  crm.accounts:\n    - {id: 1, name: acme}\n" +
			"  web.sessions:\n    - {session_id: s1, account_id: 1}\nexpect:\n  rows:\n    - {account_name: acme, sessions: 1}\n",
	})
	ws, err := workspace.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	m := New(context.Background(), ws, Options{Server: enginetest.Server(t), Autosave: "-"})
	t.Cleanup(m.Cleanup)
	d := newDriver(m)
	d.send(tea.WindowSizeMsg{Width: 120, Height: 36})
	d.run(m.Init())
	d.until(t, func() bool { return m.ready })
	d.send(openFixtureMsg{"account_sessions/raw"})
	d.until(t, func() bool { return m.sess.Name == "raw" && m.input.reads != nil && d.settled() })
	if got, want := strings.Join(tabNames(m), " "), "◇stg_accounts ◇stg_sessions crm.accounts 1 web.sessions 1"; got != want {
		t.Errorf("tabs %q\nwant %q", got, want)
	}
	if m.live.Status != engine.StatusPass {
		t.Fatalf("the fixture over crm and web: %v %v", m.live.Status, m.live.Err)
	}
	for m.input.tab > 0 {
		d.press(t, "[")
	}
	d.press(t, "m") // mock stg_accounts
	if got := strings.Join(tabNames(m), " "); !strings.HasPrefix(got, "◆stg_accounts 1 ◇stg_sessions") {
		t.Errorf("tabs once stg_accounts is mocked: %q", got)
	}
	if m.live.Err != nil {
		t.Fatalf("the run over the mock: %v", m.live.Err)
	}
	if got := resultColumn(t, m, "sessions"); len(got) != 1 {
		t.Errorf("sessions over the mocked stg_accounts: %v, want one account", got)
	}
}
