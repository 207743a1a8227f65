package postgres

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// The server's superuser. Its password is random per cache (cachePassword).
const superuser = "jig"

// binariesVersion is the binaries' version: known from the release for
// jig's own cache (saving an exec on every warm start), asked otherwise.
func binariesVersion(o *Options, binDir string, rel release) (string, error) {
	if binDir == o.cachedBinDir(rel) {
		parts := strings.SplitN(rel.maven, ".", 3)
		return parts[0] + "." + parts[1], nil
	}
	return serverVersion(binDir)
}

// serverVersion asks the binaries which version they are ("17.5").
func serverVersion(binDir string) (string, error) {
	out, err := (*account)(nil).command(filepath.Join(binDir, "bin", "postgres"), "--version").Output()
	if err != nil {
		return "", fmt.Errorf("%s/bin/postgres --version: %w", binDir, err)
	}
	m := regexp.MustCompile(`(\d+)(\.\d+)?`).FindString(string(out))
	if m == "" {
		return "", fmt.Errorf("%s/bin/postgres --version printed %q", binDir, out)
	}
	return m, nil
}

// ensureTemplate initialises, once per version and cache, a stopped cluster
// that new workspaces copy instead of running initdb (copying is ~10× faster).
func ensureTemplate(ctx context.Context, o *Options, acct *account, binDir, version, password string) (string, error) {
	data := templatePath(o, binDir, version)
	if validCluster(data) {
		return data, nil
	}
	lock, err := lockFile(ctx, filepath.Join(o.CacheDir, "locks", "template-"+version+".lock"))
	if err != nil {
		return "", err
	}
	defer lock.unlock()
	if validCluster(data) {
		return data, nil
	}
	o.Progress.report(Progress{Step: StepInit, Message: "initialising Postgres " + version + " (first run only)"})
	if err := mkdirOwned(filepath.Dir(data), acct); err != nil {
		return "", err
	}
	return data, initCluster(ctx, acct, binDir, password, data)
}

// templatePath is the template cluster's data directory. The suffix names
// the template's layout (w1: 1 MB WAL segments), so a cache made by an
// older jig gets a new template rather than the old one.
func templatePath(o *Options, binDir, version string) string {
	return filepath.Join(o.CacheDir, "template", version+"-"+fmt.Sprintf("%x", hashString(binDir))+"-w1", "data")
}

// initCluster runs initdb as acct into data (via a temp name), with jig's
// superuser and the cache's password. The caller holds the lock that
// serialises writers of data.
func initCluster(ctx context.Context, acct *account, binDir, password, data string) error {
	dir := filepath.Dir(data)
	// What a jig killed during initdb left: its temp cluster and password file.
	removeTempSiblings(data)
	removeTempSiblings(filepath.Join(dir, "pwfile"))
	tmp := tempSibling(data)
	defer os.RemoveAll(tmp)
	pwfile := tempSibling(filepath.Join(dir, "pwfile"))
	defer os.Remove(pwfile)
	if err := os.WriteFile(pwfile, []byte(password+"\n"), 0o600); err != nil {
		return err
	}
	if err := acct.chown(pwfile); err != nil {
		return err
	}
	cmd := acct.commandContext(ctx, filepath.Join(binDir, "bin", "initdb"), "-D", tmp, "-U", superuser,
		"--auth=scram-sha-256", "--pwfile="+pwfile, "--encoding=UTF8", "--locale=C",
		"--no-sync", "--no-instructions",
		// 1 MB WAL segments instead of 16: a cluster starts with one
		// segment, so every copy of the template is 15 MB smaller.
		"--wal-segsize=1")
	// Like the server (startPostmaster), initdb dies with jig, and so does
	// the postgres it runs, which reads its script from initdb: the thread
	// that forks it stays locked to this goroutine until it ends.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	tieToParent(cmd.SysProcAttr)
	if out, err := cmd.CombinedOutput(); err != nil {
		if ctx.Err() != nil {
			return ctx.Err() // stopped, not failed: the temp cluster goes with the defer
		}
		return fmt.Errorf("initdb as %s: %w\n%s", acct, err, out)
	}
	return os.Rename(tmp, data)
}

// validCluster reports whether dir holds a complete initialised cluster.
func validCluster(dir string) bool {
	_, err1 := os.Stat(filepath.Join(dir, "PG_VERSION"))
	_, err2 := os.Stat(filepath.Join(dir, "postgresql.conf"))
	return err1 == nil && err2 == nil
}

func mkdirOwned(dir string, acct *account) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return acct.chown(dir)
}

// clusterKey names a workspace's cluster: readable, and unique per path and version.
func clusterKey(workspace, version string) string {
	if workspace == "" {
		return "default-pg" + version
	}
	sum := sha256.Sum256([]byte(workspace))
	base := regexp.MustCompile(`[^A-Za-z0-9_-]+`).ReplaceAllString(filepath.Base(workspace), "_")
	if len(base) > 24 {
		base = base[:24]
	}
	return base + "-" + hex.EncodeToString(sum[:5]) + "-pg" + version
}

// copyCluster copies the template into data (via a temp name), owned by acct.
func copyCluster(template, data string, acct *account) error {
	tmp := tempSibling(data)
	defer os.RemoveAll(tmp)
	var files []string
	err := filepath.WalkDir(template, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(template, path)
		switch {
		case d.IsDir():
			info, err := d.Info()
			if err != nil {
				return err
			}
			if err := os.Mkdir(filepath.Join(tmp, rel), info.Mode().Perm()); err != nil {
				return err
			}
			return acct.chown(filepath.Join(tmp, rel))
		case d.Type().IsRegular():
			files = append(files, rel)
		}
		return nil // postmaster.pid and sockets are never in a stopped template
	})
	if err == nil {
		err = copyFiles(template, tmp, files, acct)
	}
	if err != nil {
		return fmt.Errorf("copying the template cluster: %w", err)
	}
	return os.Rename(tmp, data)
}

// copyFiles copies the files (paths relative to src) on a few goroutines:
// a cluster is about a thousand small files, and one at a time the copy is
// bound by syscalls, not bytes.
func copyFiles(src, dst string, files []string, acct *account) error {
	next := make(chan string)
	errs := make(chan error, 4)
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for rel := range next {
				if err := copyOwned(filepath.Join(src, rel), filepath.Join(dst, rel), acct); err != nil {
					select {
					case errs <- err:
					default:
					}
				}
			}
		}()
	}
	for _, f := range files {
		next <- f
	}
	close(next)
	wg.Wait()
	select {
	case err := <-errs:
		return err
	default:
		return nil
	}
}

func copyOwned(src, dst string, acct *account) error {
	info, err := os.Stat(src)
	if err != nil {
		return err
	}
	if err := copyFile(src, dst, info.Mode().Perm()); err != nil {
		return err
	}
	return acct.chown(dst)
}

func copyFile(src, dst string, perm os.FileMode) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, perm)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	return err
}

// stopStale handles a postmaster.pid left by a killed jig. We hold the
// cluster's lock, so no live jig uses this data directory: a live postmaster
// there is an orphan and is shut down; a dead one's pid file is removed (the
// pid may have been reused by an unrelated process, which would make
// Postgres refuse to start).
func stopStale(data string) error {
	pidFile := filepath.Join(data, "postmaster.pid")
	pid, pidData := readPostmasterPID(pidFile)
	if pid <= 0 {
		return nil
	}
	if !isPostmaster(pid, data, pidData) {
		return removeIfExists(pidFile)
	}
	syscall.Kill(pid, syscall.SIGINT) // fast shutdown: rolls back, closes connections
	if waitGone(pid, 10*time.Second) {
		return removeIfExists(pidFile)
	}
	syscall.Kill(pid, syscall.SIGQUIT) // immediate shutdown
	if waitGone(pid, 5*time.Second) {
		return removeIfExists(pidFile)
	}
	return fmt.Errorf("a Postgres left by an earlier jig (pid %d) on %s does not stop; kill it and retry", pid, data)
}

func readPostmasterPID(path string) (int, string) {
	f, err := os.Open(path)
	if err != nil {
		return 0, ""
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	var lines []string
	for s.Scan() && len(lines) < 2 {
		lines = append(lines, s.Text())
	}
	if len(lines) == 0 {
		return 0, ""
	}
	pid, _ := strconv.Atoi(strings.TrimSpace(lines[0]))
	dataLine := ""
	if len(lines) > 1 {
		dataLine = lines[1]
	}
	return pid, dataLine
}

// isPostmaster reports whether pid is alive and is a postgres serving data.
// A pid from a stale file may have been reused by anything, including
// another cluster's postgres, so the process's working directory (a
// postmaster runs in its data directory) must be data too.
func isPostmaster(pid int, data, pidData string) bool {
	if err := syscall.Kill(pid, 0); err != nil && !errors.Is(err, syscall.EPERM) {
		return false
	}
	if _, err := os.Stat("/proc/self/cwd"); err != nil {
		// No /proc (macOS): trust the pid file's data directory line.
		return pidData == data
	}
	cmdline, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
	if err != nil || !strings.Contains(string(cmdline), "postgres") {
		return false
	}
	cwd, err := os.Readlink(fmt.Sprintf("/proc/%d/cwd", pid))
	if err != nil {
		return false // not ours to see, so not ours to stop
	}
	if real, err := filepath.EvalSymlinks(data); err == nil {
		data = real
	}
	return cwd == data
}

func waitGone(pid int, d time.Duration) bool {
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if err := syscall.Kill(pid, 0); errors.Is(err, syscall.ESRCH) {
			return true
		}
		if isZombie(pid) {
			return true
		}
		time.Sleep(10 * time.Millisecond)
	}
	return false
}

func isZombie(pid int) bool {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false
	}
	i := strings.LastIndexByte(string(b), ')')
	return i > 0 && i+2 < len(b) && b[i+2] == 'Z'
}

func removeIfExists(path string) error {
	if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}

// A spare is a copy of the template made in the background after a start,
// so the next new workspace renames it into place (instant) instead of
// copying a thousand files while the user waits.
func spareDir(template string) string { return filepath.Join(filepath.Dir(template), "spare") }

// claimSpare moves the spare into data; false when there is none. Rename
// is atomic, so two jigs never claim the same spare.
func claimSpare(template, data string) bool {
	spare := spareDir(template)
	if !validCluster(spare) {
		return false
	}
	return os.Rename(spare, data) == nil
}

// refillSpare makes a spare when there is none, in the background; the
// returned channel is closed when it is done (nil when nothing was needed
// or another jig is already making one).
func refillSpare(cacheDir, template string, acct *account) chan struct{} {
	spare := spareDir(template)
	if validCluster(spare) {
		return nil
	}
	lock, err := tryLockFile(filepath.Join(cacheDir, "locks", "spare-"+filepath.Base(filepath.Dir(template))+".lock"))
	if err != nil || lock == nil {
		return nil
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer lock.unlock()
		removeTempSiblings(spare) // a killed jig's half copy
		if !validCluster(spare) {
			os.RemoveAll(spare)
			copyCluster(template, spare, acct) // a failure only costs the next start a copy
		}
	}()
	return done
}
