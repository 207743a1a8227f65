package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/tui"
	"github.com/jig-sql/jig/workspace"
)

// runWorkbench opens the TUI (jig [--workspace DIR]). The workbench starts
// Postgres itself, in the background, and stops it however it ends; the
// errors it returns are printed here, after the terminal is restored.
func runWorkbench(c *cli, args []string) int {
	fs := c.flags("", "[--workspace DIR]", "Open the workbench on a workspace.")
	var wf wsFlags
	wf.register(fs, true)
	ws, _, code := c.workspaceArgs(fs, &wf, args, nil)
	if ws == nil {
		return code
	}
	if !isTerminal(c.stdout) {
		fmt.Fprintln(c.stderr, "jig: the workbench needs a terminal, and the output is not one (a pipe or a file)\n  hint: for scripts, use jig test, jig run QUERY or jig check")
		return exitUsage
	}
	start := func(ctx context.Context, progress engine.ProgressFunc) (*engine.Server, error) {
		o := serverOptions(ws, wf.dsn)
		o.Progress = progress
		o.Interrupt = c.ctx
		return engine.Start(ctx, o)
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
	var we workspace.Errors
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
