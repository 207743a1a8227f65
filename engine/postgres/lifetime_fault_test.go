package postgres_test

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// No server outlives its jig: however the jig process ends (a signal it
// handles, one it cannot, a broken pipe, a crash), no postgres runs on its
// cache two seconds later.

// endlessWorkspace has a query and a check that never end, so a jig is
// always mid-run when the test signals it.
func endlessWorkspace(t *testing.T) string {
	return tinyWorkspace(t, map[string]string{
		"queries/q.sql":     "SELECT pg_sleep(3600)::text AS s\n",
		"fixtures/q/a.yaml": "query: q\nexpect:\n  rows:\n    - {s: \"\"}\n",
		"checks/t_not.yaml": "table: t\nchecks:\n  - sql: \"select * from jig_target, pg_sleep(3600)\"\n",
		"queries/quick.sql": "SELECT 1 AS n\n",
	})
}

// serverGoneWithin fails the test unless no postgres runs under cache
// within d.
func serverGoneWithin(t *testing.T, cache string, d time.Duration) {
	t.Helper()
	start := time.Now()
	if !waitFor(d, func() bool { return len(procsUnder(cache, "postgres")) == 0 }) {
		t.Errorf("postgres still runs under %s %s after jig ended: %v", cache, d, procsUnder(cache, "postgres"))
		return
	}
	t.Logf("no postgres %s after jig ended", time.Since(start).Round(time.Millisecond))
}

func TestFaultNoServerOutlivesJig(t *testing.T) {
	cache := tempCache(t)
	env := explicitEnv(t, cache)
	ws := endlessWorkspace(t)
	if code, out := runJig(t, env, "validate", "-w", ws); code != 0 {
		t.Fatalf("validate: exit %d\n%s", code, out)
	}
	clusters := filepath.Join(cache, "clusters")
	for _, tc := range []struct {
		sig  syscall.Signal
		args []string
		code int // -1: killed by the signal
	}{
		{syscall.SIGHUP, []string{"serve"}, 0}, // serve's way out is a signal
		{syscall.SIGHUP, []string{"test"}, 130},
		{syscall.SIGHUP, []string{"run", "q"}, 130},
		{syscall.SIGHUP, []string{"check", "--self-test"}, 130},
		{syscall.SIGQUIT, []string{"test"}, 130},
		{syscall.SIGQUIT, []string{"serve"}, 0},
		{syscall.SIGKILL, []string{"test"}, -1},
		{syscall.SIGKILL, []string{"serve"}, -1},
	} {
		t.Run(fmt.Sprintf("%s_%s", strings.ReplaceAll(tc.sig.String(), " ", "_"), tc.args[0]), func(t *testing.T) {
			before := map[int]bool{}
			for _, pid := range backendsRunning(clusters, "SELECT") {
				before[pid] = true
			}
			p := startJig(t, env, append(tc.args, "-w", ws)...)
			busy := func() bool {
				for _, pid := range backendsRunning(clusters, "SELECT") {
					if !before[pid] {
						return true
					}
				}
				return false
			}
			if tc.args[0] == "serve" {
				busy = func() bool { return strings.Contains(p.out.String(), "Ctrl-C stops it") }
			}
			if !waitFor(time.Minute, func() bool { return busy() || p.exited() }) || p.exited() {
				t.Fatalf("jig %v never got busy:\n%s", tc.args, p.out)
			}
			p.cmd.Process.Signal(tc.sig)
			code := p.wait(t, 30*time.Second)
			serverGoneWithin(t, cache, 2*time.Second)
			if code != tc.code {
				t.Errorf("exit %d after %s, want %d:\n%s", code, tc.sig, tc.code, p.out)
			}
		})
	}
	// The workspace's fixture never ends, so the next run is a quick
	// query, after which the cache must hold nothing half made.
	if code, out := runJig(t, env, "run", "quick", "-w", ws); code != 0 {
		t.Errorf("jig run after the kills: exit %d\n%s", code, out)
	}
	noServersUnder(t, cache)
	if left := cacheLeftovers(cache); len(left) != 0 {
		t.Errorf("temporary files left in the cache: %v", left)
	}
}

// jig test | head -1: jig ends by the broken pipe, quietly, and its server
// with it.
func TestFaultBrokenPipeStopsServer(t *testing.T) {
	cache := tempCache(t)
	env := explicitEnv(t, cache)
	extra := map[string]string{}
	for i := 0; i < 200; i++ {
		extra[fmt.Sprintf("fixtures/q/f%03d.yaml", i)] = "query: q\ngiven:\n  t:\n    - {id: 1, v: a}\nexpect:\n  rows:\n    - {v: a}\n"
	}
	ws := tinyWorkspace(t, extra)
	script := fmt.Sprintf(`%q test -w %q --parallel 1 2>%q | head -1; echo "${PIPESTATUS[0]}"`, jigBinary(t), ws, filepath.Join(cache, "stderr"))
	cmd := exec.Command("bash", "-c", script)
	cmd.Env = env
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("bash: %v\n%s", err, out)
	}
	serverGoneWithin(t, cache, 2*time.Second)
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if got := lines[len(lines)-1]; got != "141" {
		t.Errorf("jig's exit status %s, want 141 (SIGPIPE):\n%s", got, out)
	}
	if stderr := readAll(t, filepath.Join(cache, "stderr")); strings.Contains(stderr, "interrupted") || strings.Contains(stderr, "broken pipe") {
		t.Errorf("jig was not quiet about the closed pipe:\n%s", stderr)
	}
	afterKill(t, env, cache, ws)
}

// A crash (a panic on a goroutine nothing recovers) runs no deferred Stop;
// the server must still go with the process.
func TestFaultPanicStopsServer(t *testing.T) {
	cache := tempCache(t)
	env := explicitEnv(t, cache)
	ws := tinyWorkspace(t, nil)
	p := startJigBinary(t, jigFaultBinary(t), append(env, "JIG_FAULT_PANIC=1"), "test", "-w", ws)
	code := p.wait(t, time.Minute)
	if code != 2 || !strings.Contains(p.out.String(), "JIG_FAULT_PANIC") {
		t.Fatalf("exit %d, want the fault build's panic (2):\n%s", code, p.out)
	}
	serverGoneWithin(t, cache, 2*time.Second)
	afterKill(t, env, cache, ws)
}

// Ctrl-C while a first start initialises Postgres stops jig at once, with
// "interrupted" and none of the cancelled steps' raw errors.
func TestFaultInterruptColdStart(t *testing.T) {
	cache := tempCache(t)
	env := explicitEnv(t, cache)
	ws := tinyWorkspace(t, nil)
	p := startJig(t, env, "test", "-w", ws)
	if !waitFor(2*time.Minute, func() bool { return len(procsUnder(cache, "initdb")) > 0 }) {
		t.Fatalf("initdb never ran:\n%s", p.out)
	}
	start := time.Now()
	p.cmd.Process.Signal(syscall.SIGINT)
	code := p.wait(t, 30*time.Second)
	took := time.Since(start)
	out := p.out.String()
	t.Logf("exit %d %s after SIGINT:\n%s", code, took.Round(time.Millisecond), out)
	if code != 130 || !strings.Contains(out, "jig: interrupted") {
		t.Errorf("exit %d, want 130 and \"interrupted\":\n%s", code, out)
	}
	if strings.Contains(out, "canceled") || strings.Contains(out, "failed to connect") || strings.Contains(out, "initdb") {
		t.Errorf("raw errors of the cancelled start were printed:\n%s", out)
	}
	if took > 500*time.Millisecond {
		t.Errorf("jig took %s to stop after SIGINT; want well under a second", took)
	}
	serverGoneWithin(t, cache, 2*time.Second)
	afterKill(t, env, cache, ws)
}
