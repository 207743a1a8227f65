package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/jig-sql/jig/engine/enginetest"
)

// liveWorkspace creates tables in a private schema of the test server, and
// a workspace whose checks/ holds checksYAML; it returns the workspace dir
// and a DSN whose search_path is that schema.
func liveWorkspace(t *testing.T, setup, checksYAML string) (string, string) {
	t.Helper()
	conn, schema := enginetest.ConnSchema(t)
	if _, err := conn.Exec(context.Background(), setup); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "checks"), 0o755)
	if err := os.WriteFile(filepath.Join(dir, "checks", "events.yaml"), []byte(checksYAML), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, enginetest.Server(t).DSN() + "&search_path=" + schema
}

const liveSetup = `
CREATE TABLE events (event_id text, user_id text);
INSERT INTO events VALUES ('e1', 'u1'), ('e2', NULL);
CREATE TABLE staging (event_id text, user_id text);`

func jig(t *testing.T, args ...string) (int, string) {
	t.Helper()
	var out bytes.Buffer
	code := run(args, strings.NewReader(""), &out, &out)
	return code, out.String()
}

func TestCheckLiveReportsFailures(t *testing.T) {
	dir, dsn := liveWorkspace(t, liveSetup, "table: events\nchecks:\n  - not_null: event_id\n  - not_null: user_id\n")
	code, out := jig(t, "check", "-w", dir, "--dsn", dsn)
	if code != exitFail {
		t.Fatalf("exit %d, want 1:\n%s", code, out)
	}
	for _, want := range []string{"not_null(event_id) | events | pass", "not_null(user_id)  | events | fail   | 1", "e2"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "password") || strings.Contains(out, enginetest.Server(t).ConnConfig().Password) {
		t.Errorf("output shows the password:\n%s", out)
	}
}

// TestCheckLiveIsReadOnly proves a check whose SQL writes cannot change data.
func TestCheckLiveIsReadOnly(t *testing.T) {
	// A function that deletes, called from a row-level expression: the
	// check's SQL itself looks harmless.
	setup := liveSetup + `
CREATE FUNCTION purge() RETURNS int LANGUAGE sql AS 'DELETE FROM events; SELECT 1';`
	dir, dsn := liveWorkspace(t, setup, "table: events\nchecks:\n  - expression: \"purge() = 1\"\n    name: sneaky_delete\n")
	code, out := jig(t, "check", "-w", dir, "--dsn", dsn)
	if code != exitFail || !strings.Contains(out, "read-only transaction") {
		t.Fatalf("exit %d, want 1 with a read-only error:\n%s", code, out)
	}
	countIs(t, dsn, dir, "events", 2)
}

func TestPromoteMovesOnlyWhenChecksPass(t *testing.T) {
	checks := "table: events\nchecks:\n  - not_null: user_id\n"
	dir, dsn := liveWorkspace(t, liveSetup+`INSERT INTO staging VALUES ('e3', 'u3'), ('e4', NULL);`, checks)
	code, out := jig(t, "promote", "-w", dir, "--dsn", dsn, "--from", "staging", "--to", "events")
	if code != exitFail || !strings.Contains(out, "every row stays in staging") {
		t.Fatalf("a failing check must block the promotion (exit %d):\n%s", code, out)
	}
	countIs(t, dsn, dir, "staging", 2)
	dir, dsn = liveWorkspace(t, liveSetup+`INSERT INTO staging VALUES ('e3', 'u3'), ('e4', 'u4');`, checks)
	code, out = jig(t, "promote", "-w", dir, "--dsn", dsn, "--from", "staging", "--to", "events")
	if code != exitOK || !strings.Contains(out, "promoted 2 rows") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	countIs(t, dsn, dir, "staging", 0)
	countIs(t, dsn, dir, "events", 4)
}

func countIs(t *testing.T, dsn, dir, table string, n int) {
	t.Helper()
	yaml := "table: " + table + "\nchecks:\n  - row_count: {equal: " + strconv.Itoa(n) + "}\n"
	os.WriteFile(filepath.Join(dir, "checks", "events.yaml"), []byte(yaml), 0o644)
	if code, out := jig(t, "check", "-w", dir, "--dsn", dsn); code != exitOK {
		t.Fatalf("%s should have %d rows:\n%s", table, n, out)
	}
}
