package main

import (
	"fmt"
	"io"
)

// run is the whole CLI: it parses args, wires the pieces and returns the exit
// code, so tests drive it without a process.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "jig: not built yet")
	return 2
}
