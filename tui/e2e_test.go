package tui

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// tmuxSession drives the built jig binary in a real terminal.
type tmuxSession struct {
	t    *testing.T
	name string
	exit string // file the exit status is written to
}

func (s *tmuxSession) tmux(args ...string) string {
	s.t.Helper()
	out, err := exec.Command("tmux", args...).CombinedOutput()
	if err != nil {
		s.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func (s *tmuxSession) screen() string { return s.tmux("capture-pane", "-p", "-t", s.name) }

func (s *tmuxSession) keys(keys ...string) {
	for _, k := range keys {
		s.tmux("send-keys", "-t", s.name, k)
	}
}

func (s *tmuxSession) waitFor(texts ...string) string {
	s.t.Helper()
	return s.waitUntil(fmt.Sprintf("%q", texts), func(scr string) bool {
		for _, t := range texts {
			if !strings.Contains(scr, t) {
				return false
			}
		}
		return true
	})
}

// waitUntil polls the screen until ok holds, and returns it.
func (s *tmuxSession) waitUntil(what string, ok func(screen string) bool) string {
	s.t.Helper()
	deadline := time.Now().Add(90 * time.Second)
	var scr string
	for time.Now().Before(deadline) {
		if scr = s.screen(); ok(scr) {
			return scr
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.t.Fatalf("timed out waiting for %s; screen:\n%s", what, scr)
	return ""
}

// buildJig skips without tmux or under -short, and otherwise builds jig
// into a new temporary folder, returning the folder and the binary.
func buildJig(t *testing.T) (tmp, bin string) {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed")
	}
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	tmp = t.TempDir()
	bin = filepath.Join(tmp, "jig")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/jig-sql/jig/cmd/jig").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return tmp, bin
}

// startTmux builds jig and runs `jig demo` in a w×h tmux session; the
// exit status lands in a file that waitExit reads.
func startTmux(t *testing.T, w, h int) (s *tmuxSession, bin, dir string) {
	t.Helper()
	tmp, bin := buildJig(t)
	dir = filepath.Join(tmp, "demo")
	s = &tmuxSession{t: t, name: tmuxName(tmp), exit: filepath.Join(tmp, "exit")}
	script := fmt.Sprintf("%s demo %s 2>%s.err; echo $? > %s", bin, dir, s.exit, s.exit)
	s.tmux("new-session", "-d", "-s", s.name, "-x", fmt.Sprint(w), "-y", fmt.Sprint(h),
		"env", "TERM=xterm-256color", "sh", "-c", script)
	t.Cleanup(func() { exec.Command("tmux", "kill-session", "-t", s.name).Run() })
	return s, bin, dir
}

// waitExit waits for jig to end and fails unless it exited 0.
func (s *tmuxSession) waitExit() {
	s.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if b, err := os.ReadFile(s.exit); err == nil && len(b) > 0 {
			if code := strings.TrimSpace(string(b)); code != "0" {
				stderr, _ := os.ReadFile(s.exit + ".err")
				s.t.Fatalf("jig exited %s:\n%s", code, stderr)
			}
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.t.Fatalf("jig did not quit; screen:\n%s", s.screen())
}

// TestEditingInTmux: in the built binary, rows are added, deleted (the
// issue 13 crash: a, a, x) and duplicated, and z zooms the query pane and
// gives the window back; quitting without saving asks, and jig exits 0.
func TestEditingInTmux(t *testing.T) {
	s, _, _ := startTmux(t, 120, 36)
	s.waitFor("● Postgres", "0 rows")
	s.keys("a", "a")
	s.waitFor("events 2", "2 rows ─")
	s.keys("x")
	s.waitFor("events 1", "1 row ─")
	s.keys("d")
	s.waitFor("events 2", "2 rows ─")
	s.keys("G", "x", "x", "x") // the last row, then an empty grid
	s.waitFor("events 0", "has no rows yet")
	s.keys("Tab", "z")
	s.waitUntil("the query zoomed", func(scr string) bool {
		return strings.Contains(scr, "╭─ Query ─") && strings.Contains(scr, "WHERE e.user_id IS NOT NULL") &&
			!strings.Contains(scr, "Workspace") && !strings.Contains(scr, "Input")
	})
	s.keys("z")
	s.waitFor("Workspace", "Input", "Result")
	s.keys("q")
	s.waitFor("Quit without saving")
	s.keys("y")
	s.waitExit()
}

// TestEndToEndInTmux builds jig, opens the demo in tmux, builds a fixture
// by hand (a row in events whose user_id is NULL), accepts the result as
// expected, saves it and quits; then jig test passes the new fixture.
func TestEndToEndInTmux(t *testing.T) {
	s, bin, dir := startTmux(t, 120, 36)
	s.waitFor("● Postgres", "0 rows")
	s.keys("a")
	s.waitFor("events 1", "· 1 row")
	s.keys("l", "l", "n") // event_id, event_ts, user_id
	s.waitFor("∅", "· 0 rows")
	s.keys("Tab", "Tab", "e") // input → query → result; accept
	s.waitFor("accepted 0 rows")
	s.keys("s")
	s.waitFor("Save fixture as")
	s.keys("only_null_users", "Enter")
	s.waitUntil("the save", func(scr string) bool {
		return strings.Contains(scr, "only_null_users") && !strings.Contains(scr, "● unsaved")
	})
	s.keys("q")
	s.waitExit()
	saved, err := os.ReadFile(filepath.Join(dir, "fixtures", "browser_users", "only_null_users.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(saved), "user_id: null") || !strings.Contains(string(saved), "rows: []") {
		t.Errorf("saved fixture:\n%s", saved)
	}
	out, err := exec.Command(bin, "test", "-w", dir, "browser_users/only_null_users").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "PASS browser_users/only_null_users") {
		t.Fatalf("jig test: %v\n%s\nfixture:\n%s", err, out, saved)
	}
}
