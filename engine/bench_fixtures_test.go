package engine_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/engine/enginetest"
	"github.com/jig-sql/jig/engine/postgres"
	"github.com/jig-sql/jig/workspace"
)

// BenchmarkFixtures runs 1,000 small fixtures per iteration through the
// Runner, at --parallel 1 and at the default, beside the floor: hand-written
// pgx on one connection where the table already exists, sending begin, one
// insert, the select and rollback per fixture.
func BenchmarkFixtures(b *testing.B) {
	const n = 1000
	ws, err := workspace.Load(enginetest.SeedWorkspace(b, n))
	if err != nil {
		b.Fatal(err)
	}
	srv := enginetest.Server(b)
	for _, par := range []int{1, 0} {
		name := fmt.Sprintf("jig/parallel=%d", par)
		if par == 0 {
			name = "jig/parallel=default"
		}
		b.Run(name, func(b *testing.B) {
			r, err := engine.NewRunner(context.Background(), srv, ws, engine.RunnerOptions{Parallel: par})
			if err != nil {
				b.Fatal(err)
			}
			defer r.Close()
			b.ResetTimer()
			start := time.Now()
			for i := 0; i < b.N; i++ {
				failed := 0
				r.Run(context.Background(), ws.Fixtures, func(res *engine.FixtureResult) {
					if res.Failed() {
						failed++
						if failed == 1 {
							b.Errorf("%s: %s", res.Fixture.Name, engine.FormatFailure(res, false))
						}
					}
				})
			}
			perFixture := time.Since(start).Seconds() * 1000 / float64(b.N*n)
			b.ReportMetric(perFixture, "ms/fixture")
			b.ReportMetric(1000/perFixture, "fixtures/s")
		})
	}
	b.Run("floor/hand-written-pgx", func(b *testing.B) {
		benchFloor(b, srv, ws.Fixtures[:n])
	})
}

// benchFloor is the hand-written baseline: the table exists already; per
// fixture, begin, one multi-row insert, the select, rollback — each its own
// round trip, as a careful engineer would write it with pgx.
// floor prepares the hand-written baseline: the table exists already; per
// fixture, begin, one multi-row insert, the select, rollback — each its own
// round trip, as a careful engineer would write it with pgx. The returned
// func runs every fixture once; cleanup drops the schema.
func floor(b *testing.B, srv *postgres.Server, fixtures []*workspace.Fixture) (run func(), cleanup func()) {
	ctx := context.Background()
	conn, err := srv.Connect(ctx)
	if err != nil {
		b.Fatal(err)
	}
	schema := "floor_" + fmt.Sprint(time.Now().UnixNano())
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema+"; SET search_path TO "+schema+"; "+enginetest.SeedSchema); err != nil {
		b.Fatal(err)
	}
	inserts := make([]string, len(fixtures))
	for i, f := range fixtures {
		sql := "INSERT INTO events (event_id, event_ts, user_id, browser_id) VALUES "
		for r, row := range f.Given[0].Rows {
			if r > 0 {
				sql += ", "
			}
			user := "NULL"
			if c, _ := row.Get("user_id"); c.Value != nil {
				user = workspace.QuoteLiteral(c.Value.(string))
			}
			browser, _ := row.Get("browser_id")
			sql += fmt.Sprintf("('e%d', '2024-01-01', %s, %s)", r, user, workspace.QuoteLiteral(browser.Value.(string)))
		}
		inserts[i] = sql
	}
	run = func() {
		for _, ins := range inserts {
			tx, err := conn.Begin(ctx)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := tx.Exec(ctx, ins); err != nil {
				b.Fatal(err)
			}
			rows, err := tx.Query(ctx, enginetest.SeedQuery)
			if err != nil {
				b.Fatal(err)
			}
			for rows.Next() {
			}
			rows.Close()
			tx.Rollback(ctx)
		}
	}
	cleanup = func() {
		conn.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE")
		conn.Close(ctx)
	}
	return run, cleanup
}

func benchFloor(b *testing.B, srv *postgres.Server, fixtures []*workspace.Fixture) {
	run, cleanup := floor(b, srv, fixtures)
	defer cleanup()
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		run()
	}
	perFixture := time.Since(start).Seconds() * 1000 / float64(b.N*len(fixtures))
	b.ReportMetric(perFixture, "ms/fixture")
	b.ReportMetric(1000/perFixture, "fixtures/s")
}

// BenchmarkFixturesVsFloor alternates jig at --parallel 1 and the floor,
// 1,000 fixtures each per iteration, so machine load hits both alike, and
// reports both and their ratio (target: jig within 1.5x of the floor).
func BenchmarkFixturesVsFloor(b *testing.B) {
	const n = 1000
	ws, err := workspace.Load(enginetest.SeedWorkspace(b, n))
	if err != nil {
		b.Fatal(err)
	}
	srv := enginetest.Server(b)
	r, err := engine.NewRunner(context.Background(), srv, ws, engine.RunnerOptions{Parallel: 1})
	if err != nil {
		b.Fatal(err)
	}
	defer r.Close()
	runFloor, cleanup := floor(b, srv, ws.Fixtures)
	defer cleanup()
	var jigTime, floorTime time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		r.Run(context.Background(), ws.Fixtures, func(res *engine.FixtureResult) {
			if res.Failed() {
				b.Errorf("%s failed", res.Fixture.Name)
			}
		})
		t1 := time.Now()
		runFloor()
		jigTime, floorTime = jigTime+t1.Sub(t0), floorTime+time.Since(t1)
	}
	per := func(d time.Duration) float64 { return d.Seconds() * 1000 / float64(b.N*n) }
	b.ReportMetric(per(jigTime), "jig-ms/fixture")
	b.ReportMetric(per(floorTime), "floor-ms/fixture")
	b.ReportMetric(per(jigTime)/per(floorTime), "x-floor")
}
