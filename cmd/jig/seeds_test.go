package main

import (
	"strings"
	"testing"

	"github.com/jig-sql/jig/engine/enginetest"
)

// shopDir is the dbt-style example project: three seeds, one declared in
// schema/, staging, intermediate and mart queries over them, checks and
// fixtures.
const shopDir = "../../testdata/projects/shop"

// TestShopRunTestCheck runs jig run, jig test and jig check on the shop
// project and asserts the answers computed from its CSV files by hand.
func TestShopRunTestCheck(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	t.Setenv("JIG_DSN", enginetest.Server(t).DSN())
	code, out := jig(t, "run", "-w", shopDir, "order_status_totals", "--csv")
	want := "status,orders,amount\ncompleted,34,585.00\nplaced,10,192.00\nreturn_pending,3,34.00\nreturned,7,58.00\nshipped,6,94.00\n"
	if code != exitOK || !strings.Contains(out, want) {
		t.Errorf("jig run: exit %d\n%s\nwant\n%s", code, out, want)
	}
	code, out = jig(t, "test", "-w", shopDir)
	if code != exitOK || !strings.Contains(out, "PASS order_status_totals/split_payment") || !strings.Contains(out, "2 fixtures: 2 passed, 0 failed") {
		t.Errorf("jig test: exit %d\n%s", code, out)
	}
	// jig check with no DSN anywhere runs on the embedded server's seeds.
	t.Setenv("JIG_DSN", "")
	code, out = jig(t, "check", "-w", shopDir)
	if code != exitOK {
		t.Fatalf("jig check: exit %d\n%s", code, out)
	}
	for _, want := range []string{
		"relationships(user_id)          | raw_orders          | pass   | 0",
		"matches(zip)                    | raw_customers       | pass   | 0", // declared text: 02134 keeps its 0
		"payment_not_zero                | raw_payments        | warn   | 2",
		"unique(status)                  | order_status_totals | pass   | 0",
		"17 | 14       | coupon         | 0",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("jig check output lacks %q:\n%s", want, out)
		}
	}
	if n := strings.Count(out, "| pass "); n != 24 {
		t.Errorf("%d checks pass, want 24:\n%s", n, out)
	}
}

// TestSeedErrorsExitUsage: a bad CSV, or a value that does not fit its
// declared type, stops validate, test and run with exit 2 at file:line:col.
func TestSeedErrorsExitUsage(t *testing.T) {
	t.Setenv("JIG_DSN", enginetest.Server(t).DSN())
	dir := t.TempDir()
	enginetest.WriteFiles(t, dir, map[string]string{
		"seeds/raw_orders.csv": "id,amount\n1,2\n3\n",
		"queries/q.sql":        "select * from raw_orders",
		"fixtures/q/f.yaml":    "query: q\nexpect:\n  rows: []\n",
	})
	for _, args := range [][]string{{"validate"}, {"test"}, {"run", "q"}} {
		code, out := jig(t, append(args, "-w", dir)...)
		if code != exitUsage || !strings.Contains(out, "seeds/raw_orders.csv:3:1: row has 1 values, the header has 2 columns") {
			t.Errorf("jig %s: exit %d\n%s", args[0], code, out)
		}
	}
	enginetest.WriteFiles(t, dir, map[string]string{
		"seeds/raw_orders.csv":  "id,amount\n1,2\n3,lots\n",
		"schema/raw_orders.sql": "CREATE TABLE raw_orders (id integer, amount numeric);",
	})
	for _, args := range [][]string{{"validate"}, {"test"}, {"run", "q"}} {
		code, out := jig(t, append(args, "-w", dir)...)
		if code != exitUsage || !strings.Contains(out, `seeds/raw_orders.csv:3:3: column amount: invalid input syntax for type numeric: "lots"`) {
			t.Errorf("jig %s: exit %d\n%s", args[0], code, out)
		}
	}
}
