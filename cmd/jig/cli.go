package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime/debug"

	"charm.land/fang/v2"
	"github.com/spf13/cobra"

	"github.com/jig-sql/jig/engine/postgres"
	"github.com/jig-sql/jig/tui"
	"github.com/jig-sql/jig/workspace/diag"
)

// Exit codes, as DESIGN.md fixes them.
const (
	exitOK    = 0 // all passed
	exitFail  = 1 // a test or check failed
	exitUsage = 2 // bad usage or workspace files
	exitDB    = 3 // the database could not be started or reached
	// exitInterrupted is the shell's code for a process ended by SIGINT
	// (128+2): a run cut short by Ctrl-C or SIGTERM neither passed nor failed.
	exitInterrupted = 130
)

// cli carries the process's streams and context to every command.
type cli struct {
	ctx    context.Context
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	code   int // the command's exit code, see runE
	// target is the command the arguments name, for the hint under a
	// usage error that cobra raises without saying which command it was.
	target *cobra.Command
	// jsonProblems prints a workspace that does not load as JSON on
	// stdout too (jig test --json).
	jsonProblems bool
	flushes      []func() // of cobraOut's writers, when run ends
}

// run is the whole CLI: it parses args, wires the pieces and returns the exit
// code, so tests drive it without a process.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	sigs := watchSignals(stdout, stderr)
	defer sigs.stop()
	ctx := sigs.ctx
	stdout, stderr = quiet{stdout, sigs}, quiet{stderr, sigs}
	c := &cli{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr}
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "jig: internal error: %v\n%s\nPlease report this at %s with the command you ran.\n", r, debug.Stack(), tui.ReportURL)
			code = exitUsage
		}
	}()
	root := newRootCmd(c)
	args = singleDashLongFlags(root, args)
	root.SetArgs(args)
	c.target = root
	if cmd, _, err := root.Find(args); err == nil {
		c.target = cmd
	}
	err := fang.Execute(ctx, root, fang.WithVersion(version()), fang.WithoutManpage(),
		fang.WithErrorHandler(c.printError))
	for _, flush := range c.flushes {
		flush()
	}
	code = c.code
	if err != nil {
		code = exitUsage // cobra rejected the command line; printError said why
	}
	if sigs.brokenPipe() {
		return exitBrokenPipe // the reader left: nothing to say, nobody to say it to
	}
	if code != exitOK && code != exitInterrupted && ctx.Err() != nil {
		// Whatever failed did so because the user stopped it: say that,
		// not "failed" (serve exits 0 on Ctrl-C by design).
		fmt.Fprintln(stderr, "jig: interrupted")
		return exitInterrupted
	}
	return code
}

// body is a command's work: it prints its own output and errors and
// returns the exit code.
type body func(cmd *cobra.Command, args []string) int

// runE adapts a body to cobra. The code is kept aside rather than
// returned as an error: cobra has nothing to add to a command's own
// messages, and fang would style an error (querying the terminal's
// background first) for every failed test run.
func (c *cli) runE(b body) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		c.code = b(cmd, args)
		return nil
	}
}

// fail prints err and returns the exit code its kind calls for.
func (c *cli) fail(err error) int {
	if c.stopped() {
		return exitDB // a signal's doing: run says "interrupted"
	}
	fmt.Fprintln(c.stderr, "jig: "+redact(err.Error()))
	var se *postgres.StartError
	var wse diag.Errors
	var de *postgres.DSNError
	switch {
	case errors.As(err, &de):
		return exitUsage // a DSN that does not parse is bad usage
	case errors.As(err, &se):
		return exitDB
	case errors.As(err, &wse):
		return exitUsage
	}
	return exitDB
}

// redact masks any DSN password that an error message might quote.
func redact(s string) string { return postgres.RedactSecrets(s) }

// version is jig's module version, "(devel)" in a source build.
func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}
