package main

import (
	"fmt"

	"github.com/jig-sql/jig/checks"
	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/workspace"
)

func decodeChecks(ws *workspace.Workspace) ([]*checks.File, error) { return engine.DecodeChecks(ws) }

func runWorkbench(c *cli, args []string) int {
	fmt.Fprintln(c.stderr, "jig: the workbench is coming; try 'jig test' or 'jig serve'")
	return exitOK
}

func runRows(c *cli, args []string) int  { return runWorkbench(c, args) }
func runRun(c *cli, args []string) int   { return runWorkbench(c, args) }
func runCheck(c *cli, args []string) int { return runWorkbench(c, args) }
