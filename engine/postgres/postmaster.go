package postgres

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
)

// postmaster is a Postgres server process that jig started itself (no
// pg_ctl), so it is jig's child: it cannot outlive jig (tieToParent) and
// jig learns the moment it exits.
type postmaster struct {
	cmd  *exec.Cmd
	done chan struct{} // closed once the process has exited and been reaped
	err  error         // the process's end, valid after done
	// untie ends what tieToParent set up besides the kernel's own tie.
	untie func()
}

// startPostmaster runs binDir/bin/postgres on data as acct, its output
// appended to logFile. Settings are passed as -c name=value.
//
// The process is started from a goroutine locked to its OS thread, which
// then waits for it: the kernel's parent-death signal follows the thread
// that forked (golang/go#27505), and a Go thread is only ever ended when a
// goroutine exits locked to it, so the server would otherwise die with
// whichever goroutine happened to lock that thread next.
func startPostmaster(acct *account, binDir, data string, port int, settings map[string]string, logFile *os.File) (*postmaster, error) {
	args := []string{"-D", data, "-p", strconv.Itoa(port)}
	for _, k := range sortedSettings(settings) {
		args = append(args, "-c", k+"="+settings[k])
	}
	cmd := acct.command(filepath.Join(binDir, "bin", "postgres"), args...)
	cmd.Dir = data
	cmd.Stdout, cmd.Stderr = logFile, logFile
	// Its own process group: a Ctrl-C or a hang-up on jig's terminal is
	// jig's to handle (it stops the server in order), not the server's.
	cmd.SysProcAttr.Setpgid = true
	tieToParent(cmd.SysProcAttr)
	pm := &postmaster{cmd: cmd, done: make(chan struct{}), untie: func() {}}
	started := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		defer close(pm.done)
		if err := cmd.Start(); err != nil {
			pm.err = err
			started <- err
			return
		}
		started <- nil
		pm.err = cmd.Wait()
	}()
	if err := <-started; err != nil {
		return nil, fmt.Errorf("starting %s as %s: %w", cmd.Path, acct, err)
	}
	untie, err := watchParent(cmd.Process.Pid)
	if err != nil {
		pm.stop()
		return nil, err
	}
	pm.untie = untie
	return pm, nil
}

func sortedSettings(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// exited reports whether the process has ended.
func (pm *postmaster) exited() bool {
	select {
	case <-pm.done:
		return true
	default:
		return false
	}
}

// stop asks for a fast shutdown (SIGINT: roll back, close connections,
// checkpoint), then an immediate one, then kills; it returns once the
// process is gone. False when it needed more than a fast shutdown.
func (pm *postmaster) stop() bool {
	defer pm.untie()
	clean := true
	for _, step := range []struct {
		sig  syscall.Signal
		wait time.Duration
	}{{syscall.SIGINT, 10 * time.Second}, {syscall.SIGQUIT, 5 * time.Second}, {syscall.SIGKILL, time.Minute}} {
		if pm.exited() {
			return clean
		}
		pm.cmd.Process.Signal(step.sig)
		select {
		case <-pm.done:
			return clean
		case <-time.After(step.wait):
			clean = false
		}
	}
	return false
}

// errServerExited says the server ended while jig waited for it.
var errServerExited = errors.New("the server exited while starting")

// waitReady connects until the server accepts the connection, checking
// every few milliseconds (pg_ctl checks every 100), and returns that
// connection. It fails at once when the server exits, when ctx ends, or
// when a server answers that is not the one on data (another server took
// the port first).
func (pm *postmaster) waitReady(ctx context.Context, cfg *pgx.ConnConfig, data string, timeout time.Duration) (*pgx.Conn, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cfg = cfg.Copy()
	cfg.ConnectTimeout = time.Second
	for pause := time.Millisecond; ; pause = min(2*pause, 10*time.Millisecond) {
		conn, err := pgx.ConnectConfig(ctx, cfg)
		if err == nil {
			var dir string
			if err = conn.QueryRow(ctx, "SHOW data_directory").Scan(&dir); err == nil && !sameDir(dir, data) {
				err = fmt.Errorf("port %d answers for another server (%s): %w", cfg.Port, dir, errServerExited)
			}
			if err == nil {
				return conn, nil
			}
			conn.Close(context.Background())
			if errors.Is(err, errServerExited) {
				return nil, err
			}
		}
		select {
		case <-pm.done:
			return nil, errServerExited
		case <-ctx.Done():
			if ctx.Err() == context.DeadlineExceeded {
				return nil, fmt.Errorf("the server did not accept connections within %s: %w", timeout, err)
			}
			return nil, ctx.Err()
		case <-time.After(pause):
		}
	}
}

func sameDir(a, b string) bool {
	if a == b {
		return true
	}
	ra, err1 := filepath.EvalSymlinks(a)
	rb, err2 := filepath.EvalSymlinks(b)
	return err1 == nil && err2 == nil && ra == rb
}
