package main

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jig-sql/jig/engine/enginetest"
)

// pullDSN creates tables in a private schema and returns a DSN to it that
// carries the server's real password, as a user's DSN would.
func pullDSN(t *testing.T, setup string) (dsn, password string) {
	t.Helper()
	conn, schema := enginetest.ConnSchema(t)
	if _, err := conn.Exec(context.Background(), setup); err != nil {
		t.Fatal(err)
	}
	cfg := enginetest.Server(t).ConnConfig()
	u := url.URL{Scheme: "postgres", User: url.UserPassword(cfg.User, cfg.Password),
		Host: fmt.Sprintf("%s:%d", cfg.Host, cfg.Port), Path: "/" + cfg.Database,
		RawQuery: url.Values{"sslmode": {"disable"}, "search_path": {schema}}.Encode()}
	return u.String(), cfg.Password
}

const pullCLISetup = `
CREATE TABLE events (event_id text PRIMARY KEY, user_id varchar(16), amount integer);
CREATE TABLE users (user_id varchar(16) PRIMARY KEY, name text NOT NULL);`

func readSchemaDir(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	entries, _ := os.ReadDir(filepath.Join(dir, "schema"))
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, "schema", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = string(b)
	}
	return out
}

func TestPullCheckExitCodes(t *testing.T) {
	dsn, _ := pullDSN(t, pullCLISetup)
	dir := t.TempDir()
	if code, out := jig(t, "pull", "-w", dir, "--dsn", dsn, "--check", "--all"); code != exitFail || !strings.Contains(out, "schema/events.sql: out of date: new file") {
		t.Fatalf("--check before any pull: exit %d, want 1:\n%s", code, out)
	}
	if len(readSchemaDir(t, dir)) != 0 {
		t.Fatal("--check wrote files")
	}
	if code, out := jig(t, "pull", "-w", dir, "--dsn", dsn, "--all"); code != exitOK || !strings.Contains(out, "schema/users.sql: written") {
		t.Fatalf("pull: exit %d:\n%s", code, out)
	}
	if code, out := jig(t, "pull", "-w", dir, "--dsn", dsn, "--check", "--all"); code != exitOK || !strings.Contains(out, "schema/events.sql: up to date") {
		t.Fatalf("--check after a pull: exit %d, want 0:\n%s", code, out)
	}
	conn, _ := enginetest.ConnSchema(t)
	schema := mustQueryParam(t, dsn, "search_path")
	if _, err := conn.Exec(context.Background(), "ALTER TABLE "+schema+".events ADD COLUMN browser text, DROP COLUMN amount, ALTER COLUMN user_id TYPE varchar(64)"); err != nil {
		t.Fatal(err)
	}
	before := readSchemaDir(t, dir)
	code, out := jig(t, "pull", "-w", dir, "--dsn", dsn, "--check", "events", "users")
	if code != exitFail {
		t.Fatalf("--check after the table changed: exit %d, want 1:\n%s", code, out)
	}
	want := "schema/events.sql: out of date: column user_id changed type: character varying(16) → character varying(64); added column browser text; removed column amount integer"
	if !strings.Contains(out, want) || !strings.Contains(out, "schema/users.sql: up to date") {
		t.Errorf("output lacks %q:\n%s", want, out)
	}
	if after := readSchemaDir(t, dir); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Error("--check changed files")
	}
	code, out = jig(t, "pull", "-w", dir, "--dsn", dsn, "events")
	if code != exitOK || !strings.Contains(out, "schema/events.sql: updated: column user_id changed type") {
		t.Fatalf("re-pull: exit %d:\n%s", code, out)
	}
	if code, out := jig(t, "pull", "-w", dir, "--dsn", dsn, "--check", "--all"); code != exitOK {
		t.Fatalf("--check after the re-pull: exit %d:\n%s", code, out)
	}
}

func mustQueryParam(t *testing.T, dsn, key string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	return u.Query().Get(key)
}

func TestPullMissingTable(t *testing.T) {
	dsn, _ := pullDSN(t, pullCLISetup)
	dir := t.TempDir()
	code, out := jig(t, "pull", "-w", dir, "--dsn", dsn, "event", "users")
	if code != exitFail || !strings.Contains(out, `jig: event: no table "event" in schema`) || !strings.Contains(out, "did you mean `events`?") {
		t.Fatalf("exit %d, want 1 naming the missing table:\n%s", code, out)
	}
	files := readSchemaDir(t, dir)
	if _, ok := files["users.sql"]; !ok || len(files) != 1 {
		t.Errorf("files = %v, want users.sql only", files)
	}
	if code, out := jig(t, "pull", "-w", dir, "--dsn", dsn, "--schema", "no_such_schema", "--all"); code != exitUsage || !strings.Contains(out, "schema no_such_schema has no tables") {
		t.Errorf("a schema with no tables: exit %d, want 2:\n%s", code, out)
	}
	if code, out := jig(t, "pull", "-w", dir, "--dsn", dsn); code != exitUsage {
		t.Errorf("no tables and no --all: exit %d, want 2:\n%s", code, out)
	}
}

// TestPullNeverWritesThePassword greps every file written and all output.
func TestPullNeverWritesThePassword(t *testing.T) {
	dsn, password := pullDSN(t, pullCLISetup+`COMMENT ON TABLE users IS 'signed-up users';`)
	if len(password) < 8 || !strings.Contains(dsn, url.UserPassword("x", password).String()[2:]) {
		t.Fatalf("the test DSN should carry the password")
	}
	dir := t.TempDir()
	var all strings.Builder
	for _, args := range [][]string{
		{"pull", "-w", dir, "--dsn", dsn, "--all"},
		{"pull", "-w", dir, "--dsn", dsn, "--all", "--check"},
		{"pull", "-w", dir, "--dsn", dsn, "events", "nope"},
		{"pull", "-w", dir, "--dsn", strings.Replace(dsn, "sslmode=disable", "sslmode=disable&connect_timeout=x", 1), "events"},
		{"pull", "-w", dir, "--dsn", dsn, "--schema", "no_such_schema", "--all"},
	} {
		_, out := jig(t, args...)
		all.WriteString(out)
	}
	if !strings.Contains(all.String(), "written") {
		t.Fatalf("nothing was pulled:\n%s", all.String())
	}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			if strings.Contains(string(b), password) {
				t.Errorf("%s contains the password", p)
			}
			all.WriteString(string(b))
		}
		return nil
	})
	if strings.Contains(all.String(), password) {
		t.Errorf("the password appears in output or files:\n%s", all.String())
	}
	if !strings.Contains(all.String(), "pulled by jig from Postgres 127.0.0.1:") {
		t.Errorf("files should say where they came from:\n%s", all.String())
	}
}
