package tui

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/jig-sql/jig/engine/enginetest"
	"github.com/jig-sql/jig/tui/grid"
)

// BenchmarkFirstFrame is building the workbench and drawing its first
// frame, before Postgres is up (budget: 50 ms).
func BenchmarkFirstFrame(b *testing.B) {
	ws := demoWorkspace(b, nil)
	start := time.Now()
	for b.Loop() {
		m := New(context.Background(), ws, Options{Start: neverStarts, Autosave: "-"})
		_ = m.View()
		m.Cleanup()
	}
	b.ReportMetric(msPer(time.Since(start), b.N), "ms/frame")
}

// readyDriver is a demo workbench on the package's server, ready.
func readyDriver(tb testing.TB, edits map[string]string) *driver {
	m := New(context.Background(), demoWorkspace(tb, edits), Options{Server: enginetest.Server(tb), Autosave: "-"})
	tb.Cleanup(m.Cleanup)
	d := newDriver(m)
	d.send(tea.WindowSizeMsg{Width: 120, Height: 36})
	d.run(m.Init())
	d.until(tb, func() bool { return m.ready })
	return d
}

// settled is true once the newest edit's run is on screen.
func (d *driver) settled() bool {
	return d.m.live != nil && d.m.liveGen == d.m.gen && !d.m.status.Busy()
}

// BenchmarkEditToScreen is one committed cell edit of the demo fixture
// until its result and checks are on screen (budget: 50 ms median).
func BenchmarkEditToScreen(b *testing.B) {
	d := readyDriver(b, nil)
	d.send(openFixtureMsg{"browser_users/null_user_is_excluded"})
	d.until(b, d.settled)
	col := slices.IndexFunc(d.m.input.src.cols, func(c grid.Column) bool { return c.Name == "duration_ms" })
	var times []time.Duration
	i := 0
	for b.Loop() {
		start := time.Now()
		i++
		gen := d.m.gen
		d.send(grid.EditedMsg{ID: "input", Row: 0, Col: col, Text: strconv.Itoa(i)})
		d.until(b, func() bool { return d.m.gen > gen && d.settled() })
		if !strings.Contains(d.m.render(), "pass") {
			b.Fatal("checks not on screen")
		}
		times = append(times, time.Since(start))
	}
	b.ReportMetric(median(times), "ms/edit-median")
}

// BenchmarkFrameLarge draws a frame with a 10,000-row input grid and a
// 1,000,000-row result open (budget: 16 ms a frame, 150 MB resident).
func BenchmarkFrameLarge(b *testing.B) {
	d := readyDriver(b, map[string]string{
		"queries/big.sql": "SELECT g, md5(g::text) FROM generate_series(1,1000000) g\n",
	})
	d.send(selectQueryMsg{"big"})
	events := d.m.sess.Table("events")
	for i := range 10_000 {
		row := InputRow{}
		if i%3 == 0 {
			row["browser"] = InputCell{Value: "chrome", Text: "chrome"}
		}
		events.Rows = append(events.Rows, row)
	}
	d.send(sessionChangedMsg{})
	d.until(b, func() bool { return d.settled() && d.m.live.Total == 1_000_000 && d.m.input.ds != nil })
	d.m.input.SelectTable("events")
	d.m.input.grid.SetCursor(5_000, 2)
	d.m.setFocus(ScopeResult)
	d.m.result.grid.SetCursor(500_000, 1)
	d.send(pagesWantedMsg{})
	d.until(b, func() bool { return !strings.Contains(d.m.render(), "│ …") })
	frame := d.m.render()
	if !strings.Contains(frame, "500001") || !strings.Contains(frame, "1000000 rows") {
		b.Fatalf("frame does not show the middle of the result:\n%s", frame)
	}
	start := time.Now()
	for b.Loop() {
		_ = d.m.View()
	}
	b.ReportMetric(msPer(time.Since(start), b.N), "ms/frame")
	b.ReportMetric(rssMB(b), "MB-rss")
}

func msPer(d time.Duration, n int) float64 { return float64(d.Nanoseconds()) / 1e6 / float64(n) }

func median(ds []time.Duration) float64 {
	if len(ds) == 0 {
		return 0
	}
	slices.Sort(ds)
	return float64(ds[len(ds)/2].Nanoseconds()) / 1e6
}

// rssMB is the process's resident set (VmRSS), in MB.
func rssMB(b *testing.B) float64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		b.Skip("no /proc/self/status")
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			var kb float64
			fmt.Sscan(strings.TrimSuffix(strings.TrimSpace(v), " kB"), &kb)
			return kb / 1024
		}
	}
	return 0
}
