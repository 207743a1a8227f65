package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/jig-sql/jig/engine/enginetest"
	"github.com/jig-sql/jig/engine/postgres"
	"github.com/jig-sql/jig/workspace"
)

// crmDir is the multi-schema example project: crm.accounts, web.sessions
// and atomic.events (an enum of its own), foreign keys across the schemas
// and into the default schema, a query joining them with an alias spelled
// like a schema, an UPDATE asserted through expect.table, and checks on
// tables of each schema.
const crmDir = "../../testdata/projects/crm"

// TestCRMCommands runs the commands on the crm project, on a server
// reached by DSN: twice jig test, then run, rows, check and explain.
func TestCRMCommands(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	t.Setenv("JIG_DSN", enginetest.Server(t).DSN())
	for run := 1; run <= 2; run++ {
		code, out := jig(t, "test", "-w", crmDir)
		if code != exitOK || !strings.Contains(out, "3 fixtures: 3 passed, 0 failed") {
			t.Fatalf("jig test, run %d: exit %d\n%s", run, code, out)
		}
	}
	code, out := jig(t, "run", "-w", crmDir, "account_activity", "--csv")
	if code != exitOK || !strings.Contains(out, "name,plan,events,sessions\n") {
		t.Errorf("jig run: exit %d\n%s", code, out)
	}
	code, out = jig(t, "rows", "-w", crmDir, "atomic.events", "-n", "2", "--csv")
	if code != exitOK || !strings.HasPrefix(out, "event_id,account_id,session_id,kind\n") || strings.Count(out, "\n") != 3 {
		t.Errorf("jig rows atomic.events: exit %d\n%s", code, out)
	}
	code, out = jig(t, "rows", "-w", crmDir, "events")
	if code != exitUsage || !strings.Contains(out, `no table "events"`) || !strings.Contains(out, "atomic.events") {
		t.Errorf("jig rows events (not in the default schema): exit %d\n%s", code, out)
	}
	code, out = jig(t, "explain", "-w", crmDir, "account_activity")
	if code != exitOK || !strings.Contains(out, "Seq Scan on events e") || strings.Contains(out, "jig_") {
		t.Errorf("jig explain: exit %d\n%s", code, out)
	}
}

// TestCRMEmbedded runs jig test twice and jig check on the embedded
// server, the same cache both times: a second run starts from the files,
// not from what the first one left.
func TestCRMEmbedded(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	t.Setenv("JIG_DSN", "")
	dir := filepath.Join(t.TempDir(), "crm")
	copyTree(t, crmDir, dir)
	for run := 1; run <= 2; run++ {
		code, out := jig(t, "test", "-w", dir)
		if code != exitOK || !strings.Contains(out, "3 fixtures: 3 passed, 0 failed") {
			t.Fatalf("jig test, run %d: exit %d\n%s", run, code, out)
		}
	}
	code, out := jig(t, "check", "-w", dir)
	if code != exitOK || strings.Count(out, "| pass ") != 6 || !strings.Contains(strings.Join(strings.Fields(out), " "), "relationships(account_id) | web.sessions | pass") {
		t.Errorf("jig check: exit %d\n%s", code, out)
	}
	// The self-test builds rows for tables of each schema and sees their
	// constraints reject the violating ones.
	_, out = jig(t, "check", "-w", dir, "--self-test")
	squashed := strings.Join(strings.Fields(out), " ")
	for _, want := range []string{
		"not_null(started_at) | web.sessions | cannot fail | the schema already guarantees it (NOT NULL on sessions.started_at)",
		"relationships(account_id) | web.sessions | cannot fail | the schema already guarantees it (FOREIGN KEY sessions_account_id_fkey",
		"accepted_values(kind) | atomic.events | cannot fail | the schema already guarantees it (the enum type atomic.event_kind",
		"equal_row_count(crm.accounts) | atomic.events | proven |",
	} {
		if !strings.Contains(squashed, want) {
			t.Errorf("jig check --self-test lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "unknown table") || strings.Contains(out, "jig_w") {
		t.Errorf("jig check --self-test:\n%s", out)
	}
}

// TestSchemaEditsApplyNextRun: `create schema s2;` works on every run,
// and a table edited between runs has its new columns on the next.
func TestSchemaEditsApplyNextRun(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	for _, mode := range []string{"dsn", "embedded"} {
		t.Run(mode, func(t *testing.T) {
			t.Setenv("JIG_DSN", "")
			if mode == "dsn" {
				t.Setenv("JIG_DSN", enginetest.Server(t).DSN())
			}
			dir := t.TempDir()
			enginetest.WriteFiles(t, dir, map[string]string{
				"schema/s2.sql":     "create schema s2;\ncreate table s2.t (a int);\n",
				"queries/q.sql":     "select * from s2.t\n",
				"fixtures/q/a.yaml": "query: q\ngiven:\n  s2.t:\n    - {a: 1}\nexpect:\n  rows:\n    - {a: 1}\n",
			})
			if code, out := jig(t, "test", "-w", dir); code != exitOK {
				t.Fatalf("first run: exit %d\n%s", code, out)
			}
			enginetest.WriteFiles(t, dir, map[string]string{
				"schema/s2.sql":     "create schema s2;\ncreate table s2.t (a int, b text not null);\n",
				"fixtures/q/a.yaml": "query: q\ngiven:\n  s2.t:\n    - {a: 1, b: x}\nexpect:\n  rows:\n    - {a: 1, b: x}\n",
			})
			if code, out := jig(t, "test", "-w", dir); code != exitOK {
				t.Fatalf("after adding column b: exit %d\n%s", code, out)
			}
		})
	}
}

// TestMissingQualifiedTablePlaced: a query reading a table that no schema
// file creates fails at its file:line:col, naming the table as written.
func TestMissingQualifiedTablePlaced(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	t.Setenv("JIG_DSN", enginetest.Server(t).DSN())
	dir := t.TempDir()
	enginetest.WriteFiles(t, dir, map[string]string{
		"schema/a.sql":      "create schema atomic;\ncreate table atomic.events (id int);\n",
		"queries/q.sql":     "select id\nfrom atomic.events e join atomic.nope n using (id)\n",
		"fixtures/q/a.yaml": "query: q\nexpect:\n  rows: []\n",
	})
	code, out := jig(t, "test", "-w", dir)
	want := `queries/q.sql:2:27: relation "atomic.nope" does not exist`
	if code != exitFail || !strings.Contains(out, want) || strings.Contains(out, "jig_") {
		t.Errorf("exit %d, want 1 and %q, no private name:\n%s", code, want, out)
	}
}

// TestHostileSchemaNames: schemas named with quotes, spaces, mixed case
// and reserved words work in given, the query and checks.
func TestHostileSchemaNames(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	t.Setenv("JIG_DSN", enginetest.Server(t).DSN())
	dir := t.TempDir()
	enginetest.WriteFiles(t, dir, map[string]string{
		"schema/a.sql": `CREATE SCHEMA "We""ird Sch";
CREATE SCHEMA "select";
CREATE SCHEMA "MiXed";
CREATE TABLE "select"."from" (id int PRIMARY KEY);
CREATE TABLE "We""ird Sch"."T t" (id int REFERENCES "select"."from", "Note" text NOT NULL);
CREATE TABLE "MiXed".t (id int);
CREATE TABLE mixed (id int);
`,
		"queries/q.sql": `select f.id, t."Note", (select count(*) from "MiXed".t) as mixed, (select count(*) from mixed) as plain
from "select"."from" f join "We""ird Sch"."T t" t using (id)
`,
		"fixtures/q/a.yaml": `query: q
given:
  '"select"."from"': [{id: 1}]
  '"We""ird Sch"."T t"': [{id: 1, Note: hi}]
  '"MiXed".t': [{id: 5}, {id: 6}]
  mixed: [{id: 7}]
expect:
  rows:
    - {id: 1, Note: hi, mixed: 2, plain: 1}
checks:
  - {table: '"We""ird Sch"."T t"', not_null: Note}
`,
		"checks/from.yaml": "table: '\"select\".\"from\"'\nchecks:\n  - unique: [id]\n",
	})
	if code, out := jig(t, "test", "-w", dir); code != exitOK {
		t.Fatalf("exit %d\n%s", code, out)
	}
	if code, out := jig(t, "rows", "-w", dir, `"We""ird Sch"."T t"`, "-n", "1", "--csv"); code != exitOK || !strings.HasPrefix(out, "id,Note\n") {
		t.Errorf("jig rows: exit %d\n%s", code, out)
	}
}

// TestKilledJigSchemasSwept: schemas a killed jig left on the workspace's
// cluster (worker schemas, their mapped schemas, serve's real ones) are
// dropped when the cluster next starts.
func TestKilledJigSchemasSwept(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "crm")
	copyTree(t, crmDir, dir)
	ws, err := workspace.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	owned := func(leave func(*pgx.Conn, string)) string {
		s, err := postgres.Start(ctx, serverOptions(ws, ""))
		if err != nil {
			t.Fatal(err)
		}
		defer s.Stop()
		conn, err := s.Connect(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close(ctx)
		var left string
		conn.QueryRow(ctx, `SELECT coalesce(string_agg(nspname, ', ' ORDER BY nspname), '') FROM pg_namespace n
			JOIN pg_roles r ON r.oid = n.nspowner WHERE r.rolname = $1 AND nspname <> 'public'`, s.WorkspaceRole()).Scan(&left)
		if leave != nil {
			leave(conn, s.WorkspaceRole())
		}
		return left
	}
	owned(func(conn *pgx.Conn, role string) {
		for _, name := range []string{"jig_wdeadbeef", "jig_wdeadbeef_1_crm", "atomic", "jig"} {
			enginetest.Exec(t, conn, "CREATE SCHEMA IF NOT EXISTS "+workspace.QuoteIdent(name)+" AUTHORIZATION "+workspace.QuoteIdent(role))
		}
		enginetest.Exec(t, conn, "CREATE TABLE jig_wdeadbeef_1_crm.accounts (id int)")
	})
	if left := owned(nil); left != "" {
		t.Errorf("schemas a killed jig left are still there after a start: %s", left)
	}
}

// TestServeSchemas: jig serve makes the workspace's schemas under their
// own names, so psql reads atomic.events as the queries do; they are gone
// once serve stops.
func TestServeSchemas(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "crm")
	copyTree(t, crmDir, dir)
	served := func(t *testing.T) {
		dsn, code, errs := serveDemo(t, dir)
		if code >= 0 {
			t.Fatalf("serve exited %d:\n%s", code, errs)
		}
		got, err := psql(t, dsn, "INSERT INTO regions VALUES ('eu', 'Europe'); INSERT INTO crm.accounts VALUES (1, 'acme', 'pro', 'eu');"+
			"INSERT INTO atomic.events (account_id, kind) VALUES (1, 'click');"+
			"SELECT name, count(*) FROM crm.accounts JOIN atomic.events ON account_id = id GROUP BY name")
		if err != nil || !strings.HasSuffix(got, "\nacme|1") {
			t.Fatalf("psql on the served DSN: %q (%v)", got, err)
		}
	}
	// Twice in a row: the second serve starts from the files again.
	for run := 1; run <= 2; run++ {
		t.Run(fmt.Sprint("run", run), served)
	}
	ws, err := workspace.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	s, err := postgres.Start(ctx, serverOptions(ws, ""))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Stop()
	conn, err := s.Connect(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var n int
	conn.QueryRow(ctx, "SELECT count(*) FROM pg_namespace WHERE nspname IN ('crm', 'atomic', 'web', 'jig')").Scan(&n)
	if n != 0 {
		t.Errorf("%d of serve's schemas are left after it stopped", n)
	}
}

// TestCRMTwoProcesses: two jig test processes on one cache, one after the
// other on the workspace's cluster and then both at once (one of them on a
// private server), pass on the crm project every time.
func TestCRMTwoProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("builds jig")
	}
	bin := filepath.Join(t.TempDir(), "jig")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	dir := filepath.Join(t.TempDir(), "crm")
	copyTree(t, crmDir, dir)
	run := func() error {
		cmd := exec.Command(bin, "test", "-w", dir)
		cmd.Env = append(os.Environ(), "JIG_DSN=", "NO_COLOR=1")
		out, err := cmd.CombinedOutput()
		if err != nil || !strings.Contains(string(out), "3 fixtures: 3 passed, 0 failed") {
			return fmt.Errorf("jig test: %v\n%s", err, out)
		}
		return nil
	}
	for i := 0; i < 2; i++ {
		if err := run(); err != nil {
			t.Fatalf("process %d: %v", i+1, err)
		}
	}
	errs := make(chan error, 2)
	for range 2 {
		go func() { errs <- run() }()
	}
	for range 2 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

// jig run of an UPDATE without RETURNING prints what it did, not an empty
// table (two blank lines and "(0 rows)"), and --csv prints nothing.
func TestRunUpdateSaysWhatRan(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	t.Setenv("JIG_DSN", enginetest.Server(t).DSN())
	code, out := jig(t, "run", "-w", crmDir, "end_sessions")
	if code != exitOK || out != "UPDATE 0\n" {
		t.Errorf("run end_sessions: exit %d\n%q", code, out)
	}
	code, out = jig(t, "run", "-w", crmDir, "end_sessions", "--csv")
	if code != exitOK || out != "UPDATE 0\n" {
		t.Errorf("run end_sessions --csv: exit %d\n%q", code, out)
	}
}

// A given row Postgres refuses (a CHECK, NOT NULL) is placed at that row's
// cell in the fixture, not at the file alone.
func TestRefusedRowPlaced(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	t.Setenv("JIG_DSN", enginetest.Server(t).DSN())
	dir := copyProject(t, crmDir)
	enginetest.WriteFiles(t, dir, map[string]string{"fixtures/accounts/one_account.yaml": "query: accounts\ngiven:\n" +
		"  crm.accounts:\n    - {id: 7, name: acme, plan: pro}\n    - {id: 8, name: bolt, plan: gold}\n"})
	code, out := jig(t, "test", "-w", dir, "accounts/one_account")
	want := `fixtures/accounts/one_account.yaml:5:33: new row for relation "accounts" violates check constraint`
	if code == exitOK || !strings.Contains(out, want) {
		t.Errorf("exit %d, want %s:\n%s", code, want, out)
	}
}

// A fixture may give an identity column a value below its sequence's
// start (event_id: -1): jig moves the sequence past the given values only
// when they reach it (setval below the minimum is an error).
func TestIdentityBelowSequenceStart(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	t.Setenv("JIG_DSN", enginetest.Server(t).DSN())
	dir := copyProject(t, crmDir)
	enginetest.WriteFiles(t, dir, map[string]string{"fixtures/account_activity/negative.yaml": "query: account_activity\n" +
		"given:\n  crm.accounts:\n    - {id: 1, name: acme, plan: pro}\n  atomic.events:\n    - {event_id: -1, account_id: 1}\n" +
		"expect:\n  columns: partial\n  rows:\n    - {name: acme, events: 1}\n"}) // one event: checks/ wants one per account
	code, out := jig(t, "test", "-w", dir, "account_activity/negative")
	if code != exitOK {
		t.Errorf("exit %d:\n%s", code, out)
	}
}
