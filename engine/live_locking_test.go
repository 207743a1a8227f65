package engine_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/engine/enginetest"
	"github.com/jig-sql/jig/workspace"
)

// A query that locks rows cannot be a scroll cursor: before the scanner,
// RunLive declared one anyway and the run failed with Postgres's
// "DECLARE SCROLL CURSOR ... FOR UPDATE is not supported". A query whose
// nested leading comment hid its SELECT from the old check still runs.
func TestRunLiveLockingAndCommentedQueries(t *testing.T) {
	dir := t.TempDir()
	if err := workspace.WriteDemo(dir); err != nil {
		t.Fatal(err)
	}
	queries := map[string]string{
		"locked":    "SELECT e.browser_id, e.user_id FROM events AS e WHERE e.user_id IS NOT NULL FOR UPDATE\n",
		"commented": "/* pairs /* nested */ of browsers */ SELECT e.browser_id, e.user_id FROM events AS e WHERE e.user_id IS NOT NULL\n",
	}
	for name, sql := range queries {
		write(t, filepath.Join(dir, "queries", name+".sql"), sql)
		write(t, filepath.Join(dir, "fixtures", name, "one.yaml"), "query: "+name+`
given:
  events:
    - {user_id: null, browser_id: brws0001}
    - {user_id: user0001, browser_id: brws0002}
expect:
  rows:
    - {browser_id: brws0002, user_id: user0001}
`)
	}
	ws, err := workspace.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	r, err := engine.NewRunner(context.Background(), enginetest.Server(t), ws, engine.RunnerOptions{Parallel: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for name := range queries {
		live, err := r.RunLive(context.Background(), ws.Fixture(name+"/one"), 10)
		if err != nil {
			t.Fatal(err)
		}
		if live.Err != nil || live.Status != engine.StatusPass || live.Total != 1 {
			t.Errorf("%s: status %v, total %d, err %v", name, live.Status, live.Total, live.Err)
		}
		live.Close()
	}
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
