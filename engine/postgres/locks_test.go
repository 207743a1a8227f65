package postgres_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/engine/postgres"
	"github.com/jig-sql/jig/workspace"
)

// A workspace with thousands of tables creates them in one transaction,
// each taking a few locks: the server jig starts for it must have a lock
// table that big (the default 64 per connection holds 6,400).
func TestManyTablesFitTheLockTable(t *testing.T) {
	if testing.Short() {
		t.Skip("creates 4,000 tables")
	}
	const n = 4000 // 16,000 locks: fails on the default lock table
	dir := t.TempDir()
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "create table t%d (id int primary key, v text);\n", i)
	}
	os.MkdirAll(filepath.Join(dir, "schema"), 0o755)
	if err := os.WriteFile(filepath.Join(dir, "schema", "many.sql"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	ws, err := workspace.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	o, e := postgres.WorkspaceOptions(ws), explicitOptions(t)
	o.CacheDir, o.BinariesDir, o.Sources = e.CacheDir, e.BinariesDir, e.Sources
	s := start(t, o)
	r, err := engine.NewRunner(context.Background(), s, ws, engine.RunnerOptions{Parallel: 1})
	if err != nil {
		t.Fatalf("%d tables: %v", n, err)
	}
	r.Close()
	locks, _ := strconv.Atoi(queryString(t, connect(t, s), "SHOW max_locks_per_transaction"))
	if locks <= 64 {
		t.Errorf("max_locks_per_transaction = %d for %d tables", locks, n)
	}
}
