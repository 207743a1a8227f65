package tui

import (
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
	deadline := time.Now().Add(90 * time.Second)
	var scr string
	for time.Now().Before(deadline) {
		scr = s.screen()
		ok := true
		for _, t := range texts {
			ok = ok && strings.Contains(scr, t)
		}
		if ok {
			return scr
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.t.Fatalf("timed out waiting for %q; screen:\n%s", texts, scr)
	return ""
}

// TestEndToEndInTmux builds jig, opens the demo in tmux, builds a fixture
// by hand (a row in events whose user_id is NULL), accepts the result as
// expected, saves it and quits; then jig test passes the new fixture.
func TestEndToEndInTmux(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed")
	}
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "jig")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/jig-sql/jig/cmd/jig").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	dir := filepath.Join(tmp, "demo")
	s := &tmuxSession{t: t, name: tmuxName(tmp)}
	s.tmux("new-session", "-d", "-s", s.name, "-x", "120", "-y", "36",
		"env", "TERM=xterm-256color", bin, "demo", dir)
	t.Cleanup(func() { exec.Command("tmux", "kill-session", "-t", s.name).Run() })

	s.waitFor("● Postgres", "0 rows")
	s.keys("a")
	s.waitFor("events 1", "1 row ·")
	s.keys("l", "l", "n") // event_id, event_ts, user_id
	s.waitFor("∅", "0 rows ·")
	s.keys("Tab", "Tab", "e") // input → query → result; accept
	s.waitFor("accepted 0 rows")
	s.keys("s")
	s.waitFor("Save fixture as")
	s.keys("only_null_users", "Enter")
	s.waitFor("saved ")
	s.keys("q")
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) && exec.Command("tmux", "has-session", "-t", s.name).Run() == nil {
		time.Sleep(50 * time.Millisecond)
	}
	if exec.Command("tmux", "has-session", "-t", s.name).Run() == nil {
		t.Fatalf("jig did not quit; screen:\n%s", s.screen())
	}
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
