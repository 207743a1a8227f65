package tui

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// tmuxName is a session name no other test, here or in another process
// on the same tmux server, uses: t.TempDir's base is only 001, 002…
func tmuxName(tmp string) string {
	return fmt.Sprintf("jig-e2e-%d-%s", os.Getpid(), filepath.Base(filepath.Dir(tmp))+filepath.Base(tmp))
}

// startJigInTmux builds jig and runs "jig demo DIR" in a 120×36 tmux
// session with env added (NAME=value), returning the session and DIR.
func startJigInTmux(t *testing.T, env ...string) (*tmuxSession, string) {
	tmp, bin := buildJig(t)
	dir := filepath.Join(tmp, "demo")
	s := &tmuxSession{t: t, name: tmuxName(tmp)}
	args := append([]string{"new-session", "-d", "-s", s.name, "-x", "120", "-y", "36", "env", "TERM=xterm-256color"}, env...)
	s.tmux(append(args, bin, "demo", dir)...)
	t.Cleanup(func() { exec.Command("tmux", "kill-session", "-t", s.name).Run() })
	return s, dir
}

// TestEditorRoundTripInTmux: E hands the query to $EDITOR (a script that
// adds a column), and the result shows it when the editor exits; then a
// file written behind jig's back, and a new query file, show too.
func TestEditorRoundTripInTmux(t *testing.T) {
	script := filepath.Join(t.TempDir(), "editor.sh")
	edit := "#!/bin/sh\nsed -i \"s/SELECT DISTINCT/SELECT DISTINCT upper('edited_by_script') AS marker,/\" \"$1\"\n"
	if err := os.WriteFile(script, []byte(edit), 0o755); err != nil {
		t.Fatal(err)
	}
	s, dir := startJigInTmux(t, "EDITOR="+script)
	s.waitFor("● Postgres", "0 rows")
	s.keys("a")
	s.waitFor("events 1", "· 1 row")
	s.keys("Tab", "E")            // input → query; the editor
	s.waitFor("EDITED_BY_SCRIPT") // in the result only: the SQL says upper('edited_by_script')

	query := filepath.Join(dir, "queries", "browser_users.sql")
	if err := os.WriteFile(query, []byte("SELECT upper('changed_on_disk') AS marker, e.user_id FROM events AS e;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s.waitFor("CHANGED_ON_DISK")
	if err := os.WriteFile(filepath.Join(dir, "queries", "added_later.sql"), []byte("SELECT 1 AS one;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s.waitFor("added_later")
}
