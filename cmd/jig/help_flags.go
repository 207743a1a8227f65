package main

import (
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// fang's help lists a flag as --name alone and its usage as written; jig
// names a flag's argument the pflag way, in backquotes in its usage
// ("write a JUnit XML report to `FILE`"), so the man page and completions
// read it too. withArgNames shows it in fang's help as well: while help is
// drawn, each such flag is named "junit FILE" and its usage unquoted.

// helpWithArgNames makes every command's help draw flags with their
// argument names. Subcommands get a help function of their own; the
// root's is fang's, set when it runs, so the root's is wrapped as the
// --help flag or the help command is seen.
func helpWithArgNames(root *cobra.Command) {
	wrapRoot := func() {
		if fn := root.HelpFunc(); !isWrapped(root) {
			root.SetHelpFunc(withArgNames(fn))
			root.Annotations[argNamesKey] = "1"
		}
	}
	if root.Annotations == nil {
		root.Annotations = map[string]string{}
	}
	var walk func(cmd *cobra.Command)
	walk = func(cmd *cobra.Command) {
		cmd.InitDefaultHelpFlag()
		if f := cmd.Flags().Lookup("help"); f != nil {
			f.Value = &helpFlag{on: wrapRoot}
		}
		if cmd.Name() == "help" && cmd.Run != nil {
			run := cmd.Run // jig help [COMMAND]: the root's help may be drawn
			cmd.Run = func(c *cobra.Command, args []string) { wrapRoot(); run(c, args) }
		}
		if cmd != root {
			cmd.SetHelpFunc(func(c *cobra.Command, args []string) {
				wrapRoot()
				root.HelpFunc()(c, args)
			})
		}
		for _, sc := range cmd.Commands() {
			walk(sc)
		}
	}
	walk(root)
}

const argNamesKey = "jig-help-arg-names"

func isWrapped(root *cobra.Command) bool { return root.Annotations[argNamesKey] != "" }

// withArgNames is help drawn with "--junit FILE" for a flag whose usage
// names FILE in backquotes.
func withArgNames(help func(*cobra.Command, []string)) func(*cobra.Command, []string) {
	return func(cmd *cobra.Command, args []string) {
		defer nameArgs(cmd.Flags())()
		help(cmd, args)
	}
}

// nameArgs renames each flag of fs whose usage names its argument in
// backquotes to "name ARG", with the usage unquoted; the function it
// returns undoes that.
func nameArgs(fs *pflag.FlagSet) (undo func()) {
	type saved struct {
		f           *pflag.Flag
		name, usage string
	}
	var was []saved
	fs.VisitAll(func(f *pflag.Flag) {
		if !strings.Contains(f.Usage, "`") {
			return
		}
		name, usage := pflag.UnquoteUsage(f)
		was = append(was, saved{f, f.Name, f.Usage})
		f.Name, f.Usage = f.Name+" "+name, usage
	})
	return func() {
		for _, s := range was {
			s.f.Name, s.f.Usage = s.name, s.usage
		}
	}
}

// nameArgsAll is nameArgs over every command of the tree under cmd, for
// the man page.
func nameArgsAll(cmd *cobra.Command) (undo func()) {
	undos := []func(){nameArgs(cmd.LocalFlags())}
	for _, sc := range cmd.Commands() {
		undos = append(undos, nameArgsAll(sc))
	}
	return func() {
		for _, u := range undos {
			u()
		}
	}
}

// helpFlag is cobra's --help flag, calling on when it is set.
type helpFlag struct {
	v  bool
	on func()
}

func (h *helpFlag) String() string   { return strconv.FormatBool(h.v) }
func (h *helpFlag) Type() string     { return "bool" }
func (h *helpFlag) IsBoolFlag() bool { return true }
func (h *helpFlag) Set(s string) error {
	v, err := strconv.ParseBool(s)
	if err == nil {
		h.v = v
		h.on()
	}
	return err
}
