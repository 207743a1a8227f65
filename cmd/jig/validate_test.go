package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestValidateDemo: the demo workspace fits its schema, checked on the
// local embedded server, and validate leaves nothing behind there.
func TestValidateDemo(t *testing.T) {
	code, out, errs := jigStreams(t, "validate", "-w", demoFiles(t))
	if code != exitOK || !strings.HasPrefix(out, "ok: ") || errs != "" {
		t.Fatalf("exit %d, stdout %q, stderr:\n%s", code, out, errs)
	}
}

// TestValidateWithoutPostgres: errors in the files need no server and are
// exit 2 as before; files that read cleanly but cannot be checked against
// the schema, because Postgres does not start, are exit 3, saying so.
func TestValidateWithoutPostgres(t *testing.T) {
	blocked := filepath.Join(t.TempDir(), "a-file")
	if err := os.WriteFile(blocked, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("JIG_CACHE_DIR", filepath.Join(blocked, "cache")) // under a file: no cache, no server
	dir := demoFiles(t)
	code, _, errs := jigStreams(t, "validate", "-w", dir)
	if code != exitDB || !strings.Contains(errs, "the workspace files are valid, but checking them against the schema needs the local Postgres, which did not start") {
		t.Errorf("valid files, no Postgres: exit %d, stderr:\n%s\nwant exit 3 saying the files are valid", code, errs)
	}
	bad := filepath.Join(dir, "checks", "events.yaml")
	if err := os.WriteFile(bad, []byte("table: events\nchecks:\n  - not_nul: id\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs = jigStreams(t, "validate", "-w", dir)
	if code != exitUsage || !strings.Contains(errs, "checks/events.yaml:3:5") || strings.Contains(errs, "Postgres") {
		t.Errorf("a file error, no Postgres: exit %d, stderr:\n%s\nwant exit 2 at checks/events.yaml:3:5 and no word of Postgres", code, errs)
	}
}
