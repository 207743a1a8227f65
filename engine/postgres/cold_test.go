package postgres_test

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// Several jigs starting at once on a cold cache: one downloads, all start,
// and the cache is left whole.
func TestConcurrentColdStarts(t *testing.T) {
	t.Parallel()
	const n = 4
	reg := npmRegistry(t, "")
	cache := tempCache(t)
	ws := []string{workspaceDir(t, "ws0"), workspaceDir(t, "ws1")}
	var wg sync.WaitGroup
	outs := make([]string, n)
	errs := make([]error, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Two jigs per workspace: the loser of each pair gets a private cluster.
			cmd := helper(t, "coldstart", "JIG_TEST_CACHE="+cache, "JIG_TEST_SOURCES=npm",
				"JIG_TEST_NPM="+reg.URL, "JIG_TEST_WORKSPACE="+ws[i%2])
			out, err := cmd.CombinedOutput()
			outs[i], errs[i] = string(out), err
		}()
	}
	wg.Wait()
	for i := range outs {
		if errs[i] != nil || !strings.HasPrefix(outs[i], "OK") {
			t.Errorf("jig %d: %v\n%s", i, errs[i], outs[i])
		}
	}
	if d := reg.downloads.Load(); d != 1 {
		t.Errorf("%d downloads, want 1", d)
	}
	bins, _ := filepath.Glob(filepath.Join(cache, "bin", "*"))
	if len(bins) != 1 || !exists(filepath.Join(bins[0], "bin", "pg_ctl")) {
		t.Errorf("bin/ holds %v, want one complete binaries folder", bins)
	}
	var leftovers []string
	filepath.WalkDir(cache, func(p string, d os.DirEntry, err error) error {
		if err == nil && (strings.Contains(d.Name(), ".tmp-") || strings.Contains(d.Name(), "-tmp-") || strings.HasPrefix(d.Name(), ".download-")) {
			leftovers = append(leftovers, p)
		}
		if d != nil && d.IsDir() && d.Name() == "data" {
			return filepath.SkipDir
		}
		return nil
	})
	if len(leftovers) != 0 {
		t.Errorf("temporary files left in the cache: %v", leftovers)
	}
	clusters, _ := filepath.Glob(filepath.Join(cache, "clusters", "*", "data"))
	if len(clusters) != 2 {
		t.Errorf("clusters: %v, want one per workspace", clusters)
	}
	// And the cache still works, warm, for both workspaces.
	for i := 0; i < 2; i++ {
		out, err := helper(t, "coldstart", "JIG_TEST_CACHE="+cache, "JIG_TEST_SOURCES=cache",
			"JIG_TEST_WORKSPACE="+ws[i]).CombinedOutput()
		if err != nil || string(out) != "OK \"\"\n" {
			t.Errorf("warm start of ws%d after the race: %v\n%s", i, err, out)
		}
	}
}
