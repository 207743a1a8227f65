package main

import (
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/workspace"
)

// testFlags are jig test's flags.
type testFlags struct {
	wsFlags
	parallel int
	junit    string
	json     bool
	run      string
	shard    string
	update   bool
}

func runTest(c *cli, args []string) int {
	fs := c.flags("test", "[PATTERN...]", "Run the workspace's fixtures headless. A PATTERN is a fixture name (query/file), a query name, or a glob such as 'net_revenue/*'.")
	var tf testFlags
	tf.register(fs, true)
	fs.IntVar(&tf.parallel, "parallel", 0, "fixtures run at once (default: the number of CPUs)")
	fs.StringVar(&tf.junit, "junit", "", "also write a JUnit XML report to `FILE`")
	fs.BoolVar(&tf.json, "json", false, "print one JSON object per fixture instead of text")
	fs.StringVar(&tf.run, "run", "", "only fixtures whose name matches `REGEX`")
	fs.StringVar(&tf.shard, "shard", "", "run shard `K/N` of a stable split (for CI matrices)")
	fs.BoolVar(&tf.update, "update", false, "rewrite failing fixtures' expected rows from the actual result")
	patterns, code := parse(fs, args)
	if code >= 0 {
		return code
	}
	ws, srv, code := c.loadAndStart(tf.dir, tf.dsn)
	if ws == nil {
		return code
	}
	defer srv.Stop()
	fixtures, err := selectFixtures(ws.Fixtures, patterns, tf.run, tf.shard)
	if err != nil {
		fmt.Fprintln(c.stderr, "jig: "+err.Error())
		return exitUsage
	}
	if len(fixtures) == 0 {
		fmt.Fprintln(c.stderr, "jig: "+noFixtures(ws, patterns))
		return exitUsage
	}
	runner, err := engine.NewRunner(c.ctx, srv, ws, engine.RunnerOptions{Parallel: tf.parallel})
	if err != nil {
		return c.setupFailed(err)
	}
	defer runner.Close()
	return c.report(runner, ws, fixtures, &tf)
}

// setupFailed reports an error preparing the workspace (schema or checks).
func (c *cli) setupFailed(err error) int {
	if c.stopped() {
		return exitDB // a signal's doing: run says "interrupted"
	}
	var se *engine.SQLError
	var we workspace.Errors
	var st *engine.StartError
	switch {
	case errors.As(err, &se), errors.As(err, &we):
		fmt.Fprintln(c.stderr, err)
		return exitUsage
	case errors.As(err, &st):
		return c.fail(err)
	}
	fmt.Fprintln(c.stderr, "jig: "+redact(err.Error()))
	return exitDB
}

// report runs the fixtures and prints results in fixture order as they
// complete, then the summary.
func (c *cli) report(runner *engine.Runner, ws *workspace.Workspace, fixtures []*workspace.Fixture, tf *testFlags) int {
	start := time.Now()
	results := make([]*engine.FixtureResult, len(fixtures))
	index := map[*workspace.Fixture]int{}
	for i, f := range fixtures {
		index[f] = i
	}
	printed := 0
	color := useColor(c.stdout)
	runner.Run(c.ctx, fixtures, func(r *engine.FixtureResult) {
		if c.ctx.Err() != nil {
			return // interrupted: a cancelled fixture neither passed nor failed
		}
		results[index[r.Fixture]] = r
		for printed < len(results) && results[printed] != nil {
			if tf.json {
				writeJSONResult(c.stdout, results[printed])
			} else {
				writeTextResult(c.stdout, results[printed], color)
			}
			printed++
		}
	})
	if c.ctx.Err() != nil {
		fmt.Fprintf(c.stderr, "jig: interrupted after %d of %d fixtures; nothing was updated or written\n", printed, len(fixtures))
		return exitInterrupted
	}
	if tf.update {
		c.update(ws, results)
	}
	sum := summarize(results)
	if !tf.json {
		fmt.Fprintf(c.stdout, "\n%s (%s)\n", sum, time.Since(start).Round(time.Millisecond))
	}
	if tf.junit != "" {
		if err := writeJUnit(tf.junit, results, time.Since(start)); err != nil {
			fmt.Fprintln(c.stderr, "jig: writing JUnit report: "+err.Error())
			return exitUsage
		}
	}
	return sum.exitCode()
}

type summary struct{ total, passed, failed, errored, dbDown int }

func summarize(results []*engine.FixtureResult) summary {
	var s summary
	for _, r := range results {
		if r == nil {
			continue
		}
		s.total++
		switch {
		case r.Status == engine.StatusPass:
			s.passed++
		case r.Status == engine.StatusError && isDBError(r.Err):
			s.dbDown++
		case r.Status == engine.StatusError:
			s.errored++
		default:
			s.failed++
		}
	}
	return s
}

func isDBError(err error) bool {
	var st *engine.StartError
	return errors.As(err, &st)
}

func (s summary) String() string {
	out := fmt.Sprintf("%d fixtures: %d passed, %d failed", s.total, s.passed, s.failed)
	if s.errored > 0 {
		out += fmt.Sprintf(", %d invalid", s.errored)
	}
	if s.dbDown > 0 {
		out += fmt.Sprintf(", %d not run (database unavailable)", s.dbDown)
	}
	return out
}

func (s summary) exitCode() int {
	switch {
	case s.dbDown > 0:
		return exitDB
	case s.errored > 0:
		return exitUsage
	case s.failed > 0:
		return exitFail
	}
	return exitOK
}

// writeTextResult prints one fixture's line, and on failure its diff and
// failing checks.
func writeTextResult(w io.Writer, r *engine.FixtureResult, color bool) {
	status := map[engine.Status]string{engine.StatusPass: "PASS", engine.StatusFail: "FAIL", engine.StatusError: "ERROR"}[r.Status]
	if color {
		status = map[engine.Status]string{engine.StatusPass: "\033[32mPASS\033[0m", engine.StatusFail: "\033[31mFAIL\033[0m", engine.StatusError: "\033[31mERROR\033[0m"}[r.Status]
	}
	fmt.Fprintf(w, "%s %s (%s)\n", status, r.Fixture.Name, fmtDuration(r.Took))
	if r.Status == engine.StatusPass {
		return
	}
	fmt.Fprint(w, indent(engine.FormatFailure(r, color), "    "))
}

func fmtDuration(d time.Duration) string {
	if d < time.Millisecond {
		return fmt.Sprintf("%dµs", d.Microseconds())
	}
	return fmt.Sprintf("%.1fms", float64(d.Microseconds())/1000)
}

func indent(s, prefix string) string {
	if s == "" {
		return ""
	}
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		lines[i] = prefix + l
	}
	return strings.Join(lines, "\n") + "\n"
}

// selectFixtures applies patterns, --run and --shard.
func selectFixtures(all []*workspace.Fixture, patterns []string, run, shard string) ([]*workspace.Fixture, error) {
	var re *regexp.Regexp
	if run != "" {
		var err error
		if re, err = regexp.Compile(run); err != nil {
			return nil, fmt.Errorf("--run: %v", err)
		}
	}
	k, n, err := parseShard(shard)
	if err != nil {
		return nil, err
	}
	var out []*workspace.Fixture
	for _, f := range all {
		if !matchesAny(f.Name, patterns) || (re != nil && !re.MatchString(f.Name)) {
			continue
		}
		if n > 1 {
			h := fnv.New32a()
			h.Write([]byte(f.Name))
			if int(h.Sum32()%uint32(n)) != k-1 {
				continue
			}
		}
		out = append(out, f)
	}
	return out, nil
}

func matchesAny(name string, patterns []string) bool {
	if len(patterns) == 0 {
		return true
	}
	for _, p := range patterns {
		p = strings.TrimSuffix(strings.TrimPrefix(filepath.ToSlash(p), "fixtures/"), ".yaml")
		if ok, _ := path.Match(p, name); ok || name == p || strings.HasPrefix(name, p+"/") {
			return true
		}
	}
	return false
}

func parseShard(s string) (k, n int, err error) {
	if s == "" {
		return 1, 1, nil
	}
	a, b, ok := strings.Cut(s, "/")
	k, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || k < 1 || k > n {
		return 0, 0, fmt.Errorf("--shard %q: want K/N with 1 <= K <= N, e.g. 2/4", s)
	}
	return k, n, nil
}

// update rewrites failing fixtures' expected rows from their actual result,
// keeping the rest of each file byte for byte.
func (c *cli) update(ws *workspace.Workspace, results []*engine.FixtureResult) {
	for _, r := range results {
		if r == nil || r.Result == nil || r.Comparison == nil || r.Comparison.OK() {
			continue
		}
		p := filepath.Join(ws.Dir, filepath.FromSlash(r.Fixture.Path))
		src, err := os.ReadFile(p)
		if err == nil {
			var out []byte
			out, err = workspace.UpdateExpectedRows(src, engine.ExpectedRows(r.Result))
			if err == nil {
				err = workspace.WriteFileAtomic(p, out, 0o644)
			}
		}
		if err != nil {
			fmt.Fprintf(c.stderr, "jig: updating %s: %v\n", r.Fixture.Path, err)
			continue
		}
		fmt.Fprintf(c.stdout, "updated %s\n", r.Fixture.Path)
	}
}

// noFixtures says why nothing was selected, and what to do.
func noFixtures(ws *workspace.Workspace, patterns []string) string {
	if len(ws.Fixtures) == 0 {
		return fmt.Sprintf("no fixtures in %s: build one in the workbench (jig -w %s), or try jig demo", filepath.Join(ws.Dir, ws.Config.Fixtures), ws.Dir)
	}
	names := make([]string, 0, len(ws.Fixtures))
	for _, f := range ws.Fixtures {
		names = append(names, f.Name)
	}
	msg := fmt.Sprintf("no fixtures match %s (there are %d, e.g. %s)", strings.Join(patterns, " "), len(names), names[0])
	if len(patterns) == 1 {
		if n := workspace.Nearest(patterns[0], names); n != "" {
			msg += fmt.Sprintf("; did you mean %q?", n)
		}
	}
	return msg
}
