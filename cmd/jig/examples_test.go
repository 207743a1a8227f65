package main

import (
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/jig-sql/jig/engine/enginetest"
)

// TestExamplesRunOnTheDemo runs the example in each command's help on the
// demo workspace, and must see it pass. The workbench and serve wait for
// the user, and promote and pull need the DSN of a running jig serve: of
// those only the command line is checked.
func TestExamplesRunOnTheDemo(t *testing.T) {
	t.Setenv("JIG_DSN", enginetest.Server(t).DSN())
	t.Setenv("NO_COLOR", "1")
	// export writes a dbt project's unit tests, and the demo is not one (its
	// run on a dbt project is TestDbtExport).
	interactive := map[string]bool{"jig": true, "demo": true, "serve": true, "export": true}
	root := newRootCmd(&cli{})
	for _, cmd := range append([]*cobra.Command{root}, root.Commands()...) {
		if !cmd.IsAvailableCommand() && cmd != root || cmd.Name() == "help" {
			continue
		}
		t.Run(cmd.Name(), func(t *testing.T) {
			lines := strings.Split(strings.TrimSpace(cmd.Example), "\n")
			args := shellWords(lines[len(lines)-1])
			if len(args) < 2 && cmd != root || args[0] != "jig" {
				t.Fatalf("the example %q is not a jig command line", cmd.Example)
			}
			dir := demoFiles(t)
			if cmd.Name() == "init" {
				dir = t.TempDir() + "/jig-demo"
			}
			for i, a := range args {
				if a == "jig-demo" {
					args[i] = dir
				}
			}
			args = args[1:]
			if interactive[cmd.Name()] || strings.Contains(cmd.Example, "$DSN") {
				parses(t, args)
				return
			}
			if code, out := jig(t, args...); code != exitOK {
				t.Errorf("jig %s: exit %d\n%s", strings.Join(args, " "), code, out)
			}
		})
	}
}

// parses checks that a command line names a command, flags it has and
// arguments it takes.
func parses(t *testing.T, args []string) {
	t.Helper()
	cmd, rest, err := newRootCmd(&cli{}).Find(args)
	if err == nil {
		err = cmd.ParseFlags(rest)
	}
	if err == nil {
		err = cmd.ValidateArgs(cmd.Flags().Args())
	}
	if err == nil {
		err = cmd.ValidateRequiredFlags()
	}
	if err != nil {
		t.Errorf("jig %s: %v", strings.Join(args, " "), err)
	}
}

// shellWords splits a command line as sh would, for quotes; it stops at
// a redirection.
func shellWords(line string) []string {
	var words []string
	var cur strings.Builder
	var quote rune
	inWord := false
	for _, r := range line {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(r)
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == ' ':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		case r == '>' && !inWord:
			return words
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}
