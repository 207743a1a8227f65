package postgres_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jig-sql/jig/engine/postgres"
)

// A jig killed with SIGKILL takes its postmaster with it: the kernel
// stops the server when its parent dies.
func TestKilledJigTakesItsServer(t *testing.T) {
	o := explicitOptions(t)
	cmd, pid := startHelper(t, o, "start")
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	if !waitDead(pid, 2*time.Second) {
		t.Fatalf("the killed jig's postmaster %d still runs 2s later", pid)
	}
	s := start(t, o)
	conn := connect(t, s)
	if n := queryString(t, conn, "SELECT count(*)::text FROM marker"); n != "1" {
		t.Errorf("marker rows = %s, want the killed jig's 1 row (its shutdown kept the data)", n)
	}
}

// A postmaster an older jig left running (started through pg_ctl, so not
// its child) on the cluster: the next jig on the workspace must stop that
// orphan (never run a second server on the same data) and reuse the data.
func TestStartAfterKilledJig(t *testing.T) {
	t.Parallel()
	o := warmOptions(t)
	cmd, oldPID := startHelper(t, o, "orphan")
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	if !alive(oldPID) {
		t.Fatalf("the killed jig's postmaster %d died with it; the test needs an orphan", oldPID)
	}
	t.Cleanup(func() { syscall.Kill(oldPID, syscall.SIGQUIT) })

	s := start(t, o)
	if s.Note != "" {
		t.Errorf("Note = %q; the killed jig's lock should be free", s.Note)
	}
	data, pid := postmaster(t, s)
	if pid == oldPID {
		t.Fatalf("postmaster pid %d is the orphan's", pid)
	}
	if !waitDead(oldPID, 5*time.Second) {
		t.Errorf("the orphaned postmaster %d still runs next to the new one %d (cwd %s)", oldPID, pid, cwdOf(oldPID))
	}
	if got := postmastersOn(t, data); len(got) != 1 {
		t.Errorf("postmasters on %s: %v, want exactly one", data, got)
	}
	conn := connect(t, s)
	if n := queryString(t, conn, "SELECT count(*)::text FROM marker"); n != "1" {
		t.Errorf("marker rows = %s, want the killed jig's 1 row (data reused)", n)
	}
}

// postmastersOn lists the live processes that are a postmaster on data (a
// postgres whose parent is not a postgres).
func postmastersOn(tb testing.TB, data string) []int {
	tb.Helper()
	procs, _ := filepath.Glob("/proc/[0-9]*")
	var out []int
	for _, p := range procs {
		var pid int
		fmt.Sscan(filepath.Base(p), &pid)
		if !alive(pid) || cwdOf(pid) != data || !strings.HasPrefix(comm(pid), "postgres") {
			continue
		}
		if comm(ppidOf(pid)) != "postgres" {
			out = append(out, pid)
		}
	}
	return out
}

func comm(pid int) string {
	b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/comm", pid))
	return strings.TrimSpace(string(b))
}

func ppidOf(pid int) int {
	b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return 0
	}
	var state string
	var ppid int
	fmt.Sscan(s[i+1:], &state, &ppid)
	return ppid
}

// A postmaster.pid left behind names a pid that is dead, or that now
// belongs to another process. Neither may stop Start, and an unrelated
// process — even another Postgres — must never be signalled.
func TestStalePostmasterPID(t *testing.T) {
	t.Parallel()
	o := warmOptions(t)
	s, err := tryStart(o)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := postmaster(t, s)
	if err := s.Stop(); err != nil {
		t.Fatal(err)
	}

	dead := exec.Command("true")
	if err := dead.Run(); err != nil {
		t.Fatal(err)
	}
	// A live Postgres of another cluster: the pid a reused pid file could
	// name on a machine running several jigs.
	other := start(t, warmOptions(t))
	_, otherPID := postmaster(t, other)

	cases := []struct {
		name string
		pid  int
	}{
		{"dead pid", dead.Process.Pid},
		{"live non-postgres pid", os.Getpid()},
		{"another cluster's postmaster", otherPID},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			writeFakePIDFile(t, data, c.pid)
			s := start(t, o)
			if _, pid := postmaster(t, s); pid == c.pid {
				t.Fatalf("postmaster pid = the stale %d", pid)
			}
			if err := s.Stop(); err != nil {
				t.Fatal(err)
			}
			if c.pid != dead.Process.Pid && !alive(c.pid) {
				t.Fatalf("Start killed pid %d, which was not this cluster's server", c.pid)
			}
		})
	}
	if err := connect(t, other).Ping(context.Background()); err != nil {
		t.Errorf("the other cluster's server no longer answers: %v", err)
	}
}

// writeFakePIDFile writes a postmaster.pid in Postgres's format.
func writeFakePIDFile(tb testing.TB, data string, pid int) {
	tb.Helper()
	text := fmt.Sprintf("%d\n%s\n%d\n5432\n\n127.0.0.1\n  5432001         0\nready   \n", pid, data, time.Now().Unix())
	if err := os.WriteFile(filepath.Join(data, "postmaster.pid"), []byte(text), 0o600); err != nil {
		tb.Fatal(err)
	}
}

// Two jigs on one workspace: the second gets a private cluster (and says
// so), both work, and the private cluster disappears at Stop.
func TestSameWorkspaceTwice(t *testing.T) {
	t.Parallel()
	o := warmOptions(t)
	first := start(t, o)
	second, err := tryStart(o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { second.Stop() })
	if first.Note != "" {
		t.Errorf("first Note = %q", first.Note)
	}
	if want := fmt.Sprintf("open in another jig (pid %d)", os.Getpid()); !strings.Contains(second.Note, want) {
		t.Errorf("second Note = %q, want it to contain %q", second.Note, want)
	}
	data1, _ := postmaster(t, first)
	data2, _ := postmaster(t, second)
	if data1 == data2 {
		t.Fatalf("both servers use %s", data1)
	}
	for _, s := range []*postgres.Server{first, second} {
		conn := connect(t, s)
		if _, err := conn.Exec(context.Background(), "CREATE TABLE t (i int)"); err != nil {
			t.Errorf("%s: %v", s.Describe(), err)
		}
	}
	private := filepath.Dir(data2)
	if err := second.Stop(); err != nil {
		t.Fatal(err)
	}
	if exists(private) || exists(private+".lock") {
		t.Errorf("private cluster %s is still there after Stop", private)
	}
	if err := connect(t, first).Ping(context.Background()); err != nil {
		t.Errorf("first server after the second stopped: %v", err)
	}
}

// A workspace whose name looks like a private cluster's ("-tmp-") keeps its
// cluster: sweeping dead jigs' private clusters must not delete it.
func TestWorkspaceNamedLikePrivateCluster(t *testing.T) {
	t.Parallel()
	o := warmOptions(t)
	o.Workspace = workspaceDir(t, "build-tmp-1")
	s, err := tryStart(o)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := postmaster(t, s)
	if err := s.Stop(); err != nil {
		t.Fatal(err)
	}
	o2 := o
	o2.Workspace = workspaceDir(t, "another")
	start(t, o2)
	if !exists(filepath.Join(data, "PG_VERSION")) {
		t.Errorf("the cluster of workspace %s was swept as a private one", o.Workspace)
	}
}
