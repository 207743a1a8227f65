package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// BenchmarkFileChangeToScreen is a query file written on disk until the
// new result is on screen: the watcher's debounce, loading the workspace,
// re-applying the schema, planning and running (budget: 300 ms).
func BenchmarkFileChangeToScreen(b *testing.B) {
	d := readyTestDriver(b, nil, "browser_users")
	path := filepath.Join(d.m.ws.Dir, "queries", "browser_users.sql")
	var times []time.Duration
	i := 0
	for b.Loop() {
		i++
		want := fmt.Sprintf("v%d", i)
		sql := fmt.Sprintf("SELECT 1 AS %s, e.user_id FROM events AS e\n", want)
		start := time.Now()
		if err := os.WriteFile(path, []byte(sql), 0o644); err != nil {
			b.Fatal(err)
		}
		d.until(b, func() bool {
			return d.settled() && d.m.live.Result != nil && len(d.m.live.Result.Columns) == 2 &&
				d.m.live.Result.Columns[0].Name == want && strings.Contains(d.m.query.q.SQL, want)
		})
		times = append(times, time.Since(start))
	}
	b.ReportMetric(median(times), "ms/change-median")
}
