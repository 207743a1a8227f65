package engine_test

import (
	"context"
	"maps"
	"strings"
	"testing"

	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/engine/enginetest"
)

// csvFiles: fixtures of order_total give orders from the seed file itself,
// from another CSV, and inline; each replaces the seed's rows, its columns
// typed by the table (amount numeric, paid boolean) and the rest filled.
var csvFiles = map[string]string{
	"data/two.csv": "id,amount,paid\n1,1.25,true\n2,,false\n",
	"fixtures/order_total/from_seed.yaml": "query: order_total\ngiven:\n  orders: {csv: seeds/orders.csv}\n" +
		"expect:\n  rows:\n    - {n: 3, total: 21.75, notes: 2}\n",
	"fixtures/order_total/from_file.yaml": "query: order_total\ngiven:\n  orders: {csv: data/two.csv}\n" +
		"expect:\n  rows:\n    - {n: 2, total: 1.25, notes: 2} # note is not in the CSV: the factory fills it\n",
	"fixtures/order_total/inline.yaml": "query: order_total\ngiven:\n  orders:\n    csv: |\n      amount,note\n      4,x\n      5,\n" +
		"expect:\n  rows:\n    - {n: 2, total: 9, notes: 1}\n",
	"fixtures/order_total/quoted.yaml": "query: order_total\ngiven:\n  orders: {csv: \"amount\\n7\\n\"}\n" +
		"expect:\n  rows:\n    - {n: 1, total: 7, notes: 1}\n",
}

func TestFixtureGivenCSV(t *testing.T) {
	files := maps.Clone(seedFiles)
	maps.Copy(files, csvFiles)
	r, ws := enginetest.RunnerFromFiles(t, files, engine.RunnerOptions{Parallel: 1})
	for _, name := range []string{"from_seed", "from_file", "inline", "quoted"} {
		res := r.RunFixture(context.Background(), ws.Fixture("order_total/"+name))
		if res.Status != engine.StatusPass {
			t.Errorf("%s: %s %v\n%s", name, res.Status, res.Err, engine.FormatFailure(res, false))
		}
	}
}

// TestFixtureGivenCSVErrors: an unknown header column is reported once, at
// its header cell; a value not of its column's type at its cell, in the
// CSV file for a file and in the YAML for inline CSV.
func TestFixtureGivenCSVErrors(t *testing.T) {
	files := maps.Clone(seedFiles)
	files["data/bad.csv"] = "id,amout\n1,2\nx,3\n"
	files["fixtures/order_total/bad_file.yaml"] = "query: order_total\ngiven:\n  orders: {csv: data/bad.csv}\n"
	files["fixtures/order_total/bad_inline.yaml"] = "query: order_total\ngiven:\n  orders:\n    csv: |\n      id,paid\n      1,maybe\n"
	r, ws := enginetest.RunnerFromFiles(t, files, engine.RunnerOptions{Parallel: 1})
	for name, want := range map[string]string{
		"bad_file": "data/bad.csv:1:4: table \"orders\" has no column \"amout\" (in the CSV header)\n  hint: did you mean `amount`?\n" +
			"data/bad.csv:3:1: orders.id: ",
		"bad_inline": "fixtures/order_total/bad_inline.yaml:6:9: orders.paid: ",
	} {
		res := r.RunFixture(context.Background(), ws.Fixture("order_total/"+name))
		if res.Status != engine.StatusError || res.Err == nil || !strings.HasPrefix(res.Err.Error(), want) {
			t.Errorf("%s: %s, error:\n%v\nwant it to start with\n%s", name, res.Status, res.Err, want)
		}
	}
}
