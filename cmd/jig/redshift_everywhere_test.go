package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jig-sql/jig/engine/enginetest"
)

// redshiftWorkspaceDir writes a Redshift workspace: orders with two seeded
// rows, a query calling DATEADD, and checks/orders.yaml holding checksYAML.
func redshiftWorkspaceDir(t *testing.T, checksYAML string) string {
	t.Helper()
	dir := t.TempDir()
	enginetest.WriteFiles(t, dir, map[string]string{
		"jig.yaml": "dialect: redshift\n",
		"schema/orders.sql": "CREATE TABLE orders (id int ENCODE az64, amount int, placed date) DISTKEY(id) SORTKEY(placed);\n" +
			"CREATE VIEW order_days AS SELECT id, nvl(amount, 0) AS amount, dateadd(day, 1, placed) AS next_day, getdate() > placed AS past FROM orders;\n",
		"seeds/orders.csv":   "id,amount,placed\n1,5,2024-01-31\n2,,2024-02-01\n",
		"queries/next.sql":   "select id, dateadd(month, 1, placed) as next_month, nvl(amount, 0) as amount from orders\n",
		"checks/orders.yaml": checksYAML,
	})
	return dir
}

// TestCheckLocalRedshiftFunctions: jig check on the local server runs a
// Redshift workspace's check sql: and expression: through the one
// translation (NVL, LISTAGG ... WITHIN GROUP, DATEADD, GETDATE,
// ::varchar(max)), and an error in one is at its checks file:line:col.
func TestCheckLocalRedshiftFunctions(t *testing.T) {
	dir := redshiftWorkspaceDir(t, "table: orders\nchecks:\n"+
		"  - expression: nvl(amount, 0)::varchar(max) <> '' and dateadd(day, 1, placed) < getdate()\n"+
		"  - sql: |\n      select ids from (select listagg(id, ',') within group (order by id) as ids from orders) x where ids <> '1,2'\n"+
		"  - expression: nvl(amount, 0) > 0\n    name: has_amount\n")
	code, out := jig(t, "check", "-w", dir)
	if code != exitFail || strings.Count(out, "| pass ") != 2 || !strings.Contains(out, "has_amount") {
		t.Fatalf("exit %d:\n%s\nwant two checks passing and has_amount failing on the NULL amount", code, out)
	}
	dir = redshiftWorkspaceDir(t, "table: orders\nchecks:\n  - expression: nvl(amount, 0) > 0 and dateadd(day, 1, placed) > nosuch\n")
	code, out = jig(t, "check", "-w", dir)
	if code != exitFail || !strings.Contains(out, "checks/orders.yaml:3:66") || !strings.Contains(out, `column "nosuch" does not exist`) {
		t.Errorf("exit %d:\n%s\nwant the error at checks/orders.yaml:3:66", code, out)
	}
}

// TestCheckLiveRedshiftOnPostgres: jig check --dsn of a Redshift workspace
// on a Postgres server translates the checks as the local server does
// (NVL, LISTAGG, DECODE, ::varchar(max) are Postgres there), with errors at
// the checks file.
func TestCheckLiveRedshiftOnPostgres(t *testing.T) {
	checksYAML := "table: events\nchecks:\n" +
		"  - expression: nvl(user_id, 'anonymous')::varchar(max) <> ''\n" +
		"  - sql: |\n      select ids from (select listagg(event_id, ',') within group (order by event_id) as ids from events) x where ids <> 'e1,e2'\n" +
		"  - expression: decode(user_id, 'u1', 1, 0) = 1\n    name: only_u1\n" +
		"  - expression: nvl(user_id, 'x') = nosuch\n    name: broken\n"
	dir, dsn := liveWorkspace(t, liveSetup, checksYAML)
	if err := os.WriteFile(filepath.Join(dir, "jig.yaml"), []byte("dialect: redshift\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out := jig(t, "check", "-w", dir, "--dsn", dsn)
	if code != exitFail || strings.Count(out, "| pass ") != 2 || !strings.Contains(out, "only_u1") {
		t.Errorf("exit %d:\n%s\nwant two checks passing and only_u1 failing", code, out)
	}
	if !strings.Contains(out, "checks/events.yaml:8:37") || !strings.Contains(out, `column "nosuch" does not exist`) {
		t.Errorf("output:\n%s\nwant broken's error at checks/events.yaml:8:37", out)
	}
}

// TestServeRedshiftFunctions: psql on jig serve's DSN of a Redshift
// workspace has the Redshift functions the tests have (GETDATE, DATEADD,
// DATEDIFF, LEN, MONTHS_BETWEEN) and reads the query's view and the schema
// file's view, which were translated as the tests translate them.
func TestServeRedshiftFunctions(t *testing.T) {
	dir := redshiftWorkspaceDir(t, "table: orders\nchecks:\n  - not_null: id\n")
	dsn, code, errs := serveDemo(t, dir)
	if code >= 0 {
		t.Fatalf("serve exited %d:\n%s", code, errs)
	}
	got, err := psql(t, dsn, "SELECT getdate() IS NOT NULL, dateadd('day', 1, date '2024-01-31')::date, "+
		"datediff('month', date '2024-01-31', date '2024-03-01'), len('abc'), months_between(date '2024-03-31', date '2024-02-29')")
	if err != nil || got != "t|2024-02-01|2|3|1" {
		t.Errorf("psql: %q (%v), want the Redshift functions", got, err)
	}
	got, err = psql(t, dsn, "SELECT id, next_month::date, amount FROM next ORDER BY id")
	if err != nil || got != "1|2024-02-29|5\n2|2024-03-01|0" {
		t.Errorf("psql reading the query's view: %q (%v)", got, err)
	}
	got, err = psql(t, dsn, "SELECT id, amount, next_day::date, past FROM order_days ORDER BY id")
	if err != nil || got != "1|5|2024-02-01|t\n2|0|2024-02-02|t" {
		t.Errorf("psql reading the schema file's view: %q (%v)", got, err)
	}
}

// TestValidateAndSelfTestRedshiftChecks: jig validate prepares a Redshift
// workspace's checks as they run (translated), and --self-test proves a
// check calling NVL and DATEADD can fail.
func TestValidateAndSelfTestRedshiftChecks(t *testing.T) {
	dir := redshiftWorkspaceDir(t, "table: orders\nchecks:\n"+
		"  - expression: nvl(amount, 0) >= 0 and dateadd(day, 1, placed) > placed\n")
	if code, out := jig(t, "validate", "-w", dir); code != exitOK {
		t.Errorf("jig validate: exit %d:\n%s", code, out)
	}
	if code, out := jig(t, "check", "--self-test", "-w", dir); code != exitOK || !strings.Contains(out, "| proven |") {
		t.Errorf("jig check --self-test: exit %d:\n%s", code, out)
	}
}

// TestServeRedshiftSchemaError: a schema file's view that jig serve cannot
// apply is refused at its line:col as written, past the rewritten NVL.
func TestServeRedshiftSchemaError(t *testing.T) {
	dir := redshiftWorkspaceDir(t, "table: orders\nchecks:\n  - not_null: id\n")
	view := "CREATE TABLE orders (id int, amount int, placed date);\nCREATE VIEW v AS SELECT nvl(amount, 0) AS a, dateadd(day, 1, placed) AS d, nosuch FROM orders;\n"
	if err := os.WriteFile(filepath.Join(dir, "schema", "orders.sql"), []byte(view), 0o644); err != nil {
		t.Fatal(err)
	}
	_, code, errs := serveDemo(t, dir)
	if code != exitUsage || !strings.Contains(errs, "schema/orders.sql:2:76") || !strings.Contains(errs, `"nosuch"`) {
		t.Errorf("exit %d, stderr:\n%s\nwant exit 2 at schema/orders.sql:2:76", code, errs)
	}
}

// TestPromoteRedshiftOnPostgres: jig promote of a Redshift workspace on a
// Postgres server runs its checks translated (NVL), and moves the rows
// only when they pass.
func TestPromoteRedshiftOnPostgres(t *testing.T) {
	checksYAML := "table: events\nchecks:\n  - expression: nvl(user_id, '') <> ''\n"
	for _, tc := range []struct {
		rows string
		code int
	}{{"('e3', 'u3'), ('e4', NULL)", exitFail}, {"('e3', 'u3'), ('e4', 'u4')", exitOK}} {
		dir, dsn := liveWorkspace(t, liveSetup+"INSERT INTO staging VALUES "+tc.rows+";", checksYAML)
		if err := os.WriteFile(filepath.Join(dir, "jig.yaml"), []byte("dialect: redshift\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		code, out := jig(t, "promote", "-w", dir, "--dsn", dsn, "--from", "staging", "--to", "events")
		if code != tc.code || strings.Contains(out, "nvl(") && strings.Contains(out, "does not exist") {
			t.Errorf("staging %s: exit %d, want %d:\n%s", tc.rows, code, tc.code, out)
		}
	}
}
