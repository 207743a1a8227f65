package engine_test

import (
	"context"
	"strings"
	"testing"

	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/engine/enginetest"
	"github.com/jig-sql/jig/workspace"
)

// demoRunner loads the demo workspace and prepares a runner on the
// package's server.
func demoRunner(tb testing.TB) (*engine.Runner, *workspace.Workspace) {
	tb.Helper()
	return enginetest.RunnerFromFiles(tb, nil, engine.RunnerOptions{Parallel: 2})
}

func TestRunnerDemo(t *testing.T) {
	r, ws := demoRunner(t)
	got := map[string]engine.Status{}
	r.Run(context.Background(), ws.Fixtures, func(res *engine.FixtureResult) {
		got[res.Fixture.Name] = res.Status
		if res.Fixture.Query == "net_revenue" {
			text := engine.FormatFailure(res, false)
			if !strings.Contains(text, "»135.00«") || !strings.Contains(text, "»165.00«") {
				t.Errorf("net_revenue diff does not show the changed cell:\n%s", text)
			}
		}
	})
	if got["browser_users/null_user_is_excluded"] != engine.StatusPass {
		t.Errorf("browser_users fixture: %v, want pass", got["browser_users/null_user_is_excluded"])
	}
	if got["net_revenue/discount_reduces_net"] != engine.StatusFail {
		t.Errorf("net_revenue fixture: %v, want fail (the demo's bug)", got["net_revenue/discount_reduces_net"])
	}
}

func TestRunLivePagesAndCompares(t *testing.T) {
	r, ws := demoRunner(t)
	f := ws.Fixture("browser_users/null_user_is_excluded")
	live, err := r.RunLive(context.Background(), f, 1)
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	if live.Err != nil || live.Status != engine.StatusPass {
		t.Fatalf("live run: status %v err %v", live.Status, live.Err)
	}
	page, err := live.Page(context.Background(), 0, 10)
	if err != nil || len(page) != live.Total {
		t.Fatalf("page: %d rows of %d, err %v", len(page), live.Total, err)
	}
	tables, err := r.QueryTables(context.Background(), ws.Query("net_revenue").SQL)
	if err != nil || strings.Join(tables, ",") != "orders" {
		t.Fatalf("QueryTables(net_revenue) = %v, %v; want [orders]", tables, err)
	}
}
