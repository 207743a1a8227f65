package tui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jig-sql/jig/engine"
)

// writeWS writes a workspace file as an editor would.
func writeWS(t testing.TB, m *Model, rel, text string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(m.ws.Dir, rel), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func hasQuery(m *Model, name string) bool {
	return slices.ContainsFunc(m.sidebar.items, func(it sidebarItem) bool { return it.kind == itemQuery && it.name == name })
}

// Files changed on disk reach the screen without a restart: a fixed query
// re-runs, a new query appears, a deleted one goes, and a schema error is
// shown at its file and line.
func TestFilesChangedOnDisk(t *testing.T) {
	d := readyTestDriver(t, nil, "net_revenue")
	d.send(openFixtureMsg{"net_revenue/discount_reduces_net"})
	d.until(t, func() bool { return d.m.sess.Name != "" && d.settled() && d.m.live.Status == engine.StatusFail })

	fixed := strings.Replace(d.m.ws.Query("net_revenue").SQL, "o.gross_revenue + o.discount", "o.gross_revenue - o.discount", 1)
	writeWS(t, d.m, "queries/net_revenue.sql", fixed)
	d.until(t, func() bool { return d.settled() && d.m.live.Status == engine.StatusPass })
	if !strings.Contains(d.m.query.q.SQL, "o.gross_revenue - o.discount") {
		t.Errorf("the query pane does not show the new SQL")
	}

	writeWS(t, d.m, "queries/added.sql", "SELECT 1 AS one\n")
	d.until(t, func() bool { return hasQuery(d.m, "added") })
	if err := os.Remove(filepath.Join(d.m.ws.Dir, "queries", "added.sql")); err != nil {
		t.Fatal(err)
	}
	d.until(t, func() bool { return !hasQuery(d.m, "added") })

	writeWS(t, d.m, "schema/zz_bad.sql", "CREATE TABLE broken (\n  id int,\n  x nosuchtype\n);\n")
	d.until(t, func() bool { return d.m.query.err != nil && !d.m.reloading })
	if got := d.m.query.err.Error(); !strings.Contains(got, "schema/zz_bad.sql:3:") {
		t.Errorf("schema error = %q; want it at schema/zz_bad.sql:3:col", got)
	}
}

// A schema error on the status line goes when the file is fixed: the
// successful reload and run clear the error they replaced, with no key.
func TestFixedFileClearsStaleError(t *testing.T) {
	d := readyTestDriver(t, nil, "browser_users")
	d.send(openFixtureMsg{"browser_users/null_user_is_excluded"})
	d.until(t, d.settled)
	good := readWS(t, d.m, "schema/events.sql")
	writeWS(t, d.m, "schema/events.sql", strings.Replace(good, "CREATE TABLE events", "CREATE TABEL events", 1))
	d.until(t, func() bool { return d.m.status.Err() != nil && !d.m.reloading })
	writeWS(t, d.m, "schema/events.sql", good)
	d.until(t, func() bool { return d.m.query.err == nil && !d.m.reloading && d.settled() })
	d.poll(100 * time.Millisecond)
	if err := d.m.status.Err(); err != nil {
		t.Fatalf("the fixed schema's error is still on the status line: %v", err)
	}
}

func readWS(t testing.TB, m *Model, rel string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(m.ws.Dir, rel))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
