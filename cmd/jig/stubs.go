package main

import (
	"fmt"

	"github.com/jig-sql/jig/checks"
	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/workspace"
)

func decodeChecks(ws *workspace.Workspace) ([]*checks.File, error) { return engine.DecodeChecks(ws) }

func notYet(c *cli, name string) int {
	fmt.Fprintf(c.stderr, "jig: %s is not built yet\n", name)
	return exitUsage
}
