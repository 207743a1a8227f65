package engine_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/engine/enginetest"
	"github.com/jig-sql/jig/workspace"
	"github.com/jig-sql/jig/workspace/diag"
)

// scriptFiles is a Redshift workspace with an orders table; each test adds
// its scripts and fixtures.
func scriptFiles(extra map[string]string) map[string]string {
	files := map[string]string{
		"jig.yaml": "dialect: redshift\n",
		"schema/orders.sql": "CREATE TABLE orders (\n  order_id INT PRIMARY KEY ENCODE az64,\n  user_id VARCHAR(MAX) NOT NULL ENCODE zstd,\n" +
			"  amount DECIMAL(10,2),\n  ts TIMESTAMP NOT NULL\n) DISTKEY (user_id) SORTKEY (ts);\n",
	}
	for k, v := range extra {
		files[k] = v
	}
	return files
}

const ordersGiven = `given:
  orders:
    - {order_id: 1, user_id: u1, amount: 10, ts: 2024-01-01 09:00:00}
    - {order_id: 2, user_id: u1, amount: null, ts: 2024-01-01 18:00:00}
    - {order_id: 3, user_id: u2, amount: 5, ts: 2024-01-02 10:00:00}
`

// runOne runs the named fixture and returns its result.
func runOne(t *testing.T, r *engine.Runner, ws *workspace.Workspace, name string) *engine.FixtureResult {
	t.Helper()
	f := ws.Fixture(name)
	if f == nil {
		t.Fatalf("no fixture %s", name)
	}
	return r.RunFixture(context.Background(), f)
}

// A script as Redshift pipelines write them: a CTAS with DISTKEY/SORTKEY,
// Redshift functions, and a BEGIN ... COMMIT block that swaps the table
// in. The fixture asserts the final state of a table the script created,
// which the schema does not have.
func TestScriptCTASAndRenameInBlock(t *testing.T) {
	r, ws := enginetest.RunnerFromFiles(t, scriptFiles(map[string]string{
		"queries/daily.sql": `-- rebuild the daily totals
DROP TABLE IF EXISTS daily_tmp;
CREATE TABLE daily_tmp DISTSTYLE KEY DISTKEY (user_id) SORTKEY (day) AS (
  SELECT user_id, TRUNC(ts) AS day, NVL(SUM(amount), 0) AS total,
         LISTAGG(order_id::VARCHAR(MAX), ',') WITHIN GROUP (ORDER BY order_id) AS ids
  FROM orders GROUP BY 1, 2
);
BEGIN;
  DROP TABLE IF EXISTS daily;
  ALTER TABLE daily_tmp RENAME TO daily;
END;
`,
		"fixtures/daily/two_users.yaml": "query: daily\n" + ordersGiven + `expect:
  table: daily
  rows:
    - {user_id: u1, day: 2024-01-01, total: 10, ids: "1,2"}
    - {user_id: u2, day: 2024-01-02, total: 5, ids: "3"}
`,
	}), engine.RunnerOptions{Parallel: 1})
	res := runOne(t, r, ws, "daily/two_users")
	if res.Status != engine.StatusPass {
		t.Fatalf("status %v, err %v\n%s", res.Status, res.Err, engine.FormatFailure(res, false))
	}
	var tags []string
	for _, st := range res.Statements {
		tags = append(tags, st.Tag)
	}
	want := "DROP TABLE|SELECT 2|BEGIN|DROP TABLE|ALTER TABLE|END"
	if got := strings.Join(tags, "|"); got != want {
		t.Errorf("tags %s, want %s", got, want)
	}
	if st := res.Statements[1]; st.File != "queries/daily.sql" || st.Line != 3 || st.Col != 1 {
		t.Errorf("CTAS placed at %s:%d:%d, want queries/daily.sql:3:1", st.File, st.Line, st.Col)
	}
}

// ROLLBACK undoes its block only: the insert before BEGIN stays, the
// delete inside the block is undone.
func TestScriptRollbackUndoesItsBlock(t *testing.T) {
	r, ws := enginetest.RunnerFromFiles(t, scriptFiles(map[string]string{
		"queries/fix.sql": "INSERT INTO orders VALUES (9, 'u9', 1, '2024-02-01');\nBEGIN;\nDELETE FROM orders;\nROLLBACK;\n",
		"fixtures/fix/undo.yaml": "query: fix\n" + ordersGiven + `expect:
  table: orders
  columns: partial
  rows: [{order_id: 1}, {order_id: 2}, {order_id: 3}, {order_id: 9}]
`,
	}), engine.RunnerOptions{Parallel: 1})
	if res := runOne(t, r, ws, "fix/undo"); res.Status != engine.StatusPass {
		t.Fatalf("status %v, err %v\n%s", res.Status, res.Err, engine.FormatFailure(res, false))
	}
}

// COMMIT, END and ROLLBACK written in a script never end jig's
// transaction, however they are spelt or wherever they stand: what follows
// them still runs inside it and is rolled back, and the forms that would
// end, nest or leave it are refused at their file:line:col.
func TestScriptCannotEndTheFixtureTransaction(t *testing.T) {
	files := map[string]string{}
	ran := map[string]string{
		"commit_drop":   "COMMIT; DROP TABLE orders",
		"end_drop":      "/* c */ end /* ; */ work;\nDROP TABLE orders;",
		"rollback_drop": "ROLLBACK; DROP TABLE orders; ROLLBACK",
		"begin_commit":  "BEGIN; COMMIT; COMMIT; DROP TABLE orders",
	}
	refused := map[string]string{
		"savepoint":     "DELETE FROM orders;\n  SAVEPOINT a",
		"release":       "DELETE FROM orders;\n  RELEASE SAVEPOINT jig_script",
		"rollback_to":   "BEGIN;\n  ROLLBACK TO SAVEPOINT jig_script",
		"prepare":       "DELETE FROM orders;\n  PREPARE TRANSACTION 'x'",
		"commit_prep":   "DELETE FROM orders;\n  COMMIT PREPARED 'x'",
		"commit_chain":  "DELETE FROM orders;\n  COMMIT AND CHAIN",
		"begin_ro":      "DELETE FROM orders;\n  BEGIN READ ONLY",
		"set_role":      "DELETE FROM orders;\n  SET ROLE postgres",
		"session_auth":  "DELETE FROM orders;\n  SET SESSION AUTHORIZATION DEFAULT",
		"reset_all":     "DELETE FROM orders;\n  RESET ALL",
		"discard":       "DELETE FROM orders;\n  DISCARD ALL",
		"read_only_off": "DELETE FROM orders;\n  SET transaction_read_only = off",
	}
	for name, sql := range ran {
		files["queries/"+name+".sql"] = sql
		files["fixtures/"+name+"/f.yaml"] = "query: " + name + "\n"
	}
	for name, sql := range refused {
		files["queries/"+name+".sql"] = sql
		files["fixtures/"+name+"/f.yaml"] = "query: " + name + "\n"
	}
	files["queries/do_commit.sql"] = "DELETE FROM orders;\ndo $$ begin commit; end $$"
	files["fixtures/do_commit/f.yaml"] = "query: do_commit\n"
	r, ws := enginetest.RunnerFromFiles(t, scriptFiles(files), engine.RunnerOptions{Parallel: 1})
	ordersSurvive := func(after string) {
		t.Helper()
		err := r.WithConn(context.Background(), func(conn *pgx.Conn) error {
			if conn.PgConn().TxStatus() != 'I' {
				t.Errorf("after %s: the connection is left in a transaction", after)
			}
			_, err := conn.Exec(context.Background(), "SELECT count(*) FROM orders")
			return err
		})
		if err != nil {
			t.Fatalf("after %s: orders is gone: %v", after, err)
		}
	}
	for name := range ran {
		res := runOne(t, r, ws, name+"/f")
		if res.Status != engine.StatusPass {
			t.Errorf("%s: status %v, err %v", name, res.Status, res.Err)
		}
		ordersSurvive(name)
	}
	for name := range refused {
		res := runOne(t, r, ws, name+"/f")
		var es diag.Errors
		if !errors.As(res.Err, &es) || len(es) != 1 || es[0].File != "queries/"+name+".sql" || es[0].Line != 2 || es[0].Col != 3 {
			t.Errorf("%s: err %v, want a refusal at queries/%s.sql:2:3", name, res.Err, name)
		}
		ordersSurvive(name)
	}
	if res := runOne(t, r, ws, "do_commit/f"); res.Status != engine.StatusFail || !strings.Contains(res.Err.Error(), "queries/do_commit.sql:2:1: invalid transaction termination") {
		t.Errorf("do $$ commit $$: status %v, err %v; want the server's refusal at line 2", res.Status, res.Err)
	}
	ordersSurvive("do_commit")
}

// A script that does not translate, or that Postgres refuses, is an error
// of its own fixture at its own file:line:col: the workspace loads, and the
// other fixtures run and pass.
func TestBrokenScriptBlocksNothing(t *testing.T) {
	r, ws := enginetest.RunnerFromFiles(t, scriptFiles(map[string]string{
		"queries/bad_rs.sql":     "DROP TABLE IF EXISTS x;\nCREATE TABLE x AS SELECT user_id FROM orders\n  QUALIFY ROW_NUMBER() OVER (ORDER BY ts) = 1;\n",
		"fixtures/bad_rs/f.yaml": "query: bad_rs\n",
		"queries/bad_pg.sql":     "DROP TABLE IF EXISTS x;\nCREATE TABLE x AS SELECT GETDATE() AS now, nope FROM orders;\n",
		"fixtures/bad_pg/f.yaml": "query: bad_pg\n",
		"queries/good.sql":       "SELECT count(*) AS n FROM orders",
		"fixtures/good/f.yaml":   "query: good\n" + ordersGiven + "expect:\n  rows: [{n: 3}]\n",
	}), engine.RunnerOptions{Parallel: 1})
	if res := runOne(t, r, ws, "bad_rs/f"); res.Err == nil || !strings.Contains(res.Err.Error(), "queries/bad_rs.sql:3:3: QUALIFY") {
		t.Errorf("bad_rs: err %v, want QUALIFY at queries/bad_rs.sql:3:3", res.Err)
	}
	// GETDATE() grows by eight characters in translation: the column still
	// points at `nope` as written.
	res := runOne(t, r, ws, "bad_pg/f")
	var se *engine.SQLError
	if !errors.As(res.Err, &se) || se.File != "queries/bad_pg.sql" || se.Line != 2 || se.Col != 44 {
		t.Errorf("bad_pg: err %v, want queries/bad_pg.sql:2:44", res.Err)
	} else if caret := se.Caret(); !strings.Contains(caret, "GETDATE() AS now, nope") {
		t.Errorf("caret shows the translation, not the file:\n%s", caret)
	}
	if res := runOne(t, r, ws, "good/f"); res.Status != engine.StatusPass {
		t.Errorf("good: status %v, err %v", res.Status, res.Err)
	}
}

// A script that ends in a SELECT is compared by that SELECT's rows; one
// that does not cannot state rows without naming a table.
func TestScriptExpectRowsOfLastSelect(t *testing.T) {
	r, ws := enginetest.RunnerFromFiles(t, scriptFiles(map[string]string{
		"queries/big.sql":       "CREATE TEMP TABLE big AS SELECT user_id FROM orders WHERE amount > 6;\nSELECT user_id FROM big",
		"fixtures/big/f.yaml":   "query: big\n" + ordersGiven + "expect:\n  rows: [{user_id: u1}]\n",
		"queries/nosel.sql":     "DELETE FROM orders;\nDELETE FROM orders",
		"fixtures/nosel/f.yaml": "query: nosel\nexpect:\n  rows: []\n",
	}), engine.RunnerOptions{Parallel: 1})
	if res := runOne(t, r, ws, "big/f"); res.Status != engine.StatusPass || res.Result == nil || len(res.Result.Rows) != 1 {
		t.Errorf("big: status %v, err %v, result %+v", res.Status, res.Err, res.Result)
	}
	res := runOne(t, r, ws, "nosel/f")
	if res.Status != engine.StatusError || res.Err == nil || !strings.Contains(res.Err.Error(), "fixtures/nosel/f.yaml:2:1: expect.rows without a table") {
		t.Errorf("nosel: status %v, err %v", res.Status, res.Err)
	}
}

// Statements jig does not send still show in their place, saying why.
func TestScriptNotes(t *testing.T) {
	r, ws := enginetest.RunnerFromFiles(t, scriptFiles(map[string]string{
		"queries/upkeep.sql": "COMMIT;\nVACUUM SORT ONLY orders;\nANALYZE orders;\nABORT;\nGRANT SELECT ON orders TO GROUP analysts;\n" +
			"UNLOAD ('select * from orders') TO 's3://bucket/o_' IAM_ROLE 'arn:aws:iam::1:role/r';\n" +
			"COPY orders FROM 's3://bucket/orders/' IAM_ROLE 'arn:aws:iam::1:role/r' FORMAT AS CSV",
		"fixtures/upkeep/f.yaml": "query: upkeep\n",
	}), engine.RunnerOptions{Parallel: 1})
	res := runOne(t, r, ws, "upkeep/f")
	if res.Status != engine.StatusPass {
		t.Fatalf("status %v, err %v", res.Status, res.Err)
	}
	var got []string
	for _, st := range res.Statements {
		got = append(got, fmt.Sprintf("%d:%s", st.Line, st.Tag))
	}
	want := "1:COMMIT (no BEGIN open: nothing to end)|2:VACUUM (not run: it cannot run inside the fixture's transaction, and changes no rows)|" +
		"3:ANALYZE|4:ABORT (no BEGIN open: nothing to undo)|5:GRANT (not run: the warehouse's users and groups do not exist locally)|" +
		"6:UNLOAD (not run: it writes to S3)|7:COPY (not run: it reads S3; the fixture's given rows stand in for what it loads)"
	if strings.Join(got, "|") != want {
		t.Errorf("tags\n%s\nwant\n%s", strings.Join(got, "|"), want)
	}
}

// A file of one CREATE TABLE ... AS with Redshift's DISTKEY is a script:
// translated as a schema file would be, its table asserted.
func TestScriptLoneCTAS(t *testing.T) {
	r, ws := enginetest.RunnerFromFiles(t, scriptFiles(map[string]string{
		"queries/lone.sql":     "CREATE TABLE lone DISTSTYLE KEY DISTKEY (user_id) SORTKEY (user_id) AS SELECT DISTINCT user_id FROM orders\n",
		"fixtures/lone/f.yaml": "query: lone\n" + ordersGiven + "expect:\n  table: lone\n  rows: [{user_id: u1}, {user_id: u2}]\n",
	}), engine.RunnerOptions{Parallel: 1})
	if res := runOne(t, r, ws, "lone/f"); res.Status != engine.StatusPass {
		t.Fatalf("status %v, err %v\n%s", res.Status, res.Err, engine.FormatFailure(res, false))
	}
}

// The workbench asks which tables a query reads to show their input tabs:
// for a script, which the planner cannot EXPLAIN, the schema's tables it
// names.
func TestScriptQueryTables(t *testing.T) {
	r, ws := enginetest.RunnerFromFiles(t, scriptFiles(map[string]string{
		"queries/s.sql": "DROP TABLE IF EXISTS x;\nCREATE TABLE x AS SELECT o.user_id, nvl(o.amount, 0) AS amount FROM orders AS o;\nDELETE FROM x",
	}), engine.RunnerOptions{Parallel: 1})
	tables, err := r.QueryTables(context.Background(), ws.Query("s").SQL)
	if err != nil || strings.Join(tables, ",") != "orders" {
		t.Errorf("QueryTables = %v, %v; want [orders]", tables, err)
	}
}
