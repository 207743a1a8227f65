package postgres_test

import (
	"bufio"
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

	embeddedpostgres "github.com/fergusstrange/embedded-postgres"
	"github.com/jig-sql/jig/engine/postgres"
)

// helperEnv switches a re-executed test binary into a helper process that
// plays a separate jig (TestMain checks it before starting any server).
// The helper reads its options from JIG_TEST_* variables.
const helperEnv = "JIG_TEST_HELPER"

func runHelper(mode string) int {
	var err error
	switch mode {
	case "start":
		err = helperStart(false)
	case "orphan":
		err = helperStart(true)
	case "coldstart":
		err = helperColdStart()
	case "naive":
		err = helperNaive()
	default:
		err = fmt.Errorf("unknown helper mode %q", mode)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "helper:", err)
		return 1
	}
	return 0
}

func helperOptions() postgres.Options {
	o := postgres.Options{
		CacheDir:    os.Getenv("JIG_TEST_CACHE"),
		Workspace:   os.Getenv("JIG_TEST_WORKSPACE"),
		BinariesDir: os.Getenv("JIG_TEST_BINARIES"),
		NPMRegistry: os.Getenv("JIG_TEST_NPM"),
	}
	if s := os.Getenv("JIG_TEST_SOURCES"); s != "" {
		o.Sources = strings.Split(s, ",")
	}
	return o
}

// helperStart starts a server, writes a marker row, prints
// "READY <postmaster pid>" and serves until stdin closes or the test kills
// it. With orphan, it then replaces jig's server by one it starts detached
// (as jigs did through pg_ctl), which a killed helper leaves running.
func helperStart(orphan bool) error {
	ctx := context.Background()
	s, err := postgres.Start(ctx, helperOptions())
	if err != nil {
		return err
	}
	defer s.Stop()
	conn, err := s.Connect(ctx)
	if err != nil {
		return err
	}
	var data string
	if err := conn.QueryRow(ctx, "SELECT current_setting('data_directory')").Scan(&data); err != nil {
		return err
	}
	if _, err := conn.Exec(ctx, "CREATE TABLE IF NOT EXISTS marker (pid int); INSERT INTO marker VALUES (pg_backend_pid())"); err != nil {
		return err
	}
	conn.Close(ctx)
	if orphan {
		if err := s.Stop(); err != nil {
			return err
		}
		if err := startDetached(data); err != nil {
			return err
		}
	}
	fmt.Printf("READY %d\n", pidFromFile(filepath.Join(data, "postmaster.pid")))
	io.Copy(io.Discard, os.Stdin)
	return s.Stop()
}

// startDetached starts a postmaster on data that is nobody's child to
// watch: its own session, no parent-death signal; it returns once the
// server wrote its pid file.
func startDetached(data string) error {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	cmd := exec.Command(filepath.Join(os.Getenv("JIG_TEST_BINARIES"), "bin", "postgres"), "-D", data, "-p", strconv.Itoa(port),
		"-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	if os.Geteuid() == 0 {
		u, err := user.Lookup(postgres.ServerAccount)
		if err != nil {
			return err
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		cmd.SysProcAttr.Credential = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait()
	for end := time.Now().Add(30 * time.Second); time.Now().Before(end); time.Sleep(10 * time.Millisecond) {
		if pidFromFile(filepath.Join(data, "postmaster.pid")) == cmd.Process.Pid {
			return nil
		}
	}
	return fmt.Errorf("the detached postmaster on %s wrote no pid file", data)
}

// helperColdStart starts, runs one query and stops: one jig's whole life.
func helperColdStart() error {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	s, err := postgres.Start(ctx, helperOptions())
	if err != nil {
		return err
	}
	defer s.Stop()
	conn, err := s.Connect(ctx)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE TABLE IF NOT EXISTS t (i int); INSERT INTO t VALUES (1)"); err != nil {
		return err
	}
	fmt.Printf("OK %q\n", s.Note)
	return s.Stop()
}

// helperNaive runs embedded-postgres as its README shows, JIG_TEST_N
// times, and prints the total nanoseconds from Start's call to its return
// (Start returns after its own health-check connection succeeds). It must
// run as an unprivileged user: initdb refuses root.
func helperNaive() error {
	n, _ := strconv.Atoi(os.Getenv("JIG_TEST_N"))
	port, _ := strconv.Atoi(os.Getenv("JIG_TEST_PORT"))
	var total time.Duration
	for i := 0; i < n; i++ {
		pg := embeddedpostgres.NewDatabase(embeddedpostgres.DefaultConfig().
			Version(embeddedpostgres.V17).
			CachePath(os.Getenv("JIG_TEST_CACHE")).
			Port(uint32(port)).
			Logger(io.Discard))
		t0 := time.Now()
		if err := pg.Start(); err != nil {
			return err
		}
		total += time.Since(t0)
		if err := pg.Stop(); err != nil {
			return err
		}
	}
	fmt.Println(total.Nanoseconds())
	return nil
}

// helper re-executes the test binary in mode with extra environment.
func helper(tb testing.TB, mode string, env ...string) *exec.Cmd {
	tb.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), append([]string{helperEnv + "=" + mode}, env...)...)
	return cmd
}

// startHelper starts a "start" helper on opts's cache and workspace and
// returns it with its postmaster's pid once the server is ready.
func startHelper(tb testing.TB, o postgres.Options, mode string) (*exec.Cmd, int) {
	tb.Helper()
	cmd := helper(tb, mode, "JIG_TEST_CACHE="+o.CacheDir, "JIG_TEST_WORKSPACE="+o.Workspace,
		"JIG_TEST_BINARIES="+o.BinariesDir, "JIG_TEST_SOURCES="+strings.Join(o.Sources, ","))
	stdin, err := cmd.StdinPipe()
	if err != nil {
		tb.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		tb.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		stdin.Close()
		cmd.Process.Kill()
		cmd.Wait()
	})
	line, err := bufio.NewReader(stdout).ReadString('\n')
	var pid int
	if _, serr := fmt.Sscanf(line, "READY %d", &pid); err != nil || serr != nil {
		cmd.Process.Kill()
		cmd.Wait()
		tb.Fatalf("helper did not start a server: %q %v\n%s", line, err, stderr.String())
	}
	return cmd, pid
}
