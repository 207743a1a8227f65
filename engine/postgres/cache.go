package postgres

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// CacheDir returns jig's cache directory: $JIG_CACHE_DIR when set, else
// os.UserCacheDir()/jig. When jig runs as root the server runs as an
// unprivileged account that must reach the binaries and data, and root's
// home is usually 0700, so root's default is /var/cache/jig instead.
func CacheDir() (string, error) {
	if d := os.Getenv("JIG_CACHE_DIR"); d != "" {
		return filepath.Abs(d)
	}
	if os.Geteuid() == 0 {
		return "/var/cache/jig", nil
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("finding the cache directory (set JIG_CACHE_DIR): %w", err)
	}
	return filepath.Join(d, "jig"), nil
}

// fileLock is an advisory flock(2) on a file. It dies with the process, so a
// killed jig never leaves a lock behind.
type fileLock struct{ f *os.File }

// lockFile takes an exclusive lock on path, waiting until ctx is done.
func lockFile(ctx context.Context, path string) (*fileLock, error) {
	for {
		l, err := tryLockFile(path)
		if err != nil || l != nil {
			return l, err
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("waiting for lock %s: %w", path, ctx.Err())
		case <-time.After(25 * time.Millisecond):
		}
	}
}

// tryLockFile takes the lock if it is free; (nil, nil) means another process
// holds it.
func tryLockFile(path string) (*fileLock, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, nil
		}
		return nil, fmt.Errorf("locking %s: %w", path, err)
	}
	writeHolder(f)
	return &fileLock{f: f}, nil
}

// createLocked creates the lock file path already held. It locks a file
// under a temp name and renames it into place, so a sweeper that looks for
// lock files it can take (a dead owner's) never sees one between its
// creation and its locking.
func createLocked(path string) (*fileLock, error) {
	tmp := tempSibling(path)
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_EXCL|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		os.Remove(tmp)
		return nil, fmt.Errorf("locking %s: %w", path, err)
	}
	writeHolder(f)
	if err := os.Rename(tmp, path); err != nil {
		f.Close()
		os.Remove(tmp)
		return nil, err
	}
	return &fileLock{f: f}, nil
}

// writeHolder writes our pid into a lock file we hold, for messages like
// "open in another jig (pid 42)". Written over the last holder's, never
// truncated to nothing first, so a reader finds a pid at every moment but
// the first (a new, empty file), which holderPID waits out.
func writeHolder(f *os.File) {
	line := []byte(fmt.Sprintf("%d\n", os.Getpid()))
	if _, err := f.WriteAt(line, 0); err == nil {
		_ = f.Truncate(int64(len(line)))
	}
}

// holderPID reads the pid the current holder wrote, or 0. A file still
// empty (just created) or naming a dead process (the previous holder, the
// instant before the new one writes) is read again, for up to 200 ms.
func holderPID(path string) int {
	var pid int
	for end := time.Now().Add(200 * time.Millisecond); ; time.Sleep(2 * time.Millisecond) {
		b, _ := os.ReadFile(path)
		pid = 0
		fmt.Sscan(strings.TrimSpace(string(b)), &pid)
		if pid > 0 && syscall.Kill(pid, 0) != syscall.ESRCH || time.Now().After(end) {
			return pid
		}
	}
}

func (l *fileLock) unlock() {
	if l != nil && l.f != nil {
		syscall.Flock(int(l.f.Fd()), syscall.LOCK_UN)
		l.f.Close()
		l.f = nil
	}
}

// randomHex returns n random bytes as hex.
func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return hex.EncodeToString(b)
}

// tempSibling is a unique name next to path for write-then-rename.
func tempSibling(path string) string {
	return filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".tmp-"+randomHex(4))
}

// removeTempSiblings removes what a killed jig left of a write-then-rename
// of path (see tempSibling). Call it only while holding the lock that
// serialises writers of path, so no live writer's temp is removed.
func removeTempSiblings(path string) {
	matches, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*"))
	for _, m := range matches {
		os.RemoveAll(m)
	}
}

// cachePassword returns the cache's server password, creating it once. It is
// random per cache and kept in a 0600 file, because a warm start reuses the
// cluster initialised with it.
func cachePassword(cacheDir string) (string, error) {
	path := filepath.Join(cacheDir, "password")
	if b, err := os.ReadFile(path); err == nil && len(strings.TrimSpace(string(b))) >= 16 {
		return strings.TrimSpace(string(b)), nil
	}
	pw := randomHex(16)
	tmp := tempSibling(path)
	if err := os.WriteFile(tmp, []byte(pw+"\n"), 0o600); err != nil {
		return "", fmt.Errorf("writing server password: %w", err)
	}
	// Link, not rename: when two jigs race on a cold cache, the first one wins
	// and the other reads its password.
	err := os.Link(tmp, path)
	os.Remove(tmp)
	if err != nil && !errors.Is(err, os.ErrExist) {
		return "", fmt.Errorf("writing server password: %w", err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("reading server password: %w", err)
	}
	return strings.TrimSpace(string(b)), nil
}
