package engine_test

import (
	"context"
	"strings"
	"testing"

	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/engine/enginetest"
)

// runAll runs every fixture of a workspace of files and returns the results
// by fixture name.
func runAll(t *testing.T, files map[string]string) map[string]*engine.FixtureResult {
	t.Helper()
	r, _ := enginetest.RunnerFromFiles(t, files, engine.RunnerOptions{Parallel: 1})
	got := map[string]*engine.FixtureResult{}
	r.Run(context.Background(), r.Suite.WS.Fixtures, func(res *engine.FixtureResult) {
		got[res.Fixture.Name] = res
	})
	return got
}

// mustPass fails the test unless the named fixture passed.
func mustPass(t *testing.T, got map[string]*engine.FixtureResult, name string) {
	t.Helper()
	res := got[name]
	if res == nil {
		t.Fatalf("no result for %s (have %d)", name, len(got))
	}
	if res.Status != engine.StatusPass {
		t.Errorf("%s: %v, want pass:\n%s", name, res.Status, engine.FormatFailure(res, false))
	}
}

// A query whose last line is a -- comment, with and without checks after
// it, and a check whose sql ends in `; -- comment`.
func TestTrailingLineComments(t *testing.T) {
	got := runAll(t, map[string]string{
		"schema/t.sql":   "create table events (id int primary key);\n",
		"queries/q.sql":  "select id from events -- all rows",
		"queries/q2.sql": "select id from events; -- all rows\n",
		"checks/events.yaml": "table: events\nchecks:\n  - not_null: id\n" +
			"  - sql: \"select * from events where id < 0; -- negative\"\n",
		"checks/q2.yaml":         "table: q2\nchecks:\n  - unique: [id]\n",
		"fixtures/q/a.yaml":      "query: q\ngiven:\n  events:\n    - {id: 1}\nexpect:\n  rows:\n    - {id: 1}\n",
		"fixtures/q2/a.yaml":     "query: q2\ngiven:\n  events:\n    - {id: 1}\nexpect:\n  rows:\n    - {id: 1}\n",
		"fixtures/q2/nochk.yaml": "query: q2\nexpect:\n  rows: []\n",
	})
	mustPass(t, got, "q/a")
	mustPass(t, got, "q2/a")
	if res := got["q2/nochk"]; res != nil && res.Err != nil && strings.Contains(res.Err.Error(), "ROLLBACK") {
		t.Errorf("q2/nochk: %v", res.Err)
	}
}

// A column named like the sample's alias must not turn each sample row into
// that column's value.
func TestSampleWithColumnNamedF(t *testing.T) {
	got := runAll(t, map[string]string{
		"schema/t.sql":      "create table t (id int primary key, f numeric, jig_sample text);\n",
		"queries/q.sql":     "select id from t",
		"checks/t.yaml":     "table: t\nchecks:\n  - expression: \"f < 100\"\n    severity: warn\n",
		"fixtures/q/a.yaml": "query: q\ngiven:\n  t:\n    - {id: 1, f: 990.07}\nexpect:\n  rows:\n    - {id: 1}\n",
	})
	res := got["q/a"]
	mustPass(t, got, "q/a")
	if len(res.Checks) != 1 || res.Checks[0].Err != nil || len(res.Checks[0].Sample.Rows) != 1 {
		t.Fatalf("checks: %+v", res.Checks)
	}
	s := res.Checks[0].Sample
	if strings.Join(s.Columns, ",") != "id,f,jig_sample" || s.Rows[0][1] == nil || *s.Rows[0][1] != "990.07" {
		t.Errorf("sample: %v %v, want columns id,f,jig_sample with f = 990.07", s.Columns, s.Rows)
	}
}

// An unquoted number is kept as written: every digit reaches a numeric
// column, and an expected row compares with every digit.
func TestLongNumbersStayExact(t *testing.T) {
	got := runAll(t, map[string]string{
		"schema/t.sql":  "create table t (id int primary key, n numeric(38,10), f float8, j jsonb);\n",
		"queries/q.sql": "select n, n::text as s, f, j from t",
		"fixtures/q/a.yaml": "query: q\ngiven:\n  t:\n    - {id: 1, n: 1234567890123456789.1234567891, f: 1.5e3, j: {a: 12345678901234567.5}}\n" +
			"expect:\n  rows:\n    - {n: 1234567890123456789.1234567891, s: '1234567890123456789.1234567891', f: 1500.0, j: {a: 12345678901234567.5}}\n",
		"fixtures/q/wrong.yaml": "query: q\ngiven:\n  t:\n    - {id: 1, n: 1234567890123456789.1234567891}\n" +
			"expect:\n  rows:\n    - {n: 1234567890123456789.1234567892, s: x, f: null, j: null}\n",
	})
	mustPass(t, got, "q/a")
	if res := got["q/wrong"]; res == nil || res.Status != engine.StatusFail {
		t.Errorf("q/wrong differs in the last digit and must fail: %+v", res)
	}
}

// An error in setup: or in a check's SQL points at its place in the YAML,
// not at a line and column of the SQL jig generated.
func TestSQLErrorsPointIntoTheYAML(t *testing.T) {
	got := runAll(t, map[string]string{
		"schema/t.sql":        "create table t (id int primary key);\n",
		"queries/q.sql":       "select id from t",
		"fixtures/q/bad.yaml": "query: q\n# one\n# two\n\nsetup: |\n  insert into t values (1);\n  selec 1;\nexpect:\n  rows: []\n",
		"fixtures/q/chk.yaml": "query: q\ngiven:\n  t:\n    - {id: 1}\nchecks:\n  - {table: t, expression: \"id >>> 0\"}\n",
	})
	for name, want := range map[string]string{"q/bad": "fixtures/q/bad.yaml:7:3: syntax error", "q/chk": "fixtures/q/chk.yaml:6:32:"} {
		res := got[name]
		if res == nil || res.Err == nil && len(res.Checks) == 0 {
			t.Fatalf("%s: %+v", name, res)
		}
		text := engine.FormatFailure(res, false)
		if !strings.Contains(text, want) {
			t.Errorf("%s: want %q in\n%s", name, want, text)
		}
	}
}
