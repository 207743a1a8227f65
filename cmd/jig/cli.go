package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime/debug"
	"sort"
	"strings"

	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/workspace"
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
}

// command is one subcommand: its flags are declared in run.
type command struct {
	name    string
	args    string // usage after the name
	summary string
	run     func(c *cli, args []string) int
}

var commands []command

func init() {
	commands = []command{
		{"init", "[DIR] [--demo]", "create a workspace; --demo writes the demo workspace", runInit},
		{"demo", "[DIR]", "write the demo workspace (default ./jig-demo) and open it", runDemo},
		{"rows", "TABLE [-n N]", "print N factory rows for a table (--json, --csv, --seed S)", runRows},
		{"run", "QUERY [--fixture F]", "run a query on the workspace schema and print the result", runRun},
		{"explain", "QUERY", "the local plan plus advice on columns, dist and sort keys", runExplain},
		{"test", "[PATTERN...]", "run fixtures headless (--junit FILE, --json, --parallel N, --shard K/N, --update)", runTest},
		{"check", "[TARGET...]", "run checks; --dsn runs them read-only against a live database", runCheck},
		{"promote", "--from S --to T", "move staging rows into a table only if its checks pass (--dsn)", runPromote},
		{"pull", "--dsn DSN TABLE...", "write schema/*.sql from a live Postgres or Redshift catalog", runPull},
		{"validate", "", "read every workspace file, report every error, run nothing", runValidate},
		{"serve", "", "start Postgres with the workspace schema and print its DSN", runServe},
		{"version", "", "print jig's version", runVersion},
	}
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
			fmt.Fprintf(stderr, "jig: internal error: %v\n%s\nPlease report this at https://github.com/jig-sql/jig/issues with the command you ran.\n", r, debug.Stack())
			code = exitUsage
		}
	}()
	if len(args) == 0 {
		return runWorkbench(c, args)
	}
	switch args[0] {
	case "-h", "--help", "help":
		c.usage(stdout)
		return exitOK
	case "--version":
		return runVersion(c, nil)
	}
	if strings.HasPrefix(args[0], "-") {
		return runWorkbench(c, args) // jig --workspace DIR
	}
	for _, cmd := range commands {
		if cmd.name == args[0] {
			code := cmd.run(c, args[1:])
			if sigs.brokenPipe() {
				return exitBrokenPipe // the reader left: nothing to say, nobody to say it to
			}
			if code != exitOK && code != exitInterrupted && ctx.Err() != nil {
				// Whatever failed did so because the user stopped it: say
				// that, not "failed" (serve exits 0 on Ctrl-C by design).
				fmt.Fprintln(stderr, "jig: interrupted")
				return exitInterrupted
			}
			return code
		}
	}
	names := make([]string, len(commands))
	for i, cmd := range commands {
		names[i] = cmd.name
	}
	msg := fmt.Sprintf("jig: unknown command %q", args[0])
	if n := workspace.Nearest(args[0], names); n != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", n)
	}
	fmt.Fprintln(stderr, msg+"\nRun 'jig --help' for the list of commands.")
	return exitUsage
}

func (c *cli) usage(w io.Writer) {
	fmt.Fprintln(w, "jig — unit-test SQL on a local Postgres\n\nUsage:\n  jig [--workspace DIR]          open the workbench")
	for _, cmd := range commands {
		fmt.Fprintf(w, "  jig %-26s %s\n", cmd.name+" "+cmd.args, cmd.summary)
	}
	fmt.Fprintln(w, "\nRun 'jig COMMAND --help' for a command's flags.\nExit codes: 0 passed, 1 a test or check failed, 2 bad usage or workspace files, 3 database unavailable.")
}

// flags makes a FlagSet whose errors and help go to stderr/stdout properly.
func (c *cli) flags(name, args, summary string) *flag.FlagSet {
	fs := flag.NewFlagSet("jig "+name, flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	fs.Usage = func() {
		fmt.Fprintf(c.stderr, "Usage: jig %s %s\n\n%s\n\nFlags:\n", name, args, summary)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags anywhere among the arguments (Go's flag package stops
// at the first positional one) and returns the positionals.
func parse(fs *flag.FlagSet, args []string) ([]string, int) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, exitOK
			}
			return nil, exitUsage
		}
		if fs.NArg() == 0 {
			return pos, -1
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// fail prints err and returns the exit code its kind calls for.
func (c *cli) fail(err error) int {
	if c.stopped() {
		return exitDB // a signal's doing: run says "interrupted"
	}
	fmt.Fprintln(c.stderr, "jig: "+redact(err.Error()))
	var se *engine.StartError
	var wse workspace.Errors
	switch {
	case errors.As(err, &se):
		return exitDB
	case errors.As(err, &wse):
		return exitUsage
	}
	return exitDB
}

// redact masks any DSN password that an error message might quote.
func redact(s string) string { return engine.RedactSecrets(s) }

func sortedKeys[M ~map[string]V, V any](m M) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
