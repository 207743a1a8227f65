package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// jig check --dsn places an error in a check's SQL on the YAML, like jig test.
func TestCheckLiveErrorPointsIntoTheYAML(t *testing.T) {
	dir, dsn := liveWorkspace(t, liveSetup, "table: events\nchecks:\n  - not_null: event_id\n  - expression: \"user_id >>> 'x'\"\n")
	code, out := jig(t, "check", "-w", dir, "--dsn", dsn)
	if !strings.Contains(out, "checks/events.yaml:4:26:") {
		t.Errorf("exit %d; want the error at checks/events.yaml:4:26:\n%s", code, out)
	}
}

// postgres.version: 99 is a usage error in validate, at its line in jig.yaml.
func TestValidateUnsupportedVersion(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "jig.yaml"), []byte("postgres:\n  version: 99\n"), 0o644)
	code, out := jig(t, "validate", "-w", dir)
	if code != exitUsage || !strings.Contains(out, "jig.yaml:2:12:") || !strings.Contains(out, "16, 17 or 18") {
		t.Errorf("exit %d, want %d at jig.yaml:2:12 naming 16, 17 or 18:\n%s", code, exitUsage, out)
	}
}
