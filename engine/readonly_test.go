package engine_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/engine/enginetest"
)

// ReadOnlyQuerier sends a check as one statement in its own protocol
// message: SQL that reaches it with a second statement (whatever let it
// through) fails at the server instead of committing and writing.
func TestReadOnlyQuerierOneStatement(t *testing.T) {
	ctx := context.Background()
	conn, schema := enginetest.ConnSchema(t)
	if _, err := conn.Exec(ctx, "CREATE TABLE victim (id int); INSERT INTO victim VALUES (1)"); err != nil {
		t.Fatal(err)
	}
	cfg := enginetest.Server(t).ConnConfig()
	cfg.RuntimeParams["search_path"] = schema
	check, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer check.Close(ctx)
	q := engine.ReadOnlyQuerier{Conn: check, Timeout: 5 * time.Second}
	for _, sql := range []string{
		"select 1; commit; drop table victim; commit",
		"select 1 from victim) q; commit; drop table victim; commit; select (1",
	} {
		if _, _, err := q.Query(ctx, sql); err == nil {
			t.Errorf("%q ran", sql)
		}
		var n int
		if err := conn.QueryRow(ctx, "SELECT count(*) FROM victim").Scan(&n); err != nil || n != 1 {
			t.Fatalf("after %q: %d rows, %v", sql, n, err)
		}
	}
	cols, rows, err := q.Query(ctx, "select count(*) as n from victim")
	if err != nil || len(cols) != 1 || len(rows) != 1 || *rows[0][0] != "1" {
		t.Fatalf("a plain check: %v %v %v", cols, rows, err)
	}
}
