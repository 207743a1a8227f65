package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// openPTY is the terminal end of a new pseudo-terminal, for a stdout that
// is a terminal without one attached to the test.
func openPTY(t *testing.T) *os.File {
	t.Helper()
	ptm, err := os.OpenFile("/dev/ptmx", os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	t.Cleanup(func() { ptm.Close() })
	fd := int(ptm.Fd())
	if err := unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); err != nil {
		t.Skipf("unlockpt: %v", err)
	}
	n, err := unix.IoctlGetInt(fd, unix.TIOCGPTN)
	if err != nil {
		t.Skipf("ptsname: %v", err)
	}
	pts, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("open pts: %v", err)
	}
	t.Cleanup(func() { pts.Close() })
	return pts
}

// The workbench on a terminal whose input is a pipe refuses to start with
// exit 2 and a pointer to the script commands, not bubbletea's "could not
// open TTY" and exit 3.
func TestWorkbenchNeedsTerminalInput(t *testing.T) {
	dir := t.TempDir() + "/demo"
	if code, out := jig(t, "init", "--demo", dir); code != exitOK {
		t.Fatalf("init: exit %d\n%s", code, out)
	}
	tty := openPTY(t)
	for _, args := range [][]string{{"-w", dir}, {"demo", dir}} {
		var errs bytes.Buffer
		code := run(args, strings.NewReader(""), tty, &errs)
		want := "the workbench needs a terminal; use jig test/run/check for scripts"
		if code != exitUsage || !strings.Contains(errs.String(), want) || strings.Contains(errs.String(), "TTY") {
			t.Errorf("jig %v with stdin a pipe: exit %d, want %d with %q:\n%s", args, code, exitUsage, want, errs.String())
		}
	}
}

// jig completion without a shell it knows is bad usage: exit 2, naming
// the shells, rather than help and exit 0.
func TestCompletionNeedsAShell(t *testing.T) {
	for _, args := range [][]string{{"completion"}, {"completion", "tcsh"}} {
		code, out := jig(t, args...)
		if code != exitUsage || !strings.Contains(out, "bash, zsh, fish, powershell") {
			t.Errorf("jig %v: exit %d, want %d naming the shells:\n%s", args, code, exitUsage, out)
		}
	}
	if code, out := jig(t, "completion", "bash"); code != exitOK || !strings.Contains(out, "bash completion") {
		t.Errorf("jig completion bash: exit %d\n%.300s", code, out)
	}
}

// A DSN that does not parse is bad usage (exit 2); a server that does not
// answer is the database unavailable (exit 3).
func TestBadDSNIsUsage(t *testing.T) {
	dir := t.TempDir() + "/demo"
	if code, out := jig(t, "init", "--demo", dir); code != exitOK {
		t.Fatalf("init: exit %d\n%s", code, out)
	}
	for _, cmd := range []string{"test", "check", "run"} {
		args := []string{cmd, "-w", dir, "--dsn", "postgres://u:p@ss@127.0.0.1:1/db"}
		if cmd == "run" {
			args = append(args, "net_revenue")
		}
		code, out := jig(t, args...)
		if code != exitUsage || !strings.Contains(out, "the DSN is not valid") {
			t.Errorf("jig %v: exit %d, want %d:\n%s", args, code, exitUsage, out)
		}
	}
	if code, out := jig(t, "test", "-w", dir, "--dsn", "postgres://u:p@127.0.0.1:1/db"); code != exitDB {
		t.Errorf("jig test to a closed port: exit %d, want %d:\n%s", code, exitDB, out)
	}
}

// jig check naming a target without checks lists the targets that have
// some, with the nearest one first.
func TestCheckUnknownTargetListsTargets(t *testing.T) {
	dir := t.TempDir() + "/demo"
	if code, out := jig(t, "init", "--demo", dir); code != exitOK {
		t.Fatalf("init: exit %d\n%s", code, out)
	}
	code, out := jig(t, "check", "-w", dir, "event")
	for _, want := range []string{`no checks for "event"; did you mean "events"?`, "the targets with checks: ", "events"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if code != exitUsage {
		t.Errorf("exit %d, want %d", code, exitUsage)
	}
}

// A workspace folder that does not exist is named as such, before any
// server starts, with exit 2.
func TestMissingWorkspaceFolder(t *testing.T) {
	missing := t.TempDir() + "/nonexistent"
	for _, args := range [][]string{{"test"}, {"validate"}, {"check"}, {}} {
		args = append(args, "-w", missing)
		code, out := jig(t, args...)
		if code != exitUsage || !strings.Contains(out, "no such folder: "+missing) || strings.Contains(out, ":1:1:") {
			t.Errorf("jig %v: exit %d, want %d and \"no such folder\":\n%s", args, code, exitUsage, out)
		}
	}
}

// jig test --json on a workspace that does not load prints the problem as
// JSON on stdout, keeping exit 2.
func TestTestJSONReportsYAMLError(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"schema/t.sql":      "create table t (id int);\n",
		"queries/q.sql":     "select 1 as one",
		"fixtures/q/a.yaml": "query: q\nexpect:\n  rows: [{one: 1}\n",
	} {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755)
		os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644)
	}
	var stdout, stderr bytes.Buffer
	code := run([]string{"test", "--json", "-w", dir}, strings.NewReader(""), &stdout, &stderr)
	if code != exitUsage {
		t.Errorf("exit %d, want %d\n%s", code, exitUsage, stderr.String())
	}
	var p jsonProblem
	if err := json.Unmarshal(stdout.Bytes(), &p); err != nil || p.File != "fixtures/q/a.yaml" || p.Line == 0 || p.Col == 0 || p.Error == "" {
		t.Errorf("stdout is not one problem object (%v):\n%s", err, stdout.String())
	}
}

// A DSN to a closed port fails in one line, each reason once, with no
// progress line before it.
func TestClosedPortOneLine(t *testing.T) {
	dir := t.TempDir() + "/demo"
	if code, out := jig(t, "init", "--demo", dir); code != exitOK {
		t.Fatalf("init: exit %d\n%s", code, out)
	}
	code, out := jig(t, "test", "-w", dir, "--dsn", "postgres://u:pw@127.0.0.1:1/db")
	want := "jig: connecting to 127.0.0.1:1: dial error: dial tcp 127.0.0.1:1: connect: connection refused\n"
	if code != exitDB || out != want {
		t.Errorf("exit %d, want %d; output\n%q\nwant\n%q", code, exitDB, out, want)
	}
}

// A NUL byte in a query file is reported at its place, and the query's
// fixtures do not claim the query does not exist.
func TestNULInQueryIsNotAMissingQuery(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"schema/t.sql":      "create table t (id int);\n",
		"queries/x.sql":     "select 1 as one\nfrom t where 'a\x00b' = ''\n",
		"fixtures/x/a.yaml": "query: x\nexpect:\n  rows: []\n",
	} {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755)
		os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644)
	}
	code, out := jig(t, "validate", "-w", dir)
	if !strings.Contains(out, "queries/x.sql:2:16: file holds a NUL byte") || strings.Contains(out, "does not exist") {
		t.Errorf("output:\n%s", out)
	}
	if code != exitUsage {
		t.Errorf("exit %d, want %d", code, exitUsage)
	}
}
