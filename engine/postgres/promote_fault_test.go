package postgres_test

import (
	"context"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// jig promote is one transaction: killed at any moment — at each step it
// takes and at random points — every row is in staging or in the target,
// exactly once; a promote that then runs to its end moves them all.
func TestFaultKillPromote(t *testing.T) {
	t.Parallel()
	const n = 50000
	o := explicitOptions(t)
	s := start(t, o)
	conn := connect(t, s)
	ctx := context.Background()
	mustExec(t, conn, `CREATE TABLE events (id int NOT NULL, payload text);
		CREATE TABLE staging (id int NOT NULL, payload text);
		INSERT INTO staging SELECT g, md5(g::text) FROM generate_series(1, 50000) g;
		CREATE TABLE gate (id int);
		INSERT INTO gate SELECT g FROM generate_series(1, 50000) g;
		CREATE FUNCTION slow() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN PERFORM pg_sleep(3); RETURN NULL; END';`)
	ws := tinyWorkspace(t, map[string]string{"checks/events.yaml": "table: events\nchecks:\n  - not_null: id\n  - unique: [id]\n  - relationships: {column: id, to: gate, field: id}\n"})
	dsn := passwordDSN(s, "", "")
	env := jigEnv("JIG_CACHE_DIR=" + o.CacheDir)
	promote := func() *jigProc {
		return startJig(t, env, "promote", "-w", ws, "--dsn", dsn, "--from", "staging", "--to", "events")
	}
	invariant := func(when string) (moved int64) {
		t.Helper()
		var total, distinct, lo, hi int64
		err := conn.QueryRow(ctx, `SELECT count(*), count(DISTINCT id), min(id), max(id), (SELECT count(*) FROM events)
			FROM (SELECT id FROM staging UNION ALL SELECT id FROM events) u`).Scan(&total, &distinct, &lo, &hi, &moved)
		if err != nil {
			t.Fatal(err)
		}
		if total != n || distinct != n || lo != 1 || hi != n {
			t.Fatalf("%s: %d rows, %d distinct ids in %d..%d; want each of 1..%d exactly once", when, total, distinct, lo, hi, n)
		}
		return moved
	}
	// waitIdle waits until no other session holds a transaction open (a
	// killed client's backend rolls back once it notices the socket closed).
	waitIdle := func() {
		t.Helper()
		ok := waitFor(time.Minute, func() bool {
			var busy int
			conn.QueryRow(ctx, `SELECT count(*) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND xact_start IS NOT NULL`).Scan(&busy)
			return busy == 0
		})
		if !ok {
			t.Fatal("a killed promote's transaction never ended")
		}
	}
	// Kill at each step the promote takes (the lock, a check, the insert,
	// the delete), held there by a lock the test
	// owns (or, for the delete, a slow trigger) so the kill lands inside it.
	gate := connect(t, s)
	steps := []struct{ name, hold, release string }{
		{"LOCK TABLE", "BEGIN; LOCK TABLE staging IN ACCESS EXCLUSIVE MODE", "ROLLBACK"},
		{"%gate%", "BEGIN; LOCK TABLE gate IN ACCESS EXCLUSIVE MODE", "ROLLBACK"},
		{"INSERT INTO", "BEGIN; LOCK TABLE events IN ACCESS EXCLUSIVE MODE", "ROLLBACK"},
		{"DELETE FROM", "CREATE TRIGGER slow_delete BEFORE DELETE ON staging FOR EACH STATEMENT EXECUTE FUNCTION slow()", "DROP TRIGGER slow_delete ON staging"},
	}
	for _, step := range steps {
		mustExec(t, gate, step.hold)
		p := promote()
		if !waitFor(time.Minute, func() bool { return activeQueryStartsWith(conn, step.name) }) {
			t.Fatalf("the promote never reached %s:\n%s", step.name, p.out)
		}
		p.kill()
		mustExec(t, gate, step.release)
		waitIdle()
		if moved := invariant("killed at " + step.name); moved != 0 {
			t.Errorf("killed at %s before its commit, yet %d rows moved", step.name, moved)
		}
	}
	// And at random moments; a promote that finished is undone for the next.
	for i := 0; i < 8; i++ {
		p := promote()
		time.Sleep(time.Duration(rand.IntN(600)) * time.Millisecond)
		p.kill()
		waitIdle()
		if moved := invariant("killed at random"); moved > 0 {
			t.Logf("random kill %d came after the commit (%d rows moved)", i, moved)
			mustExec(t, conn, "BEGIN; INSERT INTO staging SELECT * FROM events; TRUNCATE events; COMMIT")
		}
	}
	code, out := runJig(t, env, "promote", "-w", ws, "--dsn", dsn, "--from", "staging", "--to", "events")
	if code != 0 && !strings.Contains(out, "promoted") {
		t.Fatalf("the promote after the kills: exit %d\n%s", code, out)
	}
	if moved := invariant("after the last promote"); moved != n {
		t.Errorf("%d rows in events after a completed promote, want %d", moved, n)
	}
}

func mustExec(t *testing.T, conn *pgx.Conn, sql string) {
	t.Helper()
	if _, err := conn.Exec(context.Background(), sql); err != nil {
		t.Fatal(err)
	}
}

// activeQueryStartsWith reports whether another session is running a
// statement that starts with prefix (a LIKE pattern: the check step is
// "%gate%", the table only a check reads).
func activeQueryStartsWith(conn *pgx.Conn, prefix string) bool {
	var n int
	conn.QueryRow(context.Background(), `SELECT count(*) FROM pg_stat_activity
		WHERE pid <> pg_backend_pid() AND state = 'active' AND ltrim(query) ILIKE $1 || '%'`, prefix).Scan(&n)
	return n > 0
}
