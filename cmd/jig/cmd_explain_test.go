package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jig-sql/jig/engine/enginetest"
	"github.com/jig-sql/jig/engine/explain"
	"github.com/jig-sql/jig/workspace"
)

func explainDemo(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "demo")
	if err := workspace.WriteDemo(dir); err != nil {
		t.Fatal(err)
	}
	t.Setenv("JIG_DSN", enginetest.Server(t).DSN())
	return dir
}

func TestExplainCommand(t *testing.T) {
	dir := explainDemo(t)
	code, out := jig(t, "explain", "-w", dir, "browser_users")
	if code != exitOK || !strings.Contains(out, "Seq Scan on events") || !strings.Contains(out, "- events.user_id [distkey-nullable]") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	code, out = jig(t, "explain", "-w", dir, "--json", "SELECT * FROM events WHERE duration_ms > 5")
	var e explain.Explanation
	if code != exitOK || json.Unmarshal([]byte(out[strings.Index(out, "{"):]), &e) != nil {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	var got []string
	for _, a := range e.Advice {
		got = append(got, a.Kind)
	}
	if strings.Join(got, ",") != "select-star,range-sortkey,distkey-nullable" || !strings.Contains(e.Plan, "Filter") {
		t.Errorf("advice %v, plan:\n%s", got, e.Plan)
	}
	code, out = jig(t, "explain", "-w", dir, "SELECT nope FROM events")
	if code != exitUsage || !strings.Contains(out, `column "nope" does not exist`) || !strings.Contains(out, "^") {
		t.Errorf("a bad query: exit %d:\n%s", code, out)
	}
	if code, out := jig(t, "explain", "-w", dir, "no_such_query"); code != exitUsage || !strings.Contains(out, "no query") {
		t.Errorf("an unknown query: exit %d:\n%s", code, out)
	}
}

// An error in a chain jig explain reads (the query with its upstream
// queries written in as CTEs) is placed in the file that has it, at its
// line there, as jig run places it.
func TestExplainChainErrorPlaced(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	t.Setenv("JIG_DSN", enginetest.Server(t).DSN())
	dir := copyProject(t, shopDir)
	enginetest.WriteFiles(t, dir, map[string]string{
		"queries/stg_orders.sql": "select id as order_id, user_id as customer_id,\n       order_dat, status\nfrom raw_orders\n"})
	code, out := jig(t, "explain", "-w", dir, "customers")
	if code != exitUsage || !strings.Contains(out, `queries/stg_orders.sql:2:8: column "order_dat" does not exist`) {
		t.Errorf("exit %d:\n%s", code, out)
	}
}
