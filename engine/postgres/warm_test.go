package postgres_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/jig-sql/jig/engine/postgres"
)

// A warm cache is a fresh cache that already holds a password, a template
// cluster and a spare copy of it, as every cache does after its first
// start. Tests whose point is a workspace's cluster (stale servers, private
// clusters, rebuilds, the server account), not the first start ever, begin
// from one: they skip two initdb runs each, the largest CPU cost of the
// package on a 2-core machine. The cold start keeps its own tests
// (TestSource*, TestConcurrentColdStarts, the fault tests).
var (
	warmOnce  sync.Once
	warmProto string
	warmErr   error
)

// warmOptions is explicitOptions on a warm cache.
func warmOptions(tb testing.TB) postgres.Options {
	tb.Helper()
	o := explicitOptions(tb)
	warmOnce.Do(func() { warmProto, warmErr = warmPrototype(postgresFiles(tb)) })
	if warmErr != nil {
		tb.Fatalf("preparing the warm cache: %v", warmErr)
	}
	// cp -a keeps the server account's ownership and the 0700 data dirs.
	if out, err := exec.Command("cp", "-a", warmProto+"/.", o.CacheDir).CombinedOutput(); err != nil {
		tb.Fatalf("copying the warm cache: %v\n%s", err, out)
	}
	return o
}

// warmPrototype returns the cache warm caches are copied from, made once
// per machine (like the binaries) next to the testdata: one start and stop
// on an empty cache, keeping what the start left for the next one.
func warmPrototype(p *pgFiles) (string, error) {
	dir := filepath.Join(p.dir, "warm-cache-"+npmVersion)
	if exists(filepath.Join(dir, "password")) {
		return dir, nil
	}
	tmp, err := os.MkdirTemp(p.dir, ".warm-*")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	os.Chmod(tmp, 0o755)
	ws, err := os.MkdirTemp("", "jig-warm-ws-*")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(ws)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	s, err := postgres.Start(ctx, postgres.Options{CacheDir: tmp, BinariesDir: p.BinDir,
		Sources: []string{postgres.SourceExplicit}, Workspace: ws})
	if err != nil {
		return "", err
	}
	if err := s.Stop(); err != nil { // waits for the template and spare
		return "", err
	}
	for _, name := range []string{"clusters", "locks", "pgpass"} {
		os.RemoveAll(filepath.Join(tmp, name))
	}
	spare, _ := filepath.Glob(filepath.Join(tmp, "template", "*", "spare"))
	if len(spare) != 1 {
		return "", fmt.Errorf("the first start left no spare cluster in %s", tmp)
	}
	if err := os.Rename(tmp, dir); err != nil && !exists(filepath.Join(dir, "password")) {
		return "", err
	}
	return dir, nil
}
