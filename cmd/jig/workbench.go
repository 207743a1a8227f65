package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/engine/postgres"
	"github.com/jig-sql/jig/tui"
	"github.com/jig-sql/jig/workspace/diag"
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
	start := func(ctx context.Context, progress postgres.ProgressFunc) (*postgres.Server, error) {
		o := serverOptions(ws, wf.dsn)
		o.Progress = progress
		return postgres.Start(ctx, o)
	}
	err := tui.Run(c.ctx, ws, tui.Options{Start: start, Dark: true})
	if err == nil {
		return exitOK
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
