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
// stg_accounts, another starts from the tables, one from CSV givens for
// crm.accounts and web.sessions, and checks sit on a
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
	"data/accounts.csv": "id,name,plan\n1,acme,pro\n2,bolt,free\n",
	"fixtures/account_sessions/csv.yaml": `query: account_sessions
given:
  crm.accounts: {csv: data/accounts.csv}
  web.sessions:
    csv: |
      session_id,account_id
      s1,2
      s2,2
expect:
  rows:
    - {account_name: acme, sessions: 0}
    - {account_name: bolt, sessions: 2}
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
// schemas run in every command, twice on one cache and four at once (also
// with --dsn), and
// a fixture may mock a staging query over crm.accounts.
func TestChainOverSchemas(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	t.Setenv("JIG_DSN", "")
	dir := crmChainDir(t)
	for _, args := range [][]string{{"test"}, {"test"}, {"test", "--parallel", "4"}} {
		code, out := jig(t, append(args, "-w", dir)...)
		if code != exitOK || !strings.Contains(out, "6 fixtures: 6 passed, 0 failed") {
			t.Fatalf("jig %s: exit %d\n%s", strings.Join(args, " "), code, out)
		}
	}
	dsn := enginetest.Server(t).DSN() // with --dsn: private schemas on a server jig did not start
	for run := 1; run <= 2; run++ {
		if code, out := jig(t, "test", "-w", dir, "--dsn", dsn, "--parallel", "4"); code != exitOK || !strings.Contains(out, "6 fixtures: 6 passed, 0 failed") {
			t.Fatalf("jig test --dsn, run %d: exit %d\n%s", run, code, out)
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
	_, out = jig(t, "check", "-w", dir, "--self-test")
	if !strings.Contains(out, ", 0 error(s)") || strings.Contains(out, "jig_w") ||
		!strings.Contains(squash(out), "unique(account_id) | stg_accounts | unproven | it checks the output of query stg_accounts") {
		t.Errorf("jig check --self-test through the chain over schemas:\n%s", out)
	}
	code, out = jig(t, "explain", "-w", dir, "account_sessions")
	if code != exitOK || !strings.Contains(out, "Seq Scan on accounts") || !strings.Contains(out, "Seq Scan on sessions") || strings.Contains(out, "jig_") {
		t.Errorf("jig explain reads the chain over the schemas: exit %d\n%s", code, out)
	}
	before := snapshot(t, dir)
	code, out = jig(t, "validate", "-w", dir)
	if code != exitOK || !strings.Contains(out, "ok: 4 schema files, 6 queries, 6 check files, 6 fixtures") {
		t.Errorf("jig validate: exit %d\n%s", code, out)
	}
	if snapshot(t, dir) != before {
		t.Error("jig validate changed the workspace's files")
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

// TestChainOverSchemasErrorPlaced: an error in the middle query of the
// chain over crm and web is at that query's file:line:col in validate,
// test, run, check (a check on it, on the mart, and a relationship to it)
// and explain of the mart, never at a check's file or jig's own SQL.
func TestChainOverSchemasErrorPlaced(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	t.Setenv("JIG_DSN", "") // jig check runs on the embedded server
	dir := crmChainDir(t)
	enginetest.WriteFiles(t, dir, map[string]string{
		"queries/stg_accounts.sql": "-- staging over another schema\nselect id as account_id, name as account_name, plan\nfrom crm.accounts a\nwhere a.nope > 0\n",
	})
	const want = "queries/stg_accounts.sql:4:7: column a.nope does not exist"
	for _, args := range [][]string{{"validate"}, {"test"}, {"run", "account_sessions"}, {"explain", "account_sessions"},
		{"check", "stg_accounts"}, {"check", "account_sessions"}, {"check", "crm.accounts"}} {
		code, out := jig(t, append(args, "-w", dir)...)
		if code == exitOK || !strings.Contains(out, want) || strings.Contains(out, "jig_") || strings.Contains(out, "did you mean") {
			t.Errorf("jig %s: exit %d, want %q, no jig_ name, no did-you-mean:\n%s", strings.Join(args, " "), code, want, out)
		}
		if args[0] == "check" && strings.Contains(out, "): checks/") {
			t.Errorf("jig %s: a check's error is at the check, not the query:\n%s", strings.Join(args, " "), out)
		}
	}
}

// TestHostileChainNames: a query named with a space, read and mocked as
// "my query"; a schema stg beside a query stg; a mixed-case schema "CRM"
// and a query accounts beside its table "CRM".accounts; a public.t given; then a mock nobody reads and a cycle through three
// files, each refused at its place.
func TestHostileChainNames(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	t.Setenv("JIG_DSN", enginetest.Server(t).DSN())
	dir := t.TempDir()
	enginetest.WriteFiles(t, dir, map[string]string{
		"schema/s.sql": "CREATE SCHEMA \"CRM\";\nCREATE SCHEMA stg;\nCREATE TABLE \"CRM\".accounts (id int primary key, name text);\n" +
			"CREATE TABLE stg.x (id int);\nCREATE TABLE t (id int);\n",
		"queries/my query.sql": "select id, name from \"CRM\".accounts\n",
		"queries/stg.sql":      "select id from stg.x\n",
		"queries/mart.sql":     "select q.id, q.name, (select count(*) from stg) as n, (select count(*) from t) as t\nfrom \"my query\" q\n",
		"fixtures/mart/tables.yaml": "query: mart\ngiven:\n  '\"CRM\".accounts': [{id: 1, name: a}]\n  stg.x: [{id: 1}, {id: 2}]\n" +
			"expect:\n  rows:\n    - {id: 1, name: a, n: 2, t: 0}\n",
		"fixtures/mart/mocks.yaml": "query: mart\ngiven:\n  '\"my query\"': [{id: 5, name: m}]\n  Stg: [{id: 1}]\n  public.t: [{id: 1}]\n" +
			"expect:\n  rows:\n    - {id: 5, name: m, n: 1, t: 1}\n",
	})
	enginetest.WriteFiles(t, dir, map[string]string{ // a query named like "CRM"'s table
		"queries/accounts.sql":  "select 7 as id\n",
		"queries/reads.sql":     "select (select id from accounts) as q, (select count(*) from \"CRM\".accounts) as t\n",
		"fixtures/reads/a.yaml": "query: reads\ngiven:\n  '\"CRM\".accounts': [{id: 1}, {id: 2}]\nexpect:\n  rows:\n    - {q: 7, t: 2}\n",
		"fixtures/reads/b.yaml": "query: reads\ngiven:\n  accounts: [{id: 8}]\nexpect:\n  rows:\n    - {q: 8, t: 0}\n",
	})
	for _, args := range [][]string{{"validate"}, {"test"}, {"test", "--parallel", "4"}} {
		if code, out := jig(t, append(args, "-w", dir)...); code != exitOK {
			t.Fatalf("jig %s: exit %d\n%s", strings.Join(args, " "), code, out)
		}
	}
	enginetest.WriteFiles(t, dir, map[string]string{"fixtures/mart/unread.yaml": "query: mart\ngiven:\n  mart: [{id: 1}]\nexpect:\n  rows: []\n"})
	code, out := jig(t, "validate", "-w", dir)
	if want := `fixtures/mart/unread.yaml:3:3: given "mart": query mart is read by no other query`; code != exitUsage || !strings.Contains(out, want) {
		t.Errorf("a mock nobody reads: exit %d, want %q\n%s", code, want, out)
	}
	enginetest.WriteFiles(t, dir, map[string]string{
		"fixtures/mart/unread.yaml": "query: mart\nexpect:\n  rows: []\n",
		"queries/a1.sql":            "select * from c1\n", "queries/b1.sql": "select *\nfrom a1\n",
		"queries/c1.sql": "-- c\nselect * from t join b1 using (id)\n",
	})
	for _, args := range [][]string{{"validate"}, {"test"}, {"run", "mart"}} {
		code, out := jig(t, append(args, "-w", dir)...)
		if want := "queries/b1.sql:2:6: queries read each other in a cycle: a1 → c1 → b1 → a1"; code != exitUsage || !strings.Contains(out, want) {
			t.Errorf("jig %s on a cycle of three: exit %d, want %q\n%s", args[0], code, want, out)
		}
	}
}

// TestChainOverSchemasRedshift: the same chain in a Redshift workspace,
// its staging queries in Redshift's SQL (TOP, NVL, DATEADD), passes its
// fixtures twice and its checks.
func TestChainOverSchemasRedshift(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	t.Setenv("JIG_DSN", "")
	dir := crmChainDir(t)
	enginetest.WriteFiles(t, dir, map[string]string{
		"jig.yaml":                 "dialect: redshift\n",
		"queries/stg_accounts.sql": "select top 100 id as account_id, nvl(name, 'none') as account_name, plan\nfrom crm.accounts\n",
		"queries/stg_sessions.sql": "select session_id, account_id, dateadd(minute, 0, started_at) as started_at\nfrom web.sessions\n",
	})
	for run := 1; run <= 2; run++ {
		if code, out := jig(t, "test", "-w", dir); code != exitOK || !strings.Contains(out, "6 fixtures: 6 passed, 0 failed") {
			t.Fatalf("jig test, run %d: exit %d\n%s", run, code, out)
		}
	}
	if code, out := jig(t, "check", "-w", dir); code != exitOK || strings.Count(out, "| pass ") != 13 {
		t.Errorf("jig check: exit %d\n%s", code, out)
	}
}
