package main

import (
	"os"
	"path/filepath"
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

// TestShopBrokenSeedsFailTheRightChecks breaks a copy of the shop seeds (a
// duplicate order id, a NULL and an unknown customer, an unknown status and
// payment method, a payment of an unknown order, a bad zip, a negative
// payment) and asserts exactly which checks fail, with how many failing
// rows, through the staging queries to the marts; every other check passes.
func TestShopBrokenSeedsFailTheRightChecks(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	t.Setenv("JIG_DSN", "")
	dir := t.TempDir()
	copyTree(t, shopDir, dir)
	appendFile(t, filepath.Join(dir, "seeds/raw_orders.csv"), "1,4,2024-02-01,placed\n61,,2024-02-02,placed\n62,999,2024-02-03,lost\n")
	appendFile(t, filepath.Join(dir, "seeds/raw_payments.csv"), "71,61,credit_card,100\n72,404,cash,100\n73,56,credit_card,-5000\n")
	appendFile(t, filepath.Join(dir, "seeds/raw_customers.csv"), "31,Zed,Z.,ABCDE\n")
	code, out := jig(t, "check", "-w", dir)
	if code != exitFail {
		t.Fatalf("jig check on broken seeds: exit %d, want 1\n%s", code, out)
	}
	var notPass []string
	for _, line := range strings.Split(squash(out), "\n") {
		if f := strings.Split(line, " | "); len(f) == 5 && f[2] != "pass" && f[2] != "status" {
			notPass = append(notPass, strings.Join(f[:4], " | "))
		}
	}
	want := []string{
		"lifetime_value_not_negative | customers | fail | 1", // customer 1: 3.00 - 50.00
		"unique(order_id) | orders | fail | 1",
		"relationships(customer_id) | orders | fail | 1", // 999; the NULL is no failure
		"matches(zip) | raw_customers | fail | 1",
		"not_null(user_id) | raw_orders | fail | 1",
		"unique(id) | raw_orders | fail | 1",
		"accepted_values(status) | raw_orders | fail | 1",
		"relationships(user_id) | raw_orders | fail | 1",
		"relationships(order_id) | raw_payments | fail | 1",
		"accepted_values(payment_method) | raw_payments | fail | 1",
		"payment_not_zero | raw_payments | warn | 3",
		"unique(order_id) | stg_orders | fail | 1",
	}
	if strings.Join(notPass, "\n") != strings.Join(want, "\n") {
		t.Errorf("checks that do not pass:\n%s\nwant\n%s\n\n%s", strings.Join(notPass, "\n"), strings.Join(want, "\n"), out)
	}
	if n := strings.Count(out, "| pass "); n != 13 {
		t.Errorf("%d checks pass, want the other 13:\n%s", n, out)
	}
	for _, sample := range []string{"31 | Zed | Z. | ABCDE", "1 | Michael | P. | 2024-01-28 | 2024-01-28 | 1 | -47.00", "1 | 2"} {
		if !strings.Contains(squash(out), sample) {
			t.Errorf("no failing-row sample %q:\n%s", sample, out)
		}
	}
}

// appendFile adds text at the end of the file at path.
func appendFile(t *testing.T, path, text string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err == nil {
		err = os.WriteFile(path, append(b, text...), 0o644)
	}
	if err != nil {
		t.Fatal(err)
	}
}
