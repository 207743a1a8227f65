package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jig-sql/jig/engine/enginetest"
)

// TestShopFixtureFromSeeds: a shop fixture starts from the seed files and
// an inline CSV; jig test passes it, and jig test --update rewrites only
// its expected rows, keeping every csv: as written.
func TestShopFixtureFromSeeds(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	t.Setenv("JIG_DSN", enginetest.Server(t).DSN())
	dir := t.TempDir()
	copyTree(t, shopDir, dir)
	given := "query: order_status_totals\ngiven:\n  raw_orders: {csv: seeds/raw_orders.csv}\n" +
		"  raw_payments:\n    csv: |\n      order_id,payment_method,amount\n      1,credit_card,1000\n      1,coupon,700\n      3,gift_card,250\n"
	enginetest.WriteFiles(t, dir, map[string]string{
		"fixtures/order_status_totals/seeds.yaml": given + "expect:\n  rows:\n    - {status: completed, orders: 1, amount: 2.50}\n    - {status: returned, orders: 1, amount: 17.00}\n",
		"fixtures/order_status_totals/stale.yaml": given + "expect:\n  rows:\n    - {status: returned, orders: 1, amount: 1.00}\n",
	})
	code, out := jig(t, "test", "-w", dir, "order_status_totals/seeds")
	if code != exitOK || !strings.Contains(out, "PASS order_status_totals/seeds") {
		t.Fatalf("jig test: exit %d\n%s", code, out)
	}
	code, out = jig(t, "test", "-w", dir, "--update", "order_status_totals/stale")
	if code != exitFail || !strings.Contains(out, "updated fixtures/order_status_totals/stale.yaml") {
		t.Fatalf("jig test --update: exit %d\n%s", code, out)
	}
	b, err := os.ReadFile(filepath.Join(dir, "fixtures/order_status_totals/stale.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(b), given+"expect:\n  rows:\n    - {status: completed, orders: 1, amount: 2.50}\n") {
		t.Errorf("updated fixture:\n%s\nwant the given: as written and the new rows", b)
	}
	if code, out := jig(t, "test", "-w", dir); code != exitOK {
		t.Errorf("jig test after --update: exit %d\n%s", code, out)
	}
}

// TestFixtureCSVErrorsExitUsage: a CSV given's unknown header column and
// badly typed value stop validate, test and run with exit 2 at their place.
func TestFixtureCSVErrorsExitUsage(t *testing.T) {
	t.Setenv("JIG_DSN", enginetest.Server(t).DSN())
	dir := t.TempDir()
	copyTree(t, shopDir, dir)
	enginetest.WriteFiles(t, dir, map[string]string{
		"data/orders.csv": "id,stauts\n1,placed\n",
		"fixtures/order_status_totals/split_payment.yaml": "given:\n  raw_orders: {csv: data/orders.csv}\n" +
			"  raw_payments: {csv: \"order_id,amount\\n1,lots\\n\"}\n",
	})
	for _, args := range [][]string{{"validate"}, {"test"}, {"run", "order_status_totals", "--fixture", "order_status_totals/split_payment"}} {
		code, out := jig(t, append(args, "-w", dir)...)
		for _, want := range []string{`data/orders.csv:1:4: table "raw_orders" has no column "stauts" (in the CSV header)`,
			`fixtures/order_status_totals/split_payment.yaml:3:43: raw_payments.amount: `} {
			if code != exitUsage || !strings.Contains(out, want) {
				t.Errorf("jig %s: exit %d\n%s\nwant exit 2 and %s", args[0], code, out, want)
			}
		}
	}
}
