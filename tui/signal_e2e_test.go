package tui

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A signal ends the workbench like any command: exit 130, and its server
// gone within 2 s. With its output on a pipe it refuses to start.
func TestWorkbenchSignalsInTmux(t *testing.T) {
	tmp, bin := buildJig(t)
	dir := filepath.Join(tmp, "demo")
	if out, err := exec.Command(bin, "init", dir, "--demo").CombinedOutput(); err != nil {
		t.Fatalf("jig init: %v\n%s", err, out)
	}
	out, err := exec.Command("bash", "-o", "pipefail", "-c", fmt.Sprintf("%q -w %q | cat", bin, dir)).CombinedOutput()
	if err == nil || !strings.Contains(string(out), "needs a terminal") {
		t.Errorf("the workbench on a pipe: %v\n%s", err, out)
	}
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGHUP, syscall.SIGINT} {
		code := filepath.Join(tmp, "code-"+sig.String())
		s := &tmuxSession{t: t, name: fmt.Sprintf("jig-sig-%s-%d", filepath.Base(tmp), sig)}
		s.tmux("new-session", "-d", "-s", s.name, "-x", "120", "-y", "36",
			"sh", "-c", fmt.Sprintf("TERM=xterm-256color %q -w %q; echo $? > %q; sleep 60", bin, dir, code))
		t.Cleanup(func() { exec.Command("tmux", "kill-session", "-t", s.name).Run() })
		s.waitFor("● Postgres")
		jig, pm := childOf(t, bin, ""), 0
		if jig > 0 {
			pm = childOf(t, "", fmt.Sprint(jig))
		}
		if jig == 0 || pm == 0 {
			t.Fatalf("jig %d or its postmaster %d not found", jig, pm)
		}
		syscall.Kill(jig, sig)
		// The shell creates the file before echo writes the code into it:
		// wait for the code, not for the file.
		deadline := time.Now().Add(10 * time.Second)
		got := ""
		for time.Now().Before(deadline) && got == "" {
			b, _ := os.ReadFile(code)
			if got = strings.TrimSpace(string(b)); got == "" {
				time.Sleep(20 * time.Millisecond)
			}
		}
		if got != "130" {
			t.Errorf("after %s the workbench exited %q, want 130; screen:\n%s", sig, got, s.screen())
		}
		if syscall.Kill(pm, 0) == nil {
			time.Sleep(2 * time.Second)
			if syscall.Kill(pm, 0) == nil {
				t.Errorf("after %s the postmaster %d still runs 2 s after jig ended", sig, pm)
			}
		}
	}
}

// childOf finds a process by its executable (exe) or by its parent (ppid).
func childOf(t *testing.T, exe, ppid string) int {
	paths, _ := filepath.Glob("/proc/[0-9]*")
	for _, p := range paths {
		var pid int
		fmt.Sscan(filepath.Base(p), &pid)
		if exe != "" {
			if e, _ := os.Readlink(p + "/exe"); e == exe {
				return pid
			}
			continue
		}
		stat, _ := os.ReadFile(p + "/stat")
		f := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
		if len(f) > 1 && f[1] == ppid {
			if e, _ := os.Readlink(p + "/exe"); strings.HasSuffix(e, "/postgres") {
				return pid
			}
		}
	}
	return 0
}
