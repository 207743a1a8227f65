package enginetest

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// SeedSchema is the seed's events table, as benchmarks use it.
const SeedSchema = `CREATE TABLE events (
    event_id   varchar(16) PRIMARY KEY,
    event_ts   timestamp NOT NULL,
    user_id    varchar(16),
    browser_id varchar(16) NOT NULL
);`

// SeedQuery is the seed's query: browsers seen with a non-null user.
const SeedQuery = `SELECT DISTINCT browser_id, user_id FROM events WHERE user_id IS NOT NULL`

// SeedWorkspace writes a workspace with n small passing fixtures on the
// seed's events table (2–10 rows each, every third user NULL) and returns
// its directory.
func SeedWorkspace(tb testing.TB, n int) string {
	tb.Helper()
	dir := tb.TempDir()
	files := map[string]string{
		"schema/events.sql":         SeedSchema,
		"queries/browser_users.sql": SeedQuery,
	}
	for i := 0; i < n; i++ {
		rows := 2 + i%9
		body := "query: browser_users\ngiven:\n  events:\n"
		expect := "expect:\n  rows:\n"
		for r := 0; r < rows; r++ {
			if r%3 == 0 {
				body += fmt.Sprintf("    - {user_id: null, browser_id: b%d}\n", r)
				continue
			}
			body += fmt.Sprintf("    - {user_id: u%d, browser_id: b%d}\n", r, r)
			expect += fmt.Sprintf("    - {browser_id: b%d, user_id: u%d}\n", r, r)
		}
		files[fmt.Sprintf("fixtures/browser_users/f%04d.yaml", i)] = body + expect
	}
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return dir
}
