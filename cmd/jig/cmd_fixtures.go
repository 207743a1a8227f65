package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/engine/postgres"
	"github.com/jig-sql/jig/workspace"
	"github.com/jig-sql/jig/workspace/diag"
)

// testFlags are jig test's flags.
type testFlags struct {
	wsFlags
	out      outFlags
	parallel int
	junit    string
	run      string
	shard    string
	update   bool
}

func newTestCmd(c *cli) *cobra.Command {
	var tf testFlags
	cmd := &cobra.Command{
		Use:   "test [PATTERN...]",
		Short: "run fixtures headless; JUnit, JSON, shards and --update for CI",
		Long: "Run the workspace's fixtures headless. A PATTERN is a fixture name (query/file), a query name, " +
			"or a glob such as 'net_revenue/*'.",
		Example:           "jig test -w jig-demo 'browser_users/*'",
		GroupID:           "fixtures",
		ValidArgsFunction: completeFixtures,
		RunE: c.runE(func(_ *cobra.Command, patterns []string) int {
			return runTest(c, &tf, patterns)
		}),
	}
	tf.register(cmd, true)
	f := cmd.Flags()
	f.IntVar(&tf.parallel, "parallel", 0, "`N` fixtures run at once (default: the number of CPUs)")
	f.StringVar(&tf.junit, "junit", "", "also write a JUnit XML report to `FILE`")
	f.StringVar(&tf.run, "run", "", "only fixtures whose name matches `REGEX`")
	f.StringVar(&tf.shard, "shard", "", "run shard `K/N` of a stable split (for CI matrices)")
	f.BoolVar(&tf.update, "update", false, "rewrite failing fixtures' expected rows from the actual result")
	for _, name := range []string{"parallel", "run", "shard"} {
		cmd.RegisterFlagCompletionFunc(name, cobra.NoFileCompletions)
	}
	cmd.RegisterFlagCompletionFunc("junit", completeFileExt("xml"))
	tf.out.register(cmd, false, "one object per fixture, in fixture order: "+shapeOf(jsonResult{})+
		"; when the workspace does not load, one object per problem instead: "+shapeOf(jsonProblem{}))
	return cmd
}

func runTest(c *cli, tf *testFlags, patterns []string) int {
	c.jsonProblems = tf.out.json
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
	return c.report(runner, ws, fixtures, tf)
}

// setupFailed reports an error preparing the workspace (schema or checks).
func (c *cli) setupFailed(err error) int {
	if c.stopped() {
		return exitDB // a signal's doing: run says "interrupted"
	}
	var se *engine.SQLError
	var we diag.Errors
	var st *postgres.StartError
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
			if tf.out.json {
				writeJSONResult(c.stdout, results[printed])
			} else {
				writeTextResult(c.stdout, results[printed], color)
			}
			printed++
		}
	})
	if c.ctx.Err() != nil {
		fmt.Fprintf(c.stderr, "jig: interrupted after %d of %s; nothing was updated or written\n", printed, diag.Plural(int64(len(fixtures)), "fixture"))
		return exitInterrupted
	}
	if tf.update {
		c.update(ws, results)
	}
	sum := summarize(results)
	if !tf.out.json {
		fmt.Fprintf(c.stdout, "\n%s (%s)\n", sum, time.Since(start).Round(time.Millisecond))
	}
	if tf.junit != "" {
		if err := writeJUnit(tf.junit, "jig", fixtureCases(results), time.Since(start)); err != nil {
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
	var st *postgres.StartError
	return errors.As(err, &st)
}

func (s summary) String() string {
	out := fmt.Sprintf("%s: %d passed, %d failed", diag.Plural(int64(s.total), "fixture"), s.passed, s.failed)
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

// update rewrites failing fixtures' expected rows from their actual result
// with the workbench's in-place editor: comments, key order, number
// spellings and every row that did not change are kept byte for byte.
func (c *cli) update(ws *workspace.Workspace, results []*engine.FixtureResult) {
	for _, r := range results {
		if r == nil || r.Result == nil || r.Comparison == nil || r.Comparison.OK() {
			continue
		}
		p := filepath.Join(ws.Dir, filepath.FromSlash(r.Fixture.Path))
		src, err := os.ReadFile(p)
		if err == nil {
			var out []byte
			out, err = updatedFixture(r.Fixture.Path, src, engine.ExpectedRows(r.Result))
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

// updatedFixture is src, a fixture file, with its expected rows made rows.
func updatedFixture(path string, src []byte, rows []workspace.Row) ([]byte, error) {
	fx, err := workspace.ParseFixture(path, src)
	if err != nil {
		return nil, err
	}
	fx.Expect.Rows = rows
	return workspace.UpdateFixture(src, fx)
}
