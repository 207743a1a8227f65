package main

import "fmt"

// runWorkbench opens the TUI (jig [--workspace DIR]).
func runWorkbench(c *cli, args []string) int {
	fmt.Fprintln(c.stderr, "jig: the workbench is coming; try 'jig test' or 'jig serve'")
	return exitOK
}
