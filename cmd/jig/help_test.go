package main

import (
	"strings"
	"testing"
)

// Help in a pipe has no lines padded with trailing spaces.
func TestHelpHasNoTrailingSpaces(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"test", "--help"}, {"check", "--help"}} {
		_, out := jig(t, args...)
		for i, line := range strings.Split(out, "\n") {
			if strings.TrimRight(line, " \t") != line {
				t.Errorf("jig %v: line %d ends in spaces: %q", args, i+1, line)
			}
		}
		if !strings.Contains(out, "USAGE") {
			t.Errorf("jig %v printed no help:\n%s", args, out)
		}
	}
}

// Flags that take a value name it in help: --junit FILE, --parallel N.
func TestHelpNamesFlagArguments(t *testing.T) {
	for args, wants := range map[string][]string{
		"test --help": {"--junit FILE", "--parallel N", "--shard K/N", "--run REGEX", "--dsn DSN", "--workspace DIR"},
		"--help":      {"--dsn DSN", "--workspace DIR"},
		"help rows":   {"-n --n N", "--seed SEED"},
		"check -h":    {"--timeout DURATION", "--junit FILE"},
	} {
		_, out := jig(t, strings.Fields(args)...)
		for _, want := range wants {
			if !strings.Contains(out, want) {
				t.Errorf("jig %s lacks %q:\n%s", args, want, out)
			}
		}
		if strings.Contains(out, "`") {
			t.Errorf("jig %s shows a backquote:\n%s", args, out)
		}
	}
}

// The man page's NAME line describes jig, and its flags name their
// arguments without pflag's backquotes.
func TestManPageDescribesJig(t *testing.T) {
	code, out := jig(t, "man")
	if code != exitOK || !strings.Contains(out, "jig - unit-test SQL on a local Postgres") {
		t.Errorf("jig man: exit %d, NAME line not about jig:\n%.400s", code, out)
	}
	if !strings.Contains(out, `\fB--junit FILE\fP`) || strings.Contains(out, "`") {
		t.Errorf("jig man: flags without argument names, or with backquotes")
	}
}
