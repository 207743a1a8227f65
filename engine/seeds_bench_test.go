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

// BenchmarkLoadSeed100k loads a 100,000-row seed of six inferred columns
// (create table and COPY) into a fresh table each iteration.
func BenchmarkLoadSeed100k(b *testing.B) {
	const n = 100_000
	var sb strings.Builder
	sb.WriteString("order_id,customer_id,amount,status,ordered_at,paid\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&sb, "%d,%d,%d.%02d,%s,2024-%02d-%02d 10:%02d:00,%t\n",
			i+1, i%5000, i%300, i%100, []string{"placed", "shipped", "returned"}[i%3], 1+i%12, 1+i%28, i%60, i%2 == 0)
	}
	seed, err := workspace.ParseSeed("seeds/orders.csv", []byte(sb.String()))
	if err != nil {
		b.Fatal(err)
	}
	conn, schema := enginetest.ConnSchema(b)
	ctx := context.Background()
	b.ResetTimer()
	var took time.Duration
	for i := 0; i < b.N; i++ {
		start := time.Now()
		if err := engine.LoadSeeds(ctx, conn, schema, []*workspace.Seed{seed}); err != nil {
			b.Fatal(err)
		}
		took += time.Since(start)
		b.StopTimer()
		var got int
		if err := conn.QueryRow(ctx, "SELECT count(*) FROM orders").Scan(&got); err != nil || got != n {
			b.Fatalf("loaded %d rows (%v), want %d", got, err, n)
		}
		enginetest.Exec(b, conn, "DROP TABLE orders")
		b.StartTimer()
	}
	b.ReportMetric(float64(n*b.N)/took.Seconds(), "rows/s")
}
