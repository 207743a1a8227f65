package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/engine/postgres"
	"github.com/jig-sql/jig/tui"
	"github.com/jig-sql/jig/workspace/diag"
)

// newWorkbenchCmd is the root command: `jig [--workspace DIR]` opens the
// workbench.
func newWorkbenchCmd(c *cli) *cobra.Command {
	var wf wsFlags
	cmd := &cobra.Command{
		Use:   "jig",
		Short: "unit-test SQL on a local Postgres; alone, opens the workbench",
		Long: "jig — unit-test SQL on a local Postgres.\n\n" +
			"Alone, jig opens the workbench on the workspace in --workspace DIR (default .).\n" +
			"Exit codes: 0 passed, 1 a test or check failed, 2 bad usage or workspace files, 3 database unavailable, 130 interrupted (Ctrl-C; jig serve, which runs until then, exits 0).",
		Example: "jig -w jig-demo",
		Args:    unknownCommand,
		RunE: c.runE(func(cmd *cobra.Command, _ []string) int {
			return runWorkbench(c, &wf)
		}),
	}
	wf.register(cmd, true)
	return cmd
}

// runWorkbench opens the TUI. The workbench starts Postgres itself, in the
// background, and stops it however it ends; the errors it returns are
// printed here, after the terminal is restored.
func runWorkbench(c *cli, wf *wsFlags) int {
	ws, code := c.load(wf.dir)
	if ws == nil {
		return code
	}
	if code, ok := c.needTerminal(); !ok {
		return code
	}
	start := func(ctx context.Context, progress postgres.ProgressFunc) (*postgres.Server, error) {
		o := serverOptions(ws, wf.dsn)
		o.Progress = progress
		o.Interrupt = c.ctx
		return postgres.Start(ctx, o)
	}
	err := tui.Run(c.ctx, ws, tui.Options{Start: start, Dark: true})
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, tui.ErrInterrupted) || c.stopped():
		fmt.Fprintln(c.stderr, "jig: interrupted")
		return exitInterrupted
	}
	return workbenchFailed(c, err)
}

// workbenchFailed prints why the workbench ended and picks the exit code:
// 2 for workspace files (schema, checks), 3 for the database.
func workbenchFailed(c *cli, err error) int {
	var crash *tui.CrashError
	var se *engine.SQLError
	var we diag.Errors
	switch {
	case errors.As(err, &crash):
		fmt.Fprintln(c.stderr, "jig: "+err.Error())
		return exitUsage
	case errors.As(err, &se), errors.As(err, &we):
		fmt.Fprintln(c.stderr, err)
		return exitUsage
	}
	return c.fail(err)
}

// needTerminal refuses to open the workbench when its input or its output
// is not a terminal (a pipe, a file, a CI job): bubbletea would fail with a
// raw "could not open TTY", or draw into a log.
func (c *cli) needTerminal() (int, bool) {
	var what string
	switch {
	case !isTerminal(c.stdin):
		what = "input"
	case !isTerminal(c.stdout):
		what = "output"
	default:
		return exitOK, true
	}
	fmt.Fprintf(c.stderr, "jig: the workbench needs a terminal; use jig test/run/check for scripts (its %s is a pipe or a file)\n", what)
	return exitUsage, false
}
