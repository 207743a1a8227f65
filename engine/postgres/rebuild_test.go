package postgres_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBrokenClusterIsRebuilt: a workspace's data directory that no longer
// starts is set aside and rebuilt from the template, with a note saying so.
func TestBrokenClusterIsRebuilt(t *testing.T) {
	t.Parallel()
	opts := warmOptions(t)
	s := start(t, opts)
	if err := s.Stop(); err != nil {
		t.Fatal(err)
	}
	pgControl, _ := filepath.Glob(filepath.Join(opts.CacheDir, "clusters", "*", "data", "global", "pg_control"))
	if len(pgControl) != 1 {
		t.Fatalf("pg_control files: %v", pgControl)
	}
	if err := os.Remove(pgControl[0]); err != nil {
		t.Fatal(err)
	}
	s2 := start(t, opts)
	if !strings.Contains(s2.Note, "rebuilt") {
		t.Errorf("Note = %q, want it to say the cluster was rebuilt", s2.Note)
	}
	if got := queryString(t, connect(t, s2), "SELECT 'ok'"); got != "ok" {
		t.Fatalf("rebuilt server answered %q", got)
	}
	aside, _ := filepath.Glob(filepath.Join(opts.CacheDir, "clusters", "*", "data.broken-*"))
	if len(aside) != 1 {
		t.Errorf("the broken data directory was not kept aside: %v", aside)
	}
}
