package engine_test

import (
	"context"
	"testing"

	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/engine/enginetest"
)

// A query that locks rows cannot be a scroll cursor: before the scanner,
// RunLive declared one anyway and the run failed with Postgres's
// "DECLARE SCROLL CURSOR ... FOR UPDATE is not supported". A query whose
// nested leading comment hid its SELECT from the old check still runs.
func TestRunLiveLockingAndCommentedQueries(t *testing.T) {
	queries := map[string]string{
		"locked":    "SELECT e.browser_id, e.user_id FROM events AS e WHERE e.user_id IS NOT NULL FOR UPDATE\n",
		"commented": "/* pairs /* nested */ of browsers */ SELECT e.browser_id, e.user_id FROM events AS e WHERE e.user_id IS NOT NULL\n",
	}
	files := map[string]string{}
	for name, sql := range queries {
		files["queries/"+name+".sql"] = sql
		files["fixtures/"+name+"/one.yaml"] = "query: " + name + `
given:
  events:
    - {user_id: null, browser_id: brws0001}
    - {user_id: user0001, browser_id: brws0002}
expect:
  rows:
    - {browser_id: brws0002, user_id: user0001}
`
	}
	ws := enginetest.DemoWorkspace(t, files)
	r := enginetest.Runner(t, ws, engine.RunnerOptions{Parallel: 1})
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
