package engine_test

import (
	"context"
	"strings"
	"testing"

	"github.com/jig-sql/jig/checks"
	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/engine/enginetest"
	"github.com/jig-sql/jig/workspace"
)

// redshiftEverywhere is a Redshift workspace whose setup:, check sql: and
// check expression: each call Redshift functions and syntax Postgres lacks
// (NVL, DATEADD with a bare part, GETDATE, LISTAGG, ::varchar(max), a
// CTAS with DISTKEY): the one translation runs them all.
func redshiftEverywhere(setup, checksYAML string) map[string]string {
	return map[string]string{
		"jig.yaml":      "dialect: redshift\n",
		"schema/a.sql":  "CREATE TABLE orders (id int, amount int, placed date) DISTKEY(id) SORTKEY(placed);\n",
		"queries/q.sql": "select id, nvl(amount, 0) as amount, placed from orders\n",
		"fixtures/q/a.yaml": "query: q\ngiven:\n  orders: [{id: 1, amount: 5, placed: 2024-01-31}, {id: 2, amount: null, placed: 2024-02-01}]\n" +
			"setup: |\n" + setup + checksYAML,
	}
}

const everywhereSetup = "  create table recent distkey(id) as select id, dateadd(day, 1, placed) as next_day, nvl(amount, -1)::varchar(max) as amt from orders;\n" +
	"  insert into orders (id, amount, placed) select 3, len('abc'), trunc(getdate());\n"

// TestRedshiftEverywhereRuns: setup's CTAS (DISTKEY, DATEADD, NVL,
// VARCHAR(MAX)) and INSERT (LEN, GETDATE), a check's sql: (LISTAGG ...
// WITHIN GROUP, NVL) and expression: (DATEADD, NVL) all run; each check
// sees setup's rows, so it fails or passes as the rows say.
func TestRedshiftEverywhereRuns(t *testing.T) {
	r, ws := enginetest.RunnerFromFiles(t, redshiftEverywhere(everywhereSetup,
		"checks:\n"+
			"  - sql: |\n      select ids from (select listagg(id, ',') within group (order by id) as ids from recent) x where ids <> '1,2'\n"+
			"  - table: orders\n    expression: nvl(amount, 0) < 10 and dateadd(month, 1, placed) > placed\n"+
			"  - table: orders\n    expression: datediff(day, placed, getdate()) < 0\n    name: in_future\n"),
		engine.RunnerOptions{Parallel: 1})
	res := r.RunFixture(context.Background(), ws.Fixtures[0])
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	want := []checks.Status{checks.StatusPass, checks.StatusPass, checks.StatusFail}
	for i, c := range res.Checks {
		if i >= len(want) || c.Status != want[i] {
			t.Errorf("check %d %s: %s (%v, %d failing), want %v", i, c.Name, c.Status, c.Err, c.Failing, want)
		}
	}
	if len(res.Checks) != 3 || res.Checks[2].Failing != 3 {
		t.Errorf("checks %+v: want in_future failing on the 3 orders (setup added the third)", res.Checks)
	}
}

// TestRedshiftEverywherePositions: Postgres's error inside a translated
// setup statement, check sql: and check expression: is at the fixture's
// file:line:col of the text as written, past the rewritten NVL/DATEADD
// before it; a construct jig cannot run locally is refused at its place.
func TestRedshiftEverywherePositions(t *testing.T) {
	cases := []struct{ name, setup, checks, want string }{
		{"setup", "  select nvl(amount, 0), dateadd(day, 1, placed), nosuch from orders;\n", "",
			"fixtures/q/a.yaml:5:51: column \"nosuch\" does not exist"},
		{"setup refused", "  select 1;\n  select id from orders qualify row_number() over (order by id) = 1;\n", "",
			"fixtures/q/a.yaml:6:25: QUALIFY"},
		{"check sql", "  select 1;\n", "checks:\n  - sql: |\n      select nvl(amount, 0), dateadd(day, 1, placed), nosuch from orders\n",
			"fixtures/q/a.yaml:8:55: column \"nosuch\" does not exist"},
		{"check expression", "  select 1;\n", "checks:\n  - table: orders\n    expression: nvl(amount, 0) > 0 and dateadd(day, 1, placed) > nosuch\n",
			"fixtures/q/a.yaml:8:66: column \"nosuch\" does not exist"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r, ws := enginetest.RunnerFromFiles(t, redshiftEverywhere(tc.setup, tc.checks), engine.RunnerOptions{Parallel: 1})
			res := r.RunFixture(context.Background(), ws.Fixtures[0])
			err := res.Err
			if err == nil && len(res.Checks) > 0 {
				err = res.Checks[0].Err
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v\nwant it to say %q", err, tc.want)
			}
		})
	}
}

// TestRedshiftSchemaViews: a schema file's view gets the query rewrites
// and the functions (NVL, DATEADD with a bare part, GETDATE, LISTAGG), and
// an error in one is at the schema file's line:col as written.
func TestRedshiftSchemaViews(t *testing.T) {
	files := redshiftEverywhere("  select 1;\n", "")
	files["schema/a.sql"] += "CREATE VIEW order_ids AS\n  SELECT listagg(id, ',') WITHIN GROUP (ORDER BY id) AS ids, max(dateadd(day, 1, placed)) AS after,\n" +
		"    min(nvl(amount, 0)) AS least, bool_and(getdate() > placed) AS past FROM orders;\n"
	files["queries/q.sql"] = "select * from order_ids\n"
	files["fixtures/q/a.yaml"] += "expect:\n  rows: [{ids: '1,2', after: 2024-02-02 00:00:00, least: 0, past: true}]\n"
	r, ws := enginetest.RunnerFromFiles(t, files, engine.RunnerOptions{Parallel: 1})
	if res := r.RunFixture(context.Background(), ws.Fixtures[0]); res.Failed() {
		t.Fatal(engine.FormatFailure(res, false))
	}
	files["schema/a.sql"] = "CREATE TABLE orders (id int, amount int, placed date);\nCREATE VIEW v AS SELECT nvl(amount, 0) AS a, dateadd(day, 1, placed) AS d, nosuch FROM orders;\n"
	dir := t.TempDir()
	enginetest.WriteFiles(t, dir, files)
	ws, err := workspace.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	_, err = engine.NewRunner(context.Background(), enginetest.Server(t), ws, engine.RunnerOptions{Parallel: 1})
	if err == nil || !strings.Contains(err.Error(), "schema/a.sql:2:76: column \"nosuch\" does not exist") {
		t.Errorf("error %v, want it at schema/a.sql:2:76", err)
	}
}

// TestRedshiftEverywhereLive: the workbench's live run of the same fixture
// translates setup: and the checks as RunFixture does.
func TestRedshiftEverywhereLive(t *testing.T) {
	r, ws := enginetest.RunnerFromFiles(t, redshiftEverywhere(everywhereSetup,
		"checks:\n  - table: orders\n    expression: nvl(amount, 0) < 10 and dateadd(month, 1, placed) > placed\n"),
		engine.RunnerOptions{Parallel: 1})
	live, err := r.RunLive(context.Background(), ws.Fixtures[0], 10)
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	if live.Err != nil || live.Total != 3 || len(live.Checks) != 1 || live.Checks[0].Status != checks.StatusPass {
		t.Errorf("live run: err %v, %d rows (want 3: setup inserts one), checks %+v", live.Err, live.Total, live.Checks)
	}
}

// TestRedshiftDbtSQLFormatInput: a dbt unit test's rows in sql format get
// the query rewrites in a Redshift workspace (NVL, DATEADD with a bare
// part), an error in them placed in the YAML past the rewritten text.
func TestRedshiftDbtSQLFormatInput(t *testing.T) {
	files := map[string]string{
		"jig.yaml":        "dialect: redshift\n",
		"dbt_project.yml": "name: p\n",
		"seeds/raw.csv":   "id,amount,placed\n9,9,2024-01-01\n",
		"models/m.sql":    "select id, amount * 2 as twice, placed from {{ ref('raw') }}\n",
		"models/unit.yml": `unit_tests:
  - name: t
    model: m
    given:
      - input: ref('raw')
        format: sql
        rows: |
          select 1 as id, nvl(null, 5) as amount, trunc(dateadd(day, 1, '2024-01-31')) as placed
    expect:
      rows: [{id: 1, twice: 10, placed: 2024-02-01}]
`,
	}
	r, ws := enginetest.RunnerFromFiles(t, files, engine.RunnerOptions{Parallel: 1})
	if res := r.RunFixture(context.Background(), ws.Fixture("m/t")); res.Failed() {
		t.Fatalf("%s: %s", res.Status, engine.FormatFailure(res, false))
	}
	files["models/unit.yml"] = strings.Replace(files["models/unit.yml"], "as placed", "as placed, nope", 1)
	r, ws = enginetest.RunnerFromFiles(t, files, engine.RunnerOptions{Parallel: 1})
	res := r.RunFixture(context.Background(), ws.Fixture("m/t"))
	if res.Err == nil || !strings.Contains(res.Err.Error(), "models/unit.yml:8:99") {
		t.Errorf("error %v, want it at models/unit.yml:8:99", res.Err)
	}
}
