package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/jig-sql/jig/engine/enginetest"
)

// crmChain is the crm project with a chain of queries over its schemas:
// stg_accounts reads crm.accounts, stg_sessions reads web.sessions, and
// the mart account_sessions reads both staging queries; a fixture mocks
// stg_accounts, another starts from the tables, and checks sit on a
// staging query, the mart and crm.accounts (a relationship to a query).
var crmChain = map[string]string{
	"queries/stg_accounts.sql": "-- staging over another schema\nselect id as account_id, name as account_name, plan\nfrom crm.accounts\n",
	"queries/stg_sessions.sql": "select session_id, account_id, started_at\nfrom web.sessions\n",
	"queries/account_sessions.sql": "select a.account_name, count(s.session_id) as sessions\nfrom stg_accounts a\n" +
		"left join stg_sessions s using (account_id)\ngroup by a.account_name\norder by a.account_name\n",
	"fixtures/account_sessions/mocked.yaml": `query: account_sessions
given:
  stg_accounts:
    - {account_id: 1, account_name: acme}
    - {account_id: 2, account_name: bolt}
  crm.accounts: [{id: 1}, {id: 2}] # the relationship checks on stg_accounts read the mock
  web.sessions:
    - {session_id: s1, account_id: 1}
    - {session_id: s2, account_id: 1}
expect:
  rows:
    - {account_name: acme, sessions: 2}
    - {account_name: bolt, sessions: 0}
`,
	"fixtures/account_sessions/raw.yaml": `query: account_sessions
given:
  crm.accounts:
    - {id: 1, name: acme}
    - {id: 2, name: bolt}
  web.sessions:
    - {session_id: s1, account_id: 2}
expect:
  rows:
    - {account_name: acme, sessions: 0}
    - {account_name: bolt, sessions: 1}
`,
	"checks/stg_accounts.yaml": "table: stg_accounts\nchecks:\n  - unique: [account_id]\n  - not_null: account_name\n" +
		"  - relationships: {column: account_id, to: crm.accounts, field: id}\n",
	"checks/account_sessions.yaml": "table: account_sessions\nchecks:\n  - unique: [account_name]\n" +
		"  - expression: \"sessions >= 0\"\n    name: sessions_not_negative\n",
	"checks/crm_accounts.yaml": "table: crm.accounts\nchecks:\n  - unique: [id]\n" +
		"  - relationships: {column: id, to: stg_accounts, field: account_id}\n",
}

// crmChainDir is a copy of the crm project with crmChain written in.
func crmChainDir(t *testing.T) string {
	dir := filepath.Join(t.TempDir(), "crm")
	copyTree(t, crmDir, dir)
	enginetest.WriteFiles(t, dir, crmChain)
	return dir
}

// TestChainOverSchemas: queries that read queries over tables of declared
// schemas run in every command, twice on one cache and four at once, and
// a fixture may mock a staging query over crm.accounts.
func TestChainOverSchemas(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	t.Setenv("JIG_DSN", "")
	dir := crmChainDir(t)
	for _, args := range [][]string{{"test"}, {"test"}, {"test", "--parallel", "4"}} {
		code, out := jig(t, append(args, "-w", dir)...)
		if code != exitOK || !strings.Contains(out, "5 fixtures: 5 passed, 0 failed") {
			t.Fatalf("jig %s: exit %d\n%s", strings.Join(args, " "), code, out)
		}
	}
	code, out := jig(t, "run", "-w", dir, "account_sessions", "--fixture", "account_sessions/raw", "--csv")
	if code != exitOK || !strings.Contains(out, "account_name,sessions\nacme,0\nbolt,1\n") {
		t.Errorf("jig run --fixture: exit %d\n%s", code, out)
	}
	code, out = jig(t, "check", "-w", dir)
	if code != exitOK || strings.Count(out, "| pass ") != 13 ||
		!strings.Contains(squash(out), "relationships(account_id) | stg_accounts | pass | 0") ||
		!strings.Contains(squash(out), "relationships(id) | crm.accounts | pass | 0") {
		t.Errorf("jig check: exit %d\n%s", code, out)
	}
	code, out = jig(t, "explain", "-w", dir, "account_sessions")
	if code != exitOK || !strings.Contains(out, "Seq Scan on accounts") || !strings.Contains(out, "Seq Scan on sessions") || strings.Contains(out, "jig_") {
		t.Errorf("jig explain reads the chain over the schemas: exit %d\n%s", code, out)
	}
	code, out = jig(t, "validate", "-w", dir)
	if code != exitOK || !strings.Contains(out, "ok: 4 schema files, 6 queries, 6 check files, 5 fixtures") {
		t.Errorf("jig validate: exit %d\n%s", code, out)
	}
}

// TestChainOverSchemasServed: psql on jig serve reads the mart of the
// chain over crm and web as a view, on rows it inserted itself.
func TestChainOverSchemasServed(t *testing.T) {
	dir := crmChainDir(t)
	dsn, code, errs := serveDemo(t, dir)
	if code >= 0 {
		t.Fatalf("serve exited %d:\n%s", code, errs)
	}
	got, err := psql(t, dsn, "INSERT INTO crm.accounts (id, name) VALUES (1, 'acme'), (2, 'bolt');"+
		"INSERT INTO web.sessions VALUES ('s1', 2, now(), null), ('s2', 2, now(), null);"+
		"SELECT account_name, sessions FROM account_sessions")
	if err != nil || !strings.HasSuffix(got, "\nacme|0\nbolt|2") {
		t.Errorf("psql on the served chain: %q (%v)", got, err)
	}
}
