package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jig-sql/jig/workspace"
)

// jigStreams runs jig with stdout and stderr kept apart.
func jigStreams(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errs bytes.Buffer
	code = run(args, strings.NewReader(""), &out, &errs)
	return code, out.String(), errs.String()
}

// demoFiles writes the demo workspace; no server is involved.
func demoFiles(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "jig-demo")
	if err := workspace.WriteDemo(dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestUsageErrors(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	dir := demoFiles(t)
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"test", "-w", dir, "--jsn"}, "jig: unknown flag --jsn; did you mean --json?\nRun 'jig test --help' for usage.\n"},
		{[]string{"rows", "-jsn", "events"}, "jig: unknown flag -jsn; did you mean --json?\n"},
		{[]string{"check", "--slef-test"}, "unknown flag --slef-test; did you mean --self-test?"},
		{[]string{"tset"}, "jig: unknown command \"tset\"; did you mean \"test\"?\nRun 'jig --help' for the list of commands.\n"},
		{[]string{"rows", "-w", dir}, "jig: rows needs one TABLE (got 0 arguments)\nRun 'jig rows --help' for usage.\n"},
		{[]string{"rows", "-w", dir, "events", "-n", "-1"}, "-n -1: want 0 or more rows"},
		{[]string{"rows", "-w", dir, "events", "--json", "--csv"}, "--json and --csv cannot be used together"},
		{[]string{"validate", "-w", dir, "extra"}, `validate takes no arguments (got "extra")`},
		{[]string{"promote", "-w", dir, "--from", "staging"}, `required flag(s) "to" not set`},
		{[]string{"promote", "-w", dir, "--from", "", "--to", "events"}, "--from and --to name tables; they cannot be empty"},
		{[]string{"pull", "-w", dir}, "name the tables to pull, or give --all (not both)"},
		{[]string{"test", "--parallel", "many"}, `invalid argument "many" for "--parallel" flag`},
	}
	for _, tc := range cases {
		code, out, errs := jigStreams(t, tc.args...)
		if code != exitUsage || !strings.Contains(errs, tc.want) || out != "" {
			t.Errorf("jig %s: exit %d, stdout %q, stderr:\n%s\nwant exit 2 and %q on stderr", strings.Join(tc.args, " "), code, out, errs, tc.want)
		}
	}
}

// TestSingleDashLongFlags keeps the Go-flag spellings scripts used before
// the move to cobra.
func TestSingleDashLongFlags(t *testing.T) {
	dir := demoFiles(t)
	code, out, errs := jigStreams(t, "validate", "-workspace", dir, "-json=true")
	var v jsonValidate
	if code != exitOK || json.Unmarshal([]byte(out), &v) != nil || v.Fixtures != 2 {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
}

func TestHelpGroupsAndExamples(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	code, out, _ := jigStreams(t, "--help")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	last := -1
	for _, g := range groups {
		i := strings.Index(out, strings.ToUpper(g.Title))
		if i < last {
			t.Errorf("group %q missing or out of order in:\n%s", g.Title, out)
		}
		last = i
	}
	if strings.Contains(out, "\x1b[") {
		t.Errorf("help has colour with NO_COLOR and no terminal:\n%q", out)
	}
	for _, cmd := range newRootCmd(&cli{}).Commands() {
		if !cmd.IsAvailableCommand() || cmd.Name() == "help" {
			continue
		}
		if cmd.GroupID == "" {
			t.Errorf("jig %s is in no group", cmd.Name())
		}
		if !strings.Contains(out, cmd.Name()) {
			t.Errorf("jig --help does not list %s", cmd.Name())
		}
		_, help, _ := jigStreams(t, cmd.Name(), "--help")
		if !strings.Contains(help, "EXAMPLES") || !strings.Contains(help, cmd.Example[strings.LastIndex(cmd.Example, "\n")+1:]) {
			t.Errorf("jig %s --help shows no example:\n%s", cmd.Name(), help)
		}
	}
}

func TestVersionCompletionAndMan(t *testing.T) {
	for _, args := range [][]string{{"--version"}, {"version"}} {
		if code, out, _ := jigStreams(t, args...); code != exitOK || !strings.HasPrefix(out, "jig ") {
			t.Errorf("jig %s: exit %d, %q", args[0], code, out)
		}
	}
	if code, out, _ := jigStreams(t, "version", "--json"); code != exitOK || !strings.HasPrefix(out, `{"version":`) {
		t.Errorf("jig version --json: exit %d, %q", code, out)
	}
	for shell, want := range map[string]string{"bash": "__jig_", "zsh": "#compdef jig", "fish": "complete -c jig"} {
		if code, out, errs := jigStreams(t, "completion", shell); code != exitOK || !strings.Contains(out, want) || !strings.Contains(out, "__complete") {
			t.Errorf("jig completion %s: exit %d, stderr %q, script lacks %q", shell, code, errs, want)
		}
	}
	if code, out, _ := jigStreams(t, "man"); code != exitOK || !strings.Contains(out, ".TH") || !strings.Contains(out, "promote") {
		t.Errorf("jig man: exit %d:\n%.300s", code, out)
	}
}

// TestOutputJSONShapes holds every command that prints data to one
// documented JSON shape.
func TestOutputJSONShapes(t *testing.T) {
	// export prints YAML for a dbt project's files, as man prints roff.
	noData := map[string]bool{"init": true, "demo": true, "man": true, "completion": true, "help": true, "export": true}
	for _, cmd := range newRootCmd(&cli{}).Commands() {
		if noData[cmd.Name()] {
			continue
		}
		if cmd.Annotations["json"] == "" || cmd.Flags().Lookup("json") == nil || !strings.Contains(cmd.Long, "--json prints") {
			t.Errorf("jig %s prints data but has no documented --json", cmd.Name())
		}
	}
	if got := shapeOf(jsonResult{}); got != "{fixture, path, status, ms, error?, diff?, columns?, rows?, checks?: [{name, target, status, failing, error?}, ...]}" {
		t.Errorf("jig test's JSON shape changed: %s", got)
	}
	dir := demoFiles(t)
	code, out, _ := jigStreams(t, "validate", "-w", dir, "--json")
	if code != exitOK || strings.TrimSpace(out) != `{"schema_files":3,"queries":2,"check_files":3,"fixtures":2}` {
		t.Errorf("jig validate --json: exit %d, %s", code, out)
	}
}

// TestErrorsGoToStderr: a workspace error prints nothing on stdout.
func TestErrorsGoToStderr(t *testing.T) {
	dir := demoFiles(t)
	os.WriteFile(filepath.Join(dir, "jig.yaml"), []byte("dialekt: postgres\n"), 0o644)
	code, out, errs := jigStreams(t, "validate", "-w", dir, "--json")
	if code != exitUsage || out != "" || !strings.Contains(errs, "jig.yaml:1:1") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
}
