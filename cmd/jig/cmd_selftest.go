package main

import (
	"github.com/jig-sql/jig/checks"
	"github.com/jig-sql/jig/workspace"
)

// runSelfTest proves each configured check can fail (jig check --self-test).
func runSelfTest(c *cli, ws *workspace.Workspace, cfg []checks.Configured) int {
	return notYet(c, "check --self-test")
}
