package workspace

import (
	"os"
	"path/filepath"
	"testing"
)

// A workspace named by a relative path other than "." (jig test -w
// jig-demo, as the README says) must find its fixtures: the folder of each
// query was once joined with the workspace path twice, and every fixture
// silently disappeared.
func TestLoadRelativeWorkspaceFindsFixtures(t *testing.T) {
	parent := t.TempDir()
	ws := filepath.Join(parent, "ws")
	for name, content := range map[string]string{
		"queries/q.sql":     "SELECT 1 AS n\n",
		"fixtures/q/a.yaml": "query: q\nexpect:\n  rows:\n    - {n: 1}\n",
	} {
		p := filepath.Join(ws, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(parent)
	for _, dir := range []string{"ws", "./ws", "ws/", ws} {
		w, err := Load(dir)
		if err != nil {
			t.Fatalf("Load(%q): %v", dir, err)
		}
		if len(w.Fixtures) != 1 || w.Fixtures[0].Name != "q/a" {
			t.Errorf("Load(%q) found fixtures %v, want q/a", dir, w.Fixtures)
		}
	}
}
