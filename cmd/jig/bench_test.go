package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/jig-sql/jig/engine/enginetest"
)

// BenchmarkJigTestProcess runs `jig test` on 1,000 small fixtures as a
// whole process — start Postgres (cache warm), apply the schema, run every
// fixture, stop — the figure a CI job sees.
func BenchmarkJigTestProcess(b *testing.B) {
	bin := filepath.Join(b.TempDir(), "jig")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	dir := enginetest.SeedWorkspace(b, 1000)
	run := func() {
		cmd := exec.Command(bin, "test", "-w", dir)
		cmd.Env = append(os.Environ(), "JIG_DSN=")
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("jig test: %v\n%s", err, out[max(0, len(out)-2000):])
		}
	}
	run() // warm: the workspace's cluster exists from here on
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		run()
	}
	b.ReportMetric(time.Since(start).Seconds()/float64(b.N), "s/run")
}
