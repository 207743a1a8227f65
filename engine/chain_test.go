package engine_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/engine/enginetest"
	"github.com/jig-sql/jig/workspace"
)

// chainFiles is a three-deep chain over two tables: stg_orders and
// stg_payments read the tables, int_order_payments joins them, and
// order_totals (the mart) reads int_order_payments and stg_orders.
var chainFiles = map[string]string{
	"schema/raw.sql": "CREATE TABLE raw_orders (id integer PRIMARY KEY, status text NOT NULL, placed date);\n" +
		"CREATE TABLE raw_payments (id integer PRIMARY KEY, order_id integer REFERENCES raw_orders, cents integer NOT NULL);",
	"seeds/raw_orders.csv":     "id,status,placed\n1,done,2024-01-01\n2,done,2024-01-02\n3,open,2024-01-03\n",
	"seeds/raw_payments.csv":   "id,order_id,cents\n1,1,1000\n2,1,250\n3,2,400\n4,3,99\n",
	"queries/stg_orders.sql":   "select id as order_id, status from raw_orders",
	"queries/stg_payments.sql": "select order_id, cents / 100.0 as amount\nfrom raw_payments",
	"queries/int_order_payments.sql": "with paid as (\n  select order_id, sum(amount) as amount from stg_payments group by 1\n)\n" +
		"select o.order_id, o.status, coalesce(p.amount, 0) as amount\nfrom stg_orders o left join paid p using (order_id)",
	"queries/order_totals.sql": "select i.status, count(*) as orders, sum(i.amount) as amount\n" +
		"from int_order_payments i join stg_orders using (order_id)\ngroup by 1 order by 1",
	"checks/stg_orders.yaml": "table: stg_orders\nchecks:\n  - not_null: status\n",
}

func chainRunner(t *testing.T, extra map[string]string) (*engine.Runner, *workspace.Workspace) {
	t.Helper()
	files := map[string]string{}
	for k, v := range chainFiles {
		files[k] = v
	}
	for k, v := range extra {
		files[k] = v
	}
	return enginetest.RunnerFromFiles(t, files, engine.RunnerOptions{Parallel: 2})
}

func rowsText(rows [][]engine.Value) string {
	var lines []string
	for _, r := range rows {
		var cells []string
		for _, v := range r {
			cells = append(cells, v.String())
		}
		lines = append(lines, strings.Join(cells, ","))
	}
	return strings.Join(lines, "\n")
}

// fixtureNamed runs the saved fixture query/name.
func fixtureNamed(t *testing.T, r *engine.Runner, ws *workspace.Workspace, name string) *engine.FixtureResult {
	t.Helper()
	f := ws.Fixture(name)
	if f == nil {
		t.Fatalf("no fixture %s", name)
	}
	return r.RunFixture(context.Background(), f)
}

// TestChainDepthThree: a mart reads through a three-deep chain on the
// seeds, and a fixture giving the tables' rows reaches it too.
func TestChainDepthThree(t *testing.T) {
	r, ws := chainRunner(t, map[string]string{
		"fixtures/order_totals/raw.yaml": "query: order_totals\ngiven:\n  raw_orders:\n    - {id: 7, status: x}\n" +
			"  raw_payments:\n    - {order_id: 7, cents: 150}\n    - {order_id: 7, cents: 50}\n" +
			"expect:\n  rows:\n    - {status: x, orders: 1, amount: 2}\n",
	})
	if got, want := rowsText(runQuery(t, r, "order_totals")), "done,2,16.5000000000000000\nopen,1,0.99000000000000000000"; got != want {
		t.Errorf("order_totals on the seeds:\n%s\nwant\n%s", got, want)
	}
	if res := fixtureNamed(t, r, ws, "order_totals/raw"); res.Status != engine.StatusPass {
		t.Errorf("fixture through the chain: %s %v %v", res.Status, res.Err, res.Comparison)
	}
	if got := ws.Inputs("order_totals"); strings.Join(got, ",") != "int_order_payments,stg_orders" {
		t.Errorf("Inputs = %v", got)
	}
}

// TestChainMockMiddle: mocking the middle of the chain replaces it and
// everything above it for that fixture only; the query's other input
// (stg_orders, not mocked) still runs on its own input, and a mock that
// leaves out columns gets them from the factory, typed by the query's output.
func TestChainMockMiddle(t *testing.T) {
	r, ws := chainRunner(t, map[string]string{
		"fixtures/order_totals/mock.yaml": "query: order_totals\ngiven:\n  int_order_payments:\n" +
			"    - {order_id: 1, status: a, amount: 5}\n    - {order_id: 2, status: a, amount: 7.5}\n    - {order_id: 99, status: z, amount: 1}\n" +
			"expect:\n  rows:\n    - {status: a, orders: 2, amount: 12.5}\n",
		"fixtures/order_totals/partial.yaml": "query: order_totals\ngiven:\n  int_order_payments:\n    - {order_id: 3}\n" +
			"expect:\n  columns: partial\n  rows:\n    - {orders: 1}\n",
		// A check on the mocked query reads the mock; its `to:` (not
		// mocked) reads the real stg_orders: order 99 is in neither seed.
		"fixtures/order_totals/refs.yaml": "query: order_totals\ngiven:\n  int_order_payments:\n" +
			"    - {order_id: 1}\n    - {order_id: 99}\nchecks:\n" +
			"  - {table: int_order_payments, relationships: {column: order_id, to: stg_orders, field: order_id}}\n",
	})
	if res := fixtureNamed(t, r, ws, "order_totals/refs"); len(res.Checks) != 1 || res.Checks[0].Failing != 1 {
		t.Errorf("relationships from a mock to a real query: %v %+v", res.Err, res.Checks)
	}
	res := fixtureNamed(t, r, ws, "order_totals/mock")
	if res.Status != engine.StatusPass {
		t.Fatalf("mocked middle: %s %v\n%v", res.Status, res.Err, res.Comparison)
	}
	res = fixtureNamed(t, r, ws, "order_totals/partial")
	if res.Status != engine.StatusPass {
		t.Fatalf("mock with columns left out: %s %v\n%v", res.Status, res.Err, res.Comparison)
	}
	mock := res.Dataset.Rows("jig_mock_int_order_payments")
	if len(mock) != 1 {
		t.Fatalf("mock rows: %+v", res.Dataset.Tables)
	}
	if status, amount := res.Result.Rows[0][0], res.Result.Rows[0][2]; status.Null || amount.Null || status.Text == "" {
		t.Errorf("factory left the mock's status/amount empty: %v", res.Result.Rows)
	}
	// The view itself is untouched: the seeds' answer again, on the same workers.
	if got := rowsText(runQuery(t, r, "order_totals")); !strings.HasPrefix(got, "done,2,16.5") {
		t.Errorf("after the mock: %s", got)
	}
}

// TestChainMockChecksAndWith: checks on a mocked query run on the mock's
// rows; a mock merges with the query's own WITH RECURSIVE; DML reading a
// mocked query sees the mock.
func TestChainMockChecksAndWith(t *testing.T) {
	r, ws := chainRunner(t, map[string]string{
		"queries/rec.sql": "WITH RECURSIVE n(i) AS (select 1 union all select i + 1 from n where i < 3)\n" +
			"select order_id * i as v from n, stg_orders order by 1",
		"queries/mark.sql": "update raw_orders set status = 'seen' where id in (select order_id from stg_orders)",
		"fixtures/rec/mock.yaml": "query: rec\ngiven:\n  stg_orders:\n    - {order_id: 10, status: null}\n" +
			"expect:\n  rows:\n    - {v: 10}\n    - {v: 20}\n    - {v: 30}\n",
		"fixtures/mark/mock.yaml": "query: mark\ngiven:\n  raw_payments:\n    - {order_id: 1, cents: 1}\n  raw_orders:\n    - {id: 1, status: a}\n    - {id: 2, status: b}\n" +
			"  stg_orders:\n    - {order_id: 2, status: b}\n" +
			"expect:\n  table: raw_orders\n  columns: partial\n  rows:\n    - {id: 1, status: a}\n    - {id: 2, status: seen}\n",
	})
	res := fixtureNamed(t, r, ws, "rec/mock")
	if res.Comparison == nil || !res.Comparison.OK() {
		t.Fatalf("WITH RECURSIVE over a mock: %v %v", res.Err, res.Comparison)
	}
	if res.Status != engine.StatusFail || len(res.Checks) != 1 || res.Checks[0].Failing != 1 {
		t.Errorf("not_null on the mocked stg_orders should fail on its NULL: %s %+v", res.Status, res.Checks)
	}
	if res := fixtureNamed(t, r, ws, "mark/mock"); res.Status != engine.StatusPass {
		t.Errorf("DML over a mock: %s %v %v", res.Status, res.Err, res.Comparison)
	}
}

// TestChainErrorsPlaced: a broken upstream query is blamed on its own file,
// also when it is written into a fixture's statement; an error in the
// query after the written-in CTEs is at its own line; a name nothing
// defines is at the reference; a query not a SELECT cannot be read.
func TestChainErrorsPlaced(t *testing.T) {
	r, ws := chainRunner(t, map[string]string{
		"queries/stg_payments.sql":        "select order_id, cents / 100.0 as amount\nfrom raw_paymnts",
		"queries/typed.sql":               "select order_id\nfrom stg_orders where status = 5",
		"queries/missing.sql":             "select *\n  from stg_ordrs",
		"queries/upd.sql":                 "update raw_orders set status = 'x' returning id",
		"queries/reads_upd.sql":           "select * from upd",
		"fixtures/typed/mock.yaml":        "query: typed\ngiven:\n  stg_orders:\n    - {order_id: 1}\n",
		"fixtures/order_totals/mock.yaml": "query: order_totals\ngiven:\n  stg_payments:\n    - {order_id: 1}\n",
		"fixtures/order_totals/typo.yaml": "query: order_totals\ngiven:\n  stg_ordrs:\n    - {order_id: 1}\n",
		"fixtures/order_totals/top.yaml":  "query: order_totals\ngiven:\n  order_totals:\n    - {status: a}\n",
		"fixtures/order_totals/cols.yaml": "query: order_totals\ngiven:\n  stg_orders:\n    - {id: 1}\n",
	})
	ctx := context.Background()
	for query, want := range map[string]string{
		"order_totals": `queries/stg_payments.sql:2:6: relation "raw_paymnts" does not exist`,
		"missing":      `queries/missing.sql:2:8: relation "stg_ordrs" does not exist`,
		"reads_upd":    "queries/reads_upd.sql:1:15: reads_upd reads query upd, which is not a SELECT",
	} {
		res := r.RunFixture(ctx, &workspace.Fixture{Name: query + "/run", Path: "run", Query: query})
		if res.Err == nil || !strings.Contains(res.Err.Error(), want) {
			t.Errorf("%s: %v\nwant %s", query, res.Err, want)
		}
	}
	for name, want := range map[string]string{
		"typed/mock":        "queries/typed.sql:2:30: operator does not exist: text = integer",
		"order_totals/mock": `given "stg_payments": query stg_payments cannot be mocked, as it does not run as a view: queries/stg_payments.sql:2:6`,
		"order_totals/typo": "fixtures/order_totals/typo.yaml:3:3: unknown table \"stg_ordrs\" in given (tables in schema/: raw_orders, raw_payments; queries to mock: stg_orders)\n  hint: did you mean `stg_orders`?",
		"order_totals/top":  `given "order_totals": query order_totals is read by no other query`,
		"order_totals/cols": `fixtures/order_totals/cols.yaml:4:12: query "stg_orders" has no column "id"`,
	} {
		res := fixtureNamed(t, r, ws, name)
		switch {
		case want == "" && res.Err != nil:
			t.Errorf("%s: %v", name, res.Err)
		case want != "" && (res.Err == nil || !strings.Contains(res.Err.Error(), want)):
			t.Errorf("%s: %v\nwant %s", name, res.Err, want)
		}
	}
}

// TestChainInlinedErrorPlaced: a broken query between a mock and the
// fixture's query runs written into the statement; its error is at its own
// file, not the fixture's query.
func TestChainInlinedErrorPlaced(t *testing.T) {
	r, ws := chainRunner(t, map[string]string{
		"queries/int_order_payments.sql":  "select o.order_id, o.status, 0 as amount\nfrom stg_orders o join nosuch using (order_id)",
		"fixtures/order_totals/mock.yaml": "query: order_totals\ngiven:\n  stg_orders:\n    - {order_id: 1}\n",
	})
	res := fixtureNamed(t, r, ws, "order_totals/mock")
	want := `queries/int_order_payments.sql:2:24: relation "nosuch" does not exist`
	if res.Err == nil || !strings.Contains(res.Err.Error(), want) {
		t.Errorf("%v\nwant %s", res.Err, want)
	}
}

// TestChainRedshift: in a Redshift workspace each query of the chain is
// rewritten for Postgres, as a view and written into a fixture.
func TestChainRedshift(t *testing.T) {
	r, ws := chainRunner(t, map[string]string{
		"jig.yaml":               "dialect: redshift\n",
		"queries/stg_orders.sql": "select id as order_id, nvl(status, 'none') as status, getdate() is not null as ok from raw_orders",
		"queries/flags.sql":      "select order_id, decode(status, 'done', 1, 0) as done, ok from stg_orders order by 1",
		"fixtures/flags/mock.yaml": "query: flags\ngiven:\n  stg_orders:\n    - {order_id: 5, status: done, ok: true}\n" +
			"expect:\n  rows:\n    - {order_id: 5, done: 1, ok: true}\n",
		// Written into the fixture's statement behind the mock, rewritten
		// (NVL grows into COALESCE), its error still at its own column.
		"queries/mid.sql":        "select nvl(status, 'x') as s, order_id\nfrom stg_orders join nosuch using (order_id)",
		"queries/top.sql":        "select s from mid",
		"fixtures/top/mock.yaml": "query: top\ngiven:\n  stg_orders:\n    - {order_id: 5}\n",
	})
	if res := fixtureNamed(t, r, ws, "top/mock"); res.Err == nil ||
		!strings.Contains(res.Err.Error(), `queries/mid.sql:2:22: relation "nosuch" does not exist`) {
		t.Errorf("Redshift piece error: %v", res.Err)
	}
	if got, want := rowsText(runQuery(t, r, "flags")), "1,1,t\n2,1,t\n3,0,t"; got != want {
		t.Errorf("flags on the seeds:\n%s\nwant\n%s", got, want)
	}
	if res := fixtureNamed(t, r, ws, "flags/mock"); res.Status != engine.StatusPass {
		t.Errorf("Redshift mock: %s %v %v", res.Status, res.Err, res.Comparison)
	}
}

// TestChainValidate: a query reading a name nothing defines fails validate
// at the reference.
func TestChainValidate(t *testing.T) {
	ws := enginetest.Workspace(t, map[string]string{
		"schema/t.sql":  "CREATE TABLE t (id int);",
		"queries/a.sql": "select * from t",
		"queries/b.sql": "select *\nfrom a join nope using (id)",
	})
	err := engine.Validate(context.Background(), enginetest.Server(t), ws)
	if err == nil || !strings.Contains(err.Error(), `queries/b.sql:2:13: relation "nope" does not exist`) {
		t.Errorf("validate: %v", err)
	}
}

// TestChainLive: the workbench's live run reads the mock too, and places
// an error after the written-in CTEs (and the cursor's DECLARE) in the
// query's own file.
func TestChainLive(t *testing.T) {
	r, ws := chainRunner(t, map[string]string{
		"queries/typed.sql": "select order_id\nfrom stg_orders where status = 5",
		"fixtures/order_totals/mock.yaml": "query: order_totals\ngiven:\n  int_order_payments:\n" +
			"    - {order_id: 1, status: a, amount: 5}\n    - {order_id: 2, status: a, amount: 7.5}\n",
		"fixtures/typed/mock.yaml": "query: typed\ngiven:\n  stg_orders:\n    - {order_id: 1}\n",
	})
	ctx := context.Background()
	live, err := r.RunLive(ctx, ws.Fixture("order_totals/mock"), 10)
	if err != nil {
		t.Fatal(err)
	}
	if live.Err != nil || rowsText(live.Result.Rows) != "a,2,12.5" {
		t.Errorf("live run over a mock: %v %v", live.Err, live.Result)
	}
	live.Close()
	live, err = r.RunLive(ctx, ws.Fixture("typed/mock"), 10)
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	if live.Err == nil || !strings.Contains(live.Err.Error(), "queries/typed.sql:2:30: operator does not exist") {
		t.Errorf("live error: %v", live.Err)
	}
	if m := r.Suite.Mock("int_order_payments"); m == nil || len(m.Columns) != 3 || m.Columns[2].Type.Name != "numeric" {
		t.Errorf("Mock(int_order_payments) = %+v", m)
	}
}

// TestQueryInputs: a query's inputs are what it reads itself (its tables
// and the queries it reads, marked), not the tables under the views,
// which QueryTables (for --self-test) still sees through.
func TestQueryInputs(t *testing.T) {
	r, _ := chainRunner(t, map[string]string{
		"queries/mixed.sql": "with stg_payments as (select 1 as x)\n" +
			"select o.order_id, p.cents from stg_orders o join raw_payments p using (order_id), stg_payments",
	})
	ctx := context.Background()
	for name, want := range map[string]string{
		"order_totals":       "int_order_payments(query) stg_orders(query)",
		"int_order_payments": "stg_payments(query) stg_orders(query)",
		"stg_orders":         "raw_orders",
		"mixed":              "stg_orders(query) raw_payments", // the CTE shadows the query
	} {
		in, err := r.QueryInputs(ctx, name)
		var got []string
		for _, i := range in {
			s := i.Name
			if i.Query {
				s += "(query)"
			}
			got = append(got, s)
		}
		slices.Sort(got)
		w := strings.Fields(want)
		slices.Sort(w)
		if err != nil || !slices.Equal(got, w) {
			t.Errorf("QueryInputs(%s) = %v, %v; want %v", name, got, err, w)
		}
	}
	tables, err := r.QueryTables(ctx, "select * from order_totals")
	slices.Sort(tables)
	if err != nil || strings.Join(tables, " ") != "raw_orders raw_payments" {
		t.Errorf("QueryTables through the views = %v, %v", tables, err)
	}
	if _, err := r.QueryInputs(ctx, "nope"); err == nil {
		t.Error("QueryInputs of an unknown query: no error")
	}
}
