package main

import (
	"strings"
	"testing"

	"github.com/jig-sql/jig/engine/enginetest"
)

// TestShopChain runs every command on the shop project's chain (raw seeds
// → stg_* → int_order_payments → customers, orders) and asserts answers
// computed from the CSV files by hand: 30 customers whose lifetime values
// add up to the 963.00 every payment adds up to.
func TestShopChain(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	t.Setenv("JIG_DSN", enginetest.Server(t).DSN())
	code, out := jig(t, "run", "-w", shopDir, "customers", "--csv")
	for _, want := range []string{
		"customer_id,first_name,last_name,first_order,most_recent_order,number_of_orders,customer_lifetime_value\n",
		"1,Michael,P.,2024-01-28,2024-01-28,1,3.00\n2,Shawn,H.,,,0,0\n",
		"4,Jimmy,C.,2024-01-01,2024-01-20,6,78.00\n",
		"30,Timothy,T.,2024-01-12,2024-01-12,1,13.00\n",
	} {
		if code != exitOK || !strings.Contains(out, want) {
			t.Errorf("jig run customers: exit %d\n%s\nwant %q", code, out, want)
		}
	}
	code, out = jig(t, "run", "-w", shopDir, "orders", "--csv")
	if want := "1,4,2024-01-01,returned,7.00,0,0,10.00,17.00\n"; code != exitOK || !strings.Contains(out, want) {
		t.Errorf("jig run orders: exit %d\n%s\nwant %q", code, out, want)
	}
	code, out = jig(t, "test", "-w", shopDir, "customers")
	if code != exitOK || !strings.Contains(out, "PASS customers/mocked_staging") {
		t.Errorf("jig test customers: exit %d\n%s", code, out)
	}
	code, out = jig(t, "explain", "-w", shopDir, "customers")
	for _, want := range []string{"Seq Scan on raw_customers", "Seq Scan on raw_orders", "Seq Scan on raw_payments"} {
		if code != exitOK || !strings.Contains(out, want) {
			t.Errorf("jig explain customers reads the whole chain: exit %d\n%s\nwant %q", code, out, want)
		}
	}
	code, out = jig(t, "validate", "-w", shopDir)
	if code != exitOK || !strings.Contains(out, "ok: 1 schema file, 7 queries, 7 check files, 2 fixtures") {
		t.Errorf("jig validate: exit %d\n%s", code, out)
	}
	t.Setenv("JIG_DSN", "")
	code, out = jig(t, "check", "-w", shopDir, "customers", "orders", "stg_orders")
	for _, want := range []string{
		"lifetime_value_not_negative | customers | pass | 0",
		"relationships(customer_id) | orders | pass | 0",
		"amount_adds_up | orders | pass | 0",
		"unique(order_id) | stg_orders | pass | 0",
	} {
		if code != exitOK || !strings.Contains(squash(out), want) {
			t.Errorf("jig check: exit %d\n%s\nwant %q", code, out, want)
		}
	}
	code, out = jig(t, "check", "-w", shopDir, "--self-test", "stg_orders", "orders")
	if !strings.Contains(squash(out), "not_null(order_id) | stg_orders | proven") ||
		!strings.Contains(squash(out), "relationships(customer_id) | orders | proven") {
		t.Errorf("jig check --self-test through the chain: exit %d\n%s", code, out)
	}
}

// TestShopChainServeAndLive: psql on jig serve reads the queries as views,
// and jig check --dsn on a database that has only the tables (here the
// served one, read through the chain written in) gives the same answers.
func TestShopChainServeAndLive(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	dsn, code, errs := serveDemo(t, shopDir)
	if code >= 0 {
		t.Fatalf("serve exited %d:\n%s", code, errs)
	}
	got, err := psql(t, dsn, "SELECT count(*), sum(customer_lifetime_value) FROM customers")
	if err != nil || got != "30|963.00" {
		t.Errorf("psql on the served customers view: %q (%v), want 30|963.00", got, err)
	}
	got, err = psql(t, dsn, "DROP VIEW customers, orders; DROP VIEW int_order_payments, order_status_totals; DROP VIEW stg_orders, stg_payments, stg_customers")
	if err != nil {
		t.Fatalf("dropping the views: %s (%v)", got, err)
	}
	code, out := jig(t, "check", "-w", shopDir, "--dsn", dsn, "customers", "orders")
	if code != exitOK || strings.Count(out, "| pass ") != 7 {
		t.Errorf("jig check --dsn with no views: exit %d\n%s", code, out)
	}
}

// TestChainErrorsExitUsage: a cycle, or a query reading a name nothing
// defines, fails validate, test and run at file:line:col (exit 2).
func TestChainErrorsExitUsage(t *testing.T) {
	t.Setenv("JIG_DSN", enginetest.Server(t).DSN())
	dir := t.TempDir()
	enginetest.WriteFiles(t, dir, map[string]string{
		"schema/t.sql":      "CREATE TABLE t (id int);",
		"queries/a.sql":     "select * from t join b using (id)",
		"queries/b.sql":     "select *\nfrom a",
		"fixtures/a/f.yaml": "query: a\nexpect:\n  rows: []\n",
	})
	for _, args := range [][]string{{"validate"}, {"test"}, {"run", "a"}} {
		code, out := jig(t, append(args, "-w", dir)...)
		if code != exitUsage || !strings.Contains(out, "queries/b.sql:2:6: queries read each other in a cycle: a → b → a") {
			t.Errorf("jig %s: exit %d\n%s", args[0], code, out)
		}
	}
	enginetest.WriteFiles(t, dir, map[string]string{"queries/b.sql": "select *\nfrom t, c_typo"})
	code, out := jig(t, "validate", "-w", dir)
	if code != exitUsage || !strings.Contains(out, `queries/b.sql:2:9: relation "c_typo" does not exist`) {
		t.Errorf("jig validate: exit %d\n%s", code, out)
	}
	code, out = jig(t, "test", "-w", dir)
	if code == exitOK || !strings.Contains(out, `queries/b.sql:2:9: relation "c_typo" does not exist`) {
		t.Errorf("jig test: exit %d\n%s", code, out)
	}
}

// squash collapses runs of spaces, so table rows compare whatever the
// column widths.
func squash(s string) string {
	for strings.Contains(s, "  ") {
		s = strings.ReplaceAll(s, "  ", " ")
	}
	return s
}
