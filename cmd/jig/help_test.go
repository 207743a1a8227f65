package main

import (
	"os"
	"path/filepath"
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

// Counts read as English: "1 query", "1 fixture", "2 queries".
func TestCountsArePlural(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"schema/t.sql":      "create table t (id int);\n",
		"queries/q.sql":     "select 1 as one",
		"queries/r.sql":     "select 2 as two",
		"fixtures/q/a.yaml": "query: q\nexpect:\n  rows: [{one: 1}]\n",
	} {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755)
		os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644)
	}
	_, out := jig(t, "validate", "-w", dir)
	if want := "ok: 1 schema file, 2 queries, 0 check files, 1 fixture\n"; out != want {
		t.Errorf("validate: %q, want %q", out, want)
	}
	os.WriteFile(filepath.Join(dir, "fixtures/q/b.yaml"), []byte("query: q\nexpect: [\n"), 0o644)
	if _, out := jig(t, "validate", "-w", dir); !strings.Contains(out, "jig: 1 problem in workspace") {
		t.Errorf("validate on a broken fixture:\n%s", out)
	}
}
