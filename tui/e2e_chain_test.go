package tui

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestMockInTmux: the built jig opens the shop project's mart at 80×24;
// on the stg_orders tab m mocks the query, a cell of the mock is edited,
// the result accepted and the fixture saved; the file gives stg_orders
// and jig test passes it.
func TestMockInTmux(t *testing.T) {
	tmp, bin := buildJig(t)
	dir := filepath.Join(tmp, "shop")
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("..", "testdata", "projects", "shop"))); err != nil {
		t.Fatal(err)
	}
	s := &tmuxSession{t: t, name: tmuxName(tmp), exit: filepath.Join(tmp, "exit")}
	script := fmt.Sprintf("%s -w %s 2>%s.err; echo $? > %s", bin, dir, s.exit, s.exit)
	s.tmux("new-session", "-d", "-s", s.name, "-x", "80", "-y", "24", "env", "TERM=xterm-256color", "sh", "-c", script)
	t.Cleanup(func() { exec.Command("tmux", "kill-session", "-t", s.name).Run() })

	s.waitFor("● Postgres", "◇stg_customers", "◇stg_orders", "↑ stg_orders")
	s.keys("]", "m")
	s.waitFor("◆stg_orders 1", "mocks query stg_orders")
	s.keys("Enter", "C-u", "10", "Enter") // order_id
	s.waitFor("│       10 │")
	s.keys("Tab", "Tab", "e") // input → query → result; accept
	s.waitFor("accepted 30 rows")
	s.keys("s")
	s.waitFor("Save fixture as")
	s.keys("one_mocked_order", "Enter")
	s.waitUntil("the save", func(scr string) bool { return !strings.Contains(scr, "● unsaved") })
	s.keys("q")
	s.waitExit()

	saved, err := os.ReadFile(filepath.Join(dir, "fixtures", "customers", "one_mocked_order.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(saved), "stg_orders:\n    - {order_id: 10}") {
		t.Errorf("saved fixture:\n%s", saved)
	}
	out, err := exec.Command(bin, "test", "-w", dir, "customers/one_mocked_order").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "PASS customers/one_mocked_order") {
		t.Fatalf("jig test: %v\n%s\nfixture:\n%s", err, out, saved)
	}
}
