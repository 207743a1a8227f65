package postgres

import (
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
)

// A jig that finds the workspace's lock taken names the holder's pid, never
// 0: the holder's pid is in the file whenever the lock is held, even while
// another holder takes it over (the race the pid 0 came from).
func TestHolderPIDWhileLockChangesHands(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.lock")
	var stop atomic.Bool
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for !stop.Load() {
			if l, _ := tryLockFile(path); l != nil {
				l.unlock()
			}
		}
	}()
	defer func() { stop.Store(true); wg.Wait() }()
	for i, seen := 0, 0; i < 200000 && seen < 2000; i++ {
		l, err := tryLockFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if l != nil {
			l.unlock()
			continue
		}
		seen++
		if pid := holderPID(path); pid != os.Getpid() {
			t.Fatalf("holderPID = %d while the lock was held by pid %d", pid, os.Getpid())
		}
	}
}
