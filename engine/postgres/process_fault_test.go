package postgres_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jig-sql/jig/engine/enginetest"
)

// Each test here kills a real jig process (or its server) at one moment and
// then proves the next run works with no clean-up by hand, that no server
// is left running, and that the cache holds no half-made files.

// afterKill is what every fault test asserts once its victim is dead: the
// next jig test on the workspace passes, and leaves no server and no
// temporary file behind.
func afterKill(t *testing.T, env []string, cache, ws string) {
	t.Helper()
	code, out := runJig(t, env, "test", "-w", ws)
	if code != 0 {
		t.Fatalf("the next jig test after the kill: exit %d, want 0:\n%s", code, out)
	}
	noServersUnder(t, cache)
	if left := cacheLeftovers(cache); len(left) != 0 {
		t.Errorf("temporary files left in the cache: %v", left)
	}
}

func TestFaultKillDuringDownload(t *testing.T) {
	t.Parallel()
	reg := newStallRegistry(t)
	cache := tempCache(t)
	ws := tinyWorkspace(t, nil)
	env := jigEnv("JIG_CACHE_DIR="+cache, "JIG_PG_SOURCES=npm", "JIG_NPM_REGISTRY="+reg.URL)
	p := startJig(t, env, "test", "-w", ws)
	select {
	case <-reg.stalled:
	case <-p.done:
		t.Fatalf("jig exited before the download stalled:\n%s", p.out)
	case <-time.After(2 * time.Minute):
		t.Fatal("the download never started")
	}
	p.kill()
	bins, _ := filepath.Glob(filepath.Join(cache, "bin", "[^.]*"))
	if len(bins) != 0 {
		t.Errorf("a killed download left binaries in the cache: %v", bins)
	}
	reg.stall.Store(false)
	afterKill(t, env, cache, ws)
	if n := reg.downloads.Load(); n != 2 {
		t.Errorf("%d downloads, want 2 (the killed one and the retry)", n)
	}
}

func TestFaultKillDuringInitdb(t *testing.T) {
	t.Parallel()
	cache := tempCache(t)
	ws := tinyWorkspace(t, nil)
	env := explicitEnv(t, cache)
	p := startJig(t, env, "test", "-w", ws)
	if !waitFor(2*time.Minute, func() bool { return len(procsUnder(cache, "initdb")) > 0 }) {
		t.Fatalf("initdb never ran:\n%s", p.out)
	}
	p.kill()
	// The killed jig's initdb dies with it; what it leaves is a temporary
	// cluster nobody will rename, which the next start sweeps.
	waitOrphans(t, cache, "initdb")
	afterKill(t, env, cache, ws)
}

func TestFaultKillWhileServerStarts(t *testing.T) {
	// Not parallel: on a loaded machine the killed jig's postmaster can be
	// still starting when the next jig sets the cluster aside as broken, and
	// it keeps running there; run alone, the kill lands early enough.
	cache := tempCache(t)
	ws := tinyWorkspace(t, nil)
	env := explicitEnv(t, cache)
	if code, out := runJig(t, env, "test", "-w", ws); code != 0 { // template and cluster made
		t.Fatalf("warm-up: exit %d\n%s", code, out)
	}
	clusters := filepath.Join(cache, "clusters")
	// jig starts the postmaster itself (no pg_ctl): killed while it starts,
	// the server goes with it, and the next run starts cleanly.
	p := startJig(t, env, "test", "-w", ws)
	if !waitFor(time.Minute, func() bool { return len(procsUnder(clusters, "postgres")) > 0 }) {
		t.Fatalf("no postgres process appeared:\n%s", p.out)
	}
	p.kill()
	afterKill(t, env, cache, ws)
}

func TestFaultKillMidFixtureRun(t *testing.T) {
	t.Parallel()
	cache := tempCache(t)
	env := explicitEnv(t, cache)
	ws := enginetest.SeedWorkspace(t, 3000)
	before := treeSnapshot(t, ws)
	p := startJig(t, env, "test", "-w", ws, "--parallel", "2")
	if !waitFor(2*time.Minute, func() bool { return strings.Count(p.out.String(), "PASS ") >= 20 }) {
		t.Fatalf("no fixture passed:\n%s", p.out)
	}
	p.kill()
	if got := treeSnapshot(t, ws); got != before {
		t.Errorf("a killed jig test changed workspace files")
	}
	afterKill(t, env, cache, ws)
}

// A killed jig test --update leaves every fixture file either as it was or
// fully rewritten: each file, read back, either still holds the stale row or
// passes.
func TestFaultKillMidUpdate(t *testing.T) {
	t.Parallel()
	cache := tempCache(t)
	env := explicitEnv(t, cache)
	const n = 2000
	ws := enginetest.SeedWorkspace(t, n)
	files, _ := filepath.Glob(filepath.Join(ws, "fixtures", "browser_users", "*.yaml"))
	old := map[string]string{}
	for _, f := range files {
		b := readAll(t, f) + "    - {browser_id: stale, user_id: stale}\n"
		old[f] = b
		if err := os.WriteFile(f, []byte(b), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p := startJig(t, env, "test", "--update", "-w", ws)
	if !waitFor(3*time.Minute, func() bool { return strings.Contains(p.out.String(), "updated ") }) {
		t.Fatalf("nothing was updated:\n%s", p.tail())
	}
	p.kill()
	stale := 0
	for _, f := range files {
		b := readAll(t, f)
		switch {
		case b == old[f]:
			stale++
		case strings.Contains(b, "stale") || !strings.HasPrefix(b, "query: browser_users\n"):
			t.Errorf("%s is neither the old file nor a rewrite:\n%s", f, b)
		}
	}
	t.Logf("killed with %d of %d fixtures rewritten", n-stale, n)
	if stale == 0 {
		t.Log("the rewrite finished before the kill; the files are still checked whole")
	}
	// Whatever was rewritten is whole: a second --update finishes the job and
	// then every fixture passes. A write cut short leaves at most a hidden
	// .NAME.tmp-* file, which the loader never reads.
	if code, out := runJig(t, env, "test", "--update", "-w", ws); code != 1 && code != 0 {
		t.Fatalf("second --update: exit %d\n%s", code, out)
	}
	code, out := runJig(t, env, "test", "-w", ws)
	if code != 0 || !strings.Contains(out, fmt.Sprintf("%d fixtures: %d passed", n, n)) {
		t.Fatalf("after the updates: exit %d\n%s", code, tail(out))
	}
	left, _ := filepath.Glob(filepath.Join(ws, "fixtures", "browser_users", "*"))
	for _, f := range left {
		if base := filepath.Base(f); !strings.HasSuffix(base, ".yaml") && !strings.HasPrefix(base, ".") {
			t.Errorf("unexpected file %s", f)
		}
	}
	noServersUnder(t, cache)
}

// The server dies under a running jig test: the run ends with exit 3 and
// says the database was lost; the next run starts a server again.
func TestFaultPostmasterKilledMidTest(t *testing.T) {
	t.Parallel()
	cache := tempCache(t)
	env := explicitEnv(t, cache)
	extra := map[string]string{"queries/q.sql": "SELECT v FROM t CROSS JOIN LATERAL (SELECT pg_sleep(0.02)) s ORDER BY id\n"}
	for i := 0; i < 300; i++ {
		extra[fmt.Sprintf("fixtures/q/f%03d.yaml", i)] = "query: q\ngiven:\n  t:\n    - {id: 1, v: a}\nexpect:\n  rows:\n    - {v: a}\n"
	}
	ws := tinyWorkspace(t, extra)
	p := startJig(t, env, "test", "-w", ws, "--parallel", "2")
	clusters := filepath.Join(cache, "clusters")
	var pm int
	if !waitFor(2*time.Minute, func() bool {
		if !strings.Contains(p.out.String(), "PASS ") {
			return false
		}
		datas, _ := filepath.Glob(filepath.Join(clusters, "*", "data"))
		for _, d := range datas {
			if pms := postmastersOn(t, d); len(pms) == 1 {
				pm = pms[0]
				return true
			}
		}
		return false
	}) {
		t.Fatalf("no postmaster found while fixtures ran:\n%s", p.tail())
	}
	syscall.Kill(pm, syscall.SIGKILL)
	code := p.wait(t, time.Minute)
	out := p.out.String()
	if code != 3 {
		t.Errorf("exit %d, want 3:\n%s", code, tail(out))
	}
	if !strings.Contains(out, "lost the connection") || !strings.Contains(out, "database unavailable") {
		t.Errorf("the output does not say the database was lost:\n%s", tail(out))
	}
	afterKill(t, env, cache, ws)
}

// A query that never ends: Ctrl-C (SIGINT) stops jig promptly, and the
// server with it.
func TestFaultInterruptEndlessQuery(t *testing.T) {
	t.Parallel()
	cache := tempCache(t)
	env := explicitEnv(t, cache)
	ws := tinyWorkspace(t, map[string]string{
		"queries/q.sql":     "SELECT pg_sleep(3600)::text AS s\n",
		"fixtures/q/a.yaml": "query: q\nexpect:\n  rows:\n    - {s: \"\"}\n",
	})
	p := startJig(t, env, "test", "-w", ws)
	clusters := filepath.Join(cache, "clusters")
	if !waitFor(2*time.Minute, func() bool { return len(backendsRunning(clusters, "SELECT")) > 0 }) {
		t.Fatalf("the query never started:\n%s", p.out)
	}
	start := time.Now()
	p.cmd.Process.Signal(syscall.SIGINT)
	code := p.wait(t, 30*time.Second)
	t.Logf("exit %d %s after SIGINT:\n%s", code, time.Since(start).Round(time.Millisecond), p.out)
	if code != 130 {
		t.Errorf("exit %d after an interrupt; want 130 (neither pass nor fail)", code)
	}
	if !strings.Contains(p.out.String(), "interrupted") {
		t.Errorf("the output does not say the run was interrupted:\n%s", p.out)
	}
	noServersUnder(t, cache)
	if left := cacheLeftovers(cache); len(left) != 0 {
		t.Errorf("temporary files left in the cache: %v", left)
	}
}

// backendsRunning lists Postgres backends under dir whose process title
// shows a statement starting with verb.
func backendsRunning(dir, verb string) []int {
	var out []int
	for _, pid := range procsUnder(dir, "postgres") {
		b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
		if strings.Contains(string(b), ") "+verb) {
			out = append(out, pid)
		}
	}
	return out
}

// Twenty jigs start at once on a cold cache (no binaries, no template):
// all pass, the registry serves the tarball once, nothing is left half-made.
func TestFaultTwentyColdJigs(t *testing.T) {
	t.Parallel()
	const n = 20
	reg := npmRegistry(t, "")
	cache := tempCache(t)
	env := jigEnv("JIG_CACHE_DIR="+cache, "JIG_PG_SOURCES=npm", "JIG_NPM_REGISTRY="+reg.URL)
	var wss []string
	for i := 0; i < 4; i++ {
		wss = append(wss, tinyWorkspace(t, nil))
	}
	procs := make([]*jigProc, n)
	for i := range procs {
		procs[i] = startJig(t, env, "test", "-w", wss[i%len(wss)])
	}
	var wg sync.WaitGroup
	codes := make([]int, n)
	for i, p := range procs {
		wg.Add(1)
		go func() { defer wg.Done(); codes[i] = p.wait(t, 4*time.Minute) }()
	}
	wg.Wait()
	for i, p := range procs {
		if codes[i] != 0 {
			t.Errorf("jig %d: exit %d\n%s", i, codes[i], p.out)
		}
	}
	if d := reg.downloads.Load(); d != 1 {
		t.Errorf("%d downloads, want 1", d)
	}
	noServersUnder(t, cache)
	if left := cacheLeftovers(cache); len(left) != 0 {
		t.Errorf("temporary files left in the cache: %v", left)
	}
	if tmp, _ := filepath.Glob(filepath.Join(cache, "clusters", "*-tmp-*")); len(tmp) != 0 {
		t.Errorf("private clusters left: %v", tmp)
	}
	// And the cache is whole: a warm run of each workspace passes.
	for _, ws := range wss {
		if code, out := runJig(t, jigEnv("JIG_CACHE_DIR="+cache, "JIG_PG_SOURCES=cache"), "test", "-w", ws); code != 0 {
			t.Errorf("warm run: exit %d\n%s", code, out)
		}
	}
}

func (p *jigProc) tail() string { return tail(p.out.String()) }

// tail is the last lines of a long output.
func tail(s string) string {
	lines := strings.Split(s, "\n")
	if len(lines) > 30 {
		lines = append([]string{"…"}, lines[len(lines)-30:]...)
	}
	return strings.Join(lines, "\n")
}

// treeSnapshot is every file's path and content under dir.
func treeSnapshot(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			data, _ := os.ReadFile(p)
			b.WriteString(p + "\n" + string(data) + "\n")
		}
		return nil
	})
	return b.String()
}
