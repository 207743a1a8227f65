package postgres_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// embedded-postgres left an embedded_postgres_log* file in $TMPDIR per
// start (20 after killed jigs). A start makes none now, and removes those
// earlier jigs left for its cache, leaving other programs' alone.
func TestLibraryLogsAreSwept(t *testing.T) {
	o := explicitOptions(t)
	ours := filepath.Join(os.TempDir(), "embedded_postgres_log_jigtest_ours")
	theirs := filepath.Join(os.TempDir(), "embedded_postgres_log_jigtest_theirs")
	for path, content := range map[string]string{
		ours:   `HINT:  Future log output will appear in directory "` + filepath.Join(o.CacheDir, "clusters", "x-pg17.5", "log") + `".`,
		theirs: `HINT:  Future log output will appear in directory "/elsewhere/log".`,
	} {
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Remove(path) })
	}
	before, _ := filepath.Glob(filepath.Join(os.TempDir(), "embedded_postgres_log*"))
	s := start(t, o)
	s.Stop()
	after, _ := filepath.Glob(filepath.Join(os.TempDir(), "embedded_postgres_log*"))
	if exists(ours) {
		t.Errorf("%s, left by a jig on this cache, was not swept", ours)
	}
	if !exists(theirs) {
		t.Errorf("%s, another program's, was removed", theirs)
	}
	for _, f := range after {
		if b, _ := os.ReadFile(f); strings.Contains(string(b), o.CacheDir) {
			t.Errorf("%s names this cache: the start made a library log", f)
		}
	}
	t.Logf("%d embedded_postgres_log files before the start, %d after (other jigs on the machine make them too)", len(before), len(after))
}
