package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"charm.land/fang/v2"
	mcobra "github.com/muesli/mango-cobra"
	"github.com/muesli/roff"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/jig-sql/jig/workspace/diag"
)

// The groups of `jig --help`, in the order they are listed.
var groups = []*cobra.Group{
	{ID: "fixtures", Title: "work with fixtures"},
	{ID: "data", Title: "check data"},
	{ID: "schema", Title: "schema"},
	{ID: "server", Title: "server"},
	{ID: "other", Title: "other"},
}

// newRootCmd builds the command tree. Help, completions, the README's
// command table and its JSON shapes are all rendered from it.
func newRootCmd(c *cli) *cobra.Command {
	cobra.EnableCommandSorting = false // list commands as the groups order them
	root := newWorkbenchCmd(c)
	root.AddGroup(groups...)
	root.SetHelpCommandGroupID("other")
	root.SetCompletionCommandGroupID("other")
	root.SetVersionTemplate("jig {{.Version}}\n")
	root.SetFlagErrorFunc(flagError)
	root.AddCommand(
		newInitCmd(c), newDemoCmd(c), newValidateCmd(c), newTestCmd(c), newRunCmd(c), newRowsCmd(c),
		newCheckCmd(c), newPromoteCmd(c), newExportCmd(c),
		newPullCmd(c), newExplainCmd(c),
		newServeCmd(c),
		newVersionCmd(c), newManCmd(),
	)
	root.SetIn(c.stdin)
	root.SetOut(c.cobraOut(c.stdout))
	root.SetErr(c.cobraOut(c.stderr))
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd() // cobra's own, made now to give it an example (after SetOut: it keeps the writer)
	for _, cmd := range root.Commands() {
		if cmd.Name() == "completion" {
			cmd.Short = "print the completion script for bash, zsh, fish or powershell"
			cmd.Example = "jig completion bash > ~/.local/share/bash-completion/completions/jig"
			cmd.Args = shellArg
			cmd.RunE = func(cmd *cobra.Command, args []string) error { return shellArg(cmd, args) }
		}
	}
	helpWithArgNames(root)
	return root
}

// shellArg rejects `jig completion` without a shell it knows (cobra's
// own prints help and exits 0): exit 2, naming the shells.
func shellArg(cmd *cobra.Command, args []string) error {
	var shells []string
	for _, sc := range cmd.Commands() {
		shells = append(shells, sc.Name())
	}
	list := strings.Join(shells, ", ")
	if len(args) == 0 {
		return usagef(cmd, "completion needs a shell: one of %s", list)
	}
	return usagef(cmd, "unknown shell %q; completion knows %s", args[0], list)
}

// usageError is a command line jig cannot run: exit 2, with a pointer to
// the command's help.
type usageError struct {
	cmd *cobra.Command
	msg string
}

func (e *usageError) Error() string { return e.msg }

func usagef(cmd *cobra.Command, format string, args ...any) error {
	return &usageError{cmd: cmd, msg: fmt.Sprintf(format, args...)}
}

// printError prints what cobra rejected (commands print their own
// errors): plain on a pipe or with NO_COLOR, in fang's style on a
// terminal.
func (c *cli) printError(w io.Writer, styles fang.Styles, err error) {
	cmd := c.target
	var ue *usageError
	if errors.As(err, &ue) && ue.cmd != nil {
		cmd = ue.cmd
	}
	hint := fmt.Sprintf("Run '%s --help' for usage.", cmd.CommandPath())
	if !cmd.HasParent() {
		hint = "Run 'jig --help' for the list of commands."
	}
	if !useColor(c.stderr) {
		fmt.Fprintf(c.stderr, "jig: %s\n%s\n", err.Error(), hint)
		return
	}
	fmt.Fprintln(w, styles.ErrorHeader.String())
	fmt.Fprintln(w, styles.ErrorText.Render(err.Error()))
	fmt.Fprintln(w, styles.ErrorText.Render(hint))
	fmt.Fprintln(w)
}

// flagError names the nearest flag the command has when a flag is
// unknown: "unknown flag --jsn; did you mean --json?".
func flagError(cmd *cobra.Command, err error) error {
	msg := err.Error()
	var typed string
	if name, ok := strings.CutPrefix(msg, "unknown flag: "); ok {
		typed = name
	} else if rest, ok := strings.CutPrefix(msg, "unknown shorthand flag: "); ok {
		// pflag: "'j' in -jsn"; -jsn was most likely meant as --jsn.
		if _, cluster, ok := strings.Cut(rest, " in "); ok {
			typed = cluster
		}
	}
	if typed == "" {
		return &usageError{cmd: cmd, msg: msg}
	}
	var names []string
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if !f.Hidden {
			names = append(names, "--"+f.Name)
		}
	})
	return usagef(cmd, "unknown flag %s%s", typed, didYouMean("--"+strings.TrimLeft(typed, "-"), names))
}

// didYouMean is the command line's "did you mean" hint: "; did you mean
// "events"?" after a message that names got, or "" when no candidate is
// near. Names are quoted as the command line quotes them (%q), flags are
// shown as typed (--json), so it is not diag.DidYouMean, whose `x` style is
// for hints under a file:line:col error.
func didYouMean(got string, candidates []string) string {
	n := nearest(got, candidates)
	switch {
	case n == "":
		return ""
	case strings.HasPrefix(n, "-"):
		return "; did you mean " + n + "?"
	}
	return fmt.Sprintf("; did you mean %q?", n)
}

// nearest is diag.Nearest, preferring the candidates that start like
// got (leading dashes aside): a typo rarely hits the first letter, so
// --jsn means --json, not --dsn.
func nearest(got string, candidates []string) string {
	first := strings.TrimLeft(got, "-")
	var same []string
	for _, c := range candidates {
		if t := strings.TrimLeft(c, "-"); first != "" && t != "" && strings.EqualFold(t[:1], first[:1]) {
			same = append(same, c)
		}
	}
	if n := diag.Nearest(got, same); n != "" {
		return n
	}
	return diag.Nearest(got, candidates)
}

// singleDashLongFlags turns -dsn and -json=true into --dsn and --json=true
// when the command has such a flag: jig's flags were Go-style before it
// moved to cobra, and scripts written then keep working.
func singleDashLongFlags(root *cobra.Command, args []string) []string {
	cmd, _, err := root.Find(args)
	if err != nil {
		cmd = root
	}
	out := make([]string, len(args))
	copy(out, args)
	for i, a := range out {
		if a == "--" {
			break
		}
		name, _, _ := strings.Cut(strings.TrimPrefix(a, "-"), "=")
		if len(a) > 2 && a[0] == '-' && a[1] != '-' && len(name) > 1 && cmd.Flags().Lookup(name) != nil {
			out[i] = "-" + a
		}
	}
	return out
}

// Argument checks that fail with a usage error naming what was expected.

func exactlyOne(what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != 1 {
			return usagef(cmd, "%s needs one %s (got %d arguments)", cmd.Name(), what, len(args))
		}
		return nil
	}
}

func atMostOne(what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) > 1 {
			return usagef(cmd, "%s takes at most one %s (got %d arguments)", cmd.Name(), what, len(args))
		}
		return nil
	}
}

func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usagef(cmd, "%s takes no arguments (got %q)", cmd.Name(), args[0])
	}
	return nil
}

// unknownCommand is the root's argument check: `jig` alone opens the
// workbench, so any argument that is not a command is a mistake.
func unknownCommand(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	var names []string
	for _, sc := range cmd.Commands() {
		if sc.IsAvailableCommand() {
			names = append(names, sc.Name())
		}
	}
	return usagef(cmd, "unknown command %q%s", args[0], didYouMean(args[0], names))
}

// newManCmd writes jig's man page (jig man > jig.1). fang has one too, but
// it writes to the process's stdout rather than the command's.
func newManCmd() *cobra.Command {
	return &cobra.Command{
		Use:     "man",
		Short:   "print jig's man page (roff)",
		Long:    "Print jig's man page in roff, rendered from the same definitions as --help.",
		Example: "jig man > jig.1",
		GroupID: "other",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			defer nameArgsAll(cmd.Root())()
			page, err := mcobra.NewManPage(1, cmd.Root())
			if err != nil {
				return err
			}
			_, err = fmt.Fprint(cmd.OutOrStdout(), page.Build(roff.NewDocument()))
			return err
		},
	}
}
