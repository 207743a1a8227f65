package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// serveDemo runs jig serve --json on dir until the test ends and returns
// the DSN it prints, or the exit code and stderr when it stops first.
func serveDemo(t *testing.T, dir string) (dsn string, code int, stderr string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	var errs bytes.Buffer
	c := &cli{ctx: ctx, stdin: strings.NewReader(""), stdout: pw, stderr: &errs}
	done := make(chan struct{})
	code = -1
	go func() {
		code = runServe(c, &wsFlags{dir: dir}, outFlags{json: true})
		pw.Close()
		close(done)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			t.Error("jig serve did not stop")
		}
	})
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		<-done
		return "", code, errs.String()
	}
	go io.Copy(io.Discard, pr)
	var out jsonServe
	if err := json.Unmarshal([]byte(line), &out); err != nil {
		t.Fatalf("serve printed %q: %v", line, err)
	}
	return out.DSN, -1, ""
}

// psql runs psql 15 on dsn with no password in its environment: only the
// passfile the DSN names can let it in.
func psql(t *testing.T, dsn, sql string) (string, error) {
	t.Helper()
	if _, err := exec.LookPath("psql"); err != nil {
		t.Skip("psql is not installed")
	}
	cmd := exec.Command("psql", dsn, "-X", "-v", "ON_ERROR_STOP=1", "-Atc", sql)
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "PG") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	out, err := cmd.CombinedOutput()
	return strings.TrimSpace(string(out)), err
}

// TestServeIsSandboxed: jig serve applies the schema as the workspace role
// and prints a DSN, without a password, that logs in as that role, so a
// psql session is refused programs and the server's files as tests are.
func TestServeIsSandboxed(t *testing.T) {
	dsn, code, errs := serveDemo(t, demoFiles(t))
	if code >= 0 {
		t.Fatalf("serve exited %d:\n%s", code, errs)
	}
	if strings.Contains(dsn, "password") {
		t.Errorf("the DSN carries a password: %s", dsn)
	}
	got, err := psql(t, dsn, "SELECT current_user, current_setting('is_superuser'), current_schema(), "+
		"(SELECT tableowner FROM pg_tables WHERE tablename = 'events'), (SELECT count(*) FROM events)")
	if err != nil || got != "jig_workspace|off|jig|jig_workspace|0" {
		t.Errorf("psql on the served DSN: %q (%v), want the workspace role, no superuser, schema jig owning events", got, err)
	}
	for _, sql := range []string{
		"CREATE TEMP TABLE x (a text); COPY x FROM PROGRAM 'id'",
		"SELECT pg_read_file('postgresql.conf')",
		"SELECT pg_ls_dir('.')",
		"RESET ROLE; SET ROLE jig",
	} {
		if got, err := psql(t, dsn, sql); err == nil || !strings.Contains(got, "permission denied") {
			t.Errorf("psql %q on the served DSN: %q (%v), want permission denied", sql, got, err)
		}
	}
	// The promote example in jig's help, on the served DSN as that role.
	if got, err := psql(t, dsn, "CREATE TABLE events_staging (LIKE events)"); err != nil {
		t.Errorf("psql: %s (%v)", got, err)
	}
	// Staging is empty, so row_count fails; every other check must run.
	code, out := jig(t, "promote", "-w", demoFiles(t), "--dsn", dsn, "--from", "events_staging", "--to", "events")
	if code != exitFail || !strings.Contains(out, "row_count                     | events_staging | fail") ||
		strings.Count(out, "| pass ") != 8 {
		t.Errorf("promote on the served DSN: exit %d:\n%s\nwant every check to run and only row_count to fail", code, out)
	}
	cfg, err := pgx.ParseConfig(dsn) // pgx reads passfile= and options= as libpq does
	if err != nil {
		t.Fatal(err)
	}
	conn, err := pgx.ConnectConfig(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	var user string
	if err := conn.QueryRow(context.Background(), "SELECT current_user").Scan(&user); err != nil || user != "jig_workspace" {
		t.Errorf("pgx on the served DSN is %q (%v)", user, err)
	}
}

// TestServeSchemaFilesAreSandboxed: a schema file that runs a program is
// refused at the file, as in jig test, instead of running as the superuser.
func TestServeSchemaFilesAreSandboxed(t *testing.T) {
	dir := demoFiles(t)
	evil := "CREATE TABLE pwned (line text);\nCOPY pwned FROM PROGRAM 'id';\n"
	if err := os.WriteFile(filepath.Join(dir, "schema", "zz_evil.sql"), []byte(evil), 0o644); err != nil {
		t.Fatal(err)
	}
	_, code, errs := serveDemo(t, dir)
	if code != exitUsage || !strings.Contains(errs, "schema/zz_evil.sql") || !strings.Contains(errs, "permission denied") {
		t.Errorf("exit %d, stderr:\n%s\nwant exit 2 with permission denied at schema/zz_evil.sql", code, errs)
	}
}
