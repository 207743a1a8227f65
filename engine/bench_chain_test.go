package engine_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/engine/enginetest"
	"github.com/jig-sql/jig/workspace"
)

// singleTotals is order_totals (chainFiles) written as one query on the
// tables: the baseline a chain of views is measured against.
const singleTotals = "select o.status, count(*) as orders, sum(coalesce(p.amount, 0)) as amount\n" +
	"from raw_orders o left join (select order_id, sum(cents / 100.0) as amount from raw_payments group by 1) p\n" +
	"  on p.order_id = o.id\ngroup by 1 order by 1"

// chainBenchFiles is chainFiles plus n fixtures of each kind: the single
// query on given tables, the 3-deep chain on the same tables, and the
// chain's mart with its middle query mocked.
func chainBenchFiles(n int) map[string]string {
	files := map[string]string{"queries/single.sql": singleTotals}
	for k, v := range chainFiles {
		if !strings.HasPrefix(k, "seeds/") { // fixtures on empty tables, as in a CI run
			files[k] = v
		}
	}
	raw := "given:\n  raw_orders:\n    - {id: 1, status: a}\n    - {id: 2, status: a}\n    - {id: 3, status: b}\n" +
		"  raw_payments:\n    - {order_id: 1, cents: 100}\n    - {order_id: 2, cents: 250}\n    - {order_id: 2, cents: 50}\n" +
		"expect:\n  rows:\n    - {status: a, orders: 2, amount: 4}\n    - {status: b, orders: 1, amount: 0}\n"
	mock := "given:\n  raw_orders:\n    - {id: 1, status: a}\n    - {id: 2, status: a}\n    - {id: 3, status: b}\n" +
		"  int_order_payments:\n    - {order_id: 1, status: a, amount: 1}\n    - {order_id: 2, status: a, amount: 3}\n    - {order_id: 3, status: b, amount: 0}\n" +
		"expect:\n  rows:\n    - {status: a, orders: 2, amount: 4}\n    - {status: b, orders: 1, amount: 0}\n"
	for i := range n {
		files[fmt.Sprintf("fixtures/single/f%04d.yaml", i)] = "query: single\n" + raw
		files[fmt.Sprintf("fixtures/order_totals/raw%04d.yaml", i)] = "query: order_totals\n" + raw
		files[fmt.Sprintf("fixtures/order_totals/mock%04d.yaml", i)] = "query: order_totals\n" + mock
	}
	return files
}

// BenchmarkChainFixture runs a fixture through a 3-deep chain of queries
// (views on the given tables, and with the middle query mocked) beside the
// same logic as one query; "x_single_*" is the time per fixture over the
// single query's, measured interleaved in the same iterations.
func BenchmarkChainFixture(b *testing.B) {
	const n = 200
	ws := enginetest.Workspace(b, chainBenchFiles(n))
	r := enginetest.Runner(b, ws, engine.RunnerOptions{Parallel: 1})
	kinds := map[string][]*workspace.Fixture{}
	for _, f := range ws.Fixtures {
		kind := f.Query
		if f.Query == "order_totals" {
			kind = "chain3_raw"
			if f.Given[1].Table == "int_order_payments" {
				kind = "chain3_mock"
			}
		}
		kinds[kind] = append(kinds[kind], f)
	}
	took := map[string]time.Duration{}
	b.ResetTimer()
	for range b.N {
		// Interleaved fixture by fixture, so a busy moment of the shared
		// machine slows every kind alike.
		for i := range n {
			for _, kind := range []string{"single", "chain3_raw", "chain3_mock"} {
				f := kinds[kind][i]
				start := time.Now()
				if res := r.RunFixture(context.Background(), f); res.Failed() {
					b.Fatalf("%s: %s", f.Name, engine.FormatFailure(res, false))
				}
				took[kind] += time.Since(start)
			}
		}
	}
	per := func(kind string) float64 { return took[kind].Seconds() * 1000 / float64(b.N*n) }
	b.ReportMetric(per("single"), "ms/single")
	b.ReportMetric(per("chain3_raw"), "ms/chain3")
	b.ReportMetric(per("chain3_mock"), "ms/chain3_mock")
	b.ReportMetric(per("chain3_raw")/per("single"), "x_single_chain3")
	b.ReportMetric(per("chain3_mock")/per("single"), "x_single_mock")
	b.ReportMetric(0, "ns/op") // an iteration is 3n fixtures: the metrics above say it per fixture
}
