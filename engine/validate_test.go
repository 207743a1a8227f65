package engine_test

import (
	"context"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/engine/enginetest"
)

// schemas counts the schemas on the server, to show Validate leaves none.
func schemas(t *testing.T, conn *pgx.Conn) int {
	t.Helper()
	var n int
	if err := conn.QueryRow(context.Background(), "SELECT count(*) FROM pg_namespace").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestValidatePreparesQueries: queries are prepared on the server, their
// errors placed in the file as written (a Redshift query's too, through
// its rewrite), expected columns checked against the described output;
// the server keeps no schema of it.
func TestValidatePreparesQueries(t *testing.T) {
	ws := enginetest.Workspace(t, map[string]string{
		"jig.yaml":           "dialect: redshift\n",
		"schema/t.sql":       "CREATE TABLE t (id integer, at timestamp);\n",
		"queries/ok.sql":     "SELECT id, GETDATE() AS now FROM t\n",
		"queries/bad.sql":    "SELECT NVL(id, 0) AS id,\n       nope\nFROM t\n",
		"fixtures/ok/a.yaml": "expect:\n  rows:\n    - {id: 1, later: 2}\n",
	})
	conn := enginetest.Conn(t)
	before := schemas(t, conn)
	err := engine.Validate(context.Background(), enginetest.Server(t), ws)
	want := "fixtures/ok/a.yaml:3:22: expected column \"later\" is not in the query's output (its columns: id, now)\n" +
		"queries/bad.sql:2:8: column \"nope\" does not exist (SQLSTATE 42703)"
	if err == nil || err.Error() != want {
		t.Errorf("Validate:\n%v\nwant\n%s", err, want)
	}
	if after := schemas(t, conn); after != before {
		t.Errorf("%d schemas after Validate, %d before", after, before)
	}
	if !strings.Contains(ws.Queries[0].SQL, "NVL") {
		t.Errorf("the workspace's query changed: %q", ws.Queries[0].SQL)
	}
}
