package engine_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/engine/enginetest"
	"github.com/jig-sql/jig/workspace"
)

// A query that never ends is cancelled by the runner's statement timeout:
// the fixture is an error naming the timeout, and the connection stays
// usable for the next fixture.
func TestFaultStatementTimeoutEndsEndlessQuery(t *testing.T) {
	ctx := context.Background()
	r, ws := enginetest.RunnerFromFiles(t, map[string]string{
		"queries/endless.sql":     "SELECT pg_sleep(3600)::text AS s\n",
		"queries/quick.sql":       "SELECT 1 AS n\n",
		"fixtures/endless/a.yaml": "query: endless\nexpect:\n  rows:\n    - {s: \"\"}\n",
		"fixtures/quick/a.yaml":   "query: quick\nexpect:\n  rows:\n    - {n: 1}\n",
	}, engine.RunnerOptions{Parallel: 1, StatementTimeout: 300 * time.Millisecond})
	start := time.Now()
	res := r.RunFixture(ctx, ws.Fixtures[0])
	if res.Status == engine.StatusPass || res.Err == nil || !strings.Contains(res.Err.Error(), "statement timeout") {
		t.Fatalf("status %v, err %v; want a failure naming the statement timeout", res.Status, res.Err)
	}
	if took := time.Since(start); took > time.Minute {
		t.Errorf("the timeout took %s", took)
	}
	if res := r.RunFixture(ctx, ws.Fixtures[1]); res.Status != engine.StatusPass {
		t.Errorf("the next fixture on the same connection: %v %v", res.Status, res.Err)
	}
}

// A panic while running a fixture (a bug in jig) becomes that fixture's
// error, saying where to report it; the run goes on, so jig stops its
// server as usual instead of dying with it running.
func TestFaultPanicInFixtureIsReported(t *testing.T) {
	ctx := context.Background()
	r, ws := enginetest.RunnerFromFiles(t, map[string]string{
		"queries/quick.sql":     "SELECT 1 AS n\n",
		"fixtures/quick/a.yaml": "query: quick\nexpect:\n  rows:\n    - {n: 1}\n",
		"fixtures/quick/b.yaml": "query: quick\nexpect:\n  rows:\n    - {n: 1}\n",
	}, engine.RunnerOptions{Parallel: 1})
	engine.SetBeforeFixture(func(f *workspace.Fixture) {
		if f.Name == "quick/a" {
			panic("boom")
		}
	})
	defer engine.SetBeforeFixture(nil)
	got := map[string]*engine.FixtureResult{}
	r.Run(ctx, ws.Fixtures, func(res *engine.FixtureResult) { got[res.Fixture.Name] = res })
	a, b := got["quick/a"], got["quick/b"]
	if a == nil || a.Status != engine.StatusError || !strings.Contains(a.Err.Error(), "internal error") ||
		!strings.Contains(a.Err.Error(), "github.com/jig-sql/jig/issues") {
		t.Errorf("the panicking fixture: %+v", a)
	}
	if b == nil || b.Status != engine.StatusPass {
		t.Errorf("the next fixture on the same connection: %+v", b)
	}
}
