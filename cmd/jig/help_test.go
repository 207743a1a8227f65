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
