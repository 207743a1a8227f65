package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// BenchmarkDbtUnitTests runs `jig test` on a dbt project as a whole process
// (the built binary: load and render the project, start Postgres from a warm
// cache, create the workers, run every unit test, stop), the figure to set
// beside dbt's ~260 ms per unit test on Postgres. jaffle6 is
// testdata/projects/jaffle_shop as it is (6 unit tests); jaffle100 is the
// same project with its unit tests repeated under new names to 100. ms/test
// is the median run's wall time over its tests; min and max bound the runs.
func BenchmarkDbtUnitTests(b *testing.B) {
	bin := buildJig(b)
	for _, bc := range []struct {
		name  string
		tests int
	}{{"jaffle6", 6}, {"jaffle100", 100}} {
		b.Run(bc.name, func(b *testing.B) {
			dir := copyProject(b, jaffleDir)
			if bc.tests > 6 {
				repeatUnitTests(b, dir, bc.tests)
			}
			want := fmt.Sprintf("%d fixtures: %d passed, 0 failed", bc.tests, bc.tests)
			run := func() time.Duration {
				start := time.Now()
				cmd := exec.Command(bin, "test", "-w", dir)
				cmd.Env = append(os.Environ(), "JIG_DSN=", "NO_COLOR=1")
				out, err := cmd.CombinedOutput()
				took := time.Since(start)
				if err != nil || !strings.Contains(string(out), want) {
					b.Fatalf("jig test: %v\n%s", err, out[max(0, len(out)-2000):])
				}
				return took
			}
			run() // warm: the project's cluster exists from here on
			b.ResetTimer()
			var runs []time.Duration
			for i := 0; i < b.N; i++ {
				runs = append(runs, run())
			}
			slices.Sort(runs)
			per := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 / float64(bc.tests) }
			b.ReportMetric(per(runs[len(runs)/2]), "ms/test")
			b.ReportMetric(per(runs[0]), "min-ms/test")
			b.ReportMetric(per(runs[len(runs)-1]), "max-ms/test")
			b.ReportMetric(float64(runs[len(runs)/2].Milliseconds()), "ms/run")
		})
	}
}

// buildJig builds the jig binary into a temporary folder.
func buildJig(b *testing.B) string {
	b.Helper()
	bin := filepath.Join(b.TempDir(), "jig")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// repeatUnitTests writes models/bench.yml: the project's unit tests again,
// in turn, under new names, until the project has n.
func repeatUnitTests(tb testing.TB, dir string, n int) {
	tb.Helper()
	var tests []string
	for _, f := range []string{"models/marts/schema.yml", "models/staging/schema.yml"} {
		data, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			tb.Fatal(err)
		}
		_, section, ok := strings.Cut(string(data), "\nunit_tests:\n")
		if !ok {
			tb.Fatalf("%s has no unit_tests:", f)
		}
		tests = append(tests, strings.Split("\n"+section, "\n  - name: ")[1:]...)
	}
	if len(tests) != 6 {
		tb.Fatalf("found %d unit tests, want jaffle_shop's 6", len(tests))
	}
	var b strings.Builder
	b.WriteString("version: 2\n\nunit_tests:\n")
	for i := 0; i < n-len(tests); i++ {
		t := tests[i%len(tests)]
		name, rest, _ := strings.Cut(t, "\n")
		fmt.Fprintf(&b, "  - name: %s_%03d\n%s\n", name, i, strings.TrimRight(rest, "\n"))
	}
	if err := os.WriteFile(filepath.Join(dir, "models/bench.yml"), []byte(b.String()), 0o644); err != nil {
		tb.Fatal(err)
	}
}
