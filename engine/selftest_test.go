package engine_test

import (
	"context"
	"strings"
	"testing"

	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/engine/enginetest"
)

// selfTest writes a workspace of files, self-tests all its checks and
// returns the results by check name.
func selfTest(t *testing.T, files map[string]string) map[string]engine.SelfTestResult {
	t.Helper()
	r, ws := enginetest.RunnerFromFiles(t, files, engine.RunnerOptions{Parallel: 1})
	files2, err := engine.DecodeChecks(ws)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]engine.SelfTestResult{}
	for _, f := range files2 {
		for _, res := range r.SelfTest(context.Background(), f.Checks) {
			if _, dup := out[res.Name]; dup {
				t.Fatalf("two checks named %s: give one a name", res.Name)
			}
			out[res.Name] = res
			t.Logf("%-30s %-11s %s", res.Name, res.Outcome, res.Reason)
		}
	}
	return out
}

// expect asserts each named check's outcome, and a reason fragment.
func expect(t *testing.T, got map[string]engine.SelfTestResult, want map[string]engine.SelfTestOutcome, reasons map[string]string) {
	t.Helper()
	for name, o := range want {
		res, ok := got[name]
		switch {
		case !ok:
			t.Errorf("%s: no result (have %v)", name, keys(got))
		case res.Outcome != o:
			t.Errorf("%s: %s (%s), want %s", name, res.Outcome, res.Reason, o)
		case !strings.Contains(res.Reason, reasons[name]):
			t.Errorf("%s: reason %q lacks %q", name, res.Reason, reasons[name])
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d results, want %d: %v", len(got), len(want), keys(got))
	}
}

func keys(m map[string]engine.SelfTestResult) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

const permissiveSchema = `
CREATE TYPE mood AS ENUM ('happy', 'sad', 'meh');
CREATE TABLE users (user_id text PRIMARY KEY, name text);
CREATE TABLE events (
    event_id    text,
    user_id     text,
    browser     varchar(12),
    duration_ms integer,
    amount      numeric(10,2),
    event_day   date,
    event_ts    timestamp,
    feeling     mood,
    flag        boolean
);`

const permissiveChecks = `table: events
checks:
  - not_null: event_id
  - unique: [event_id]
  - unique: [user_id, browser, event_day]
  - accepted_values: {column: browser, values: [chrome, firefox]}
  - accepted_values: {column: duration_ms, values: [1, 2], name: duration_listed}
  - accepted_values: {column: feeling, values: [happy, sad], name: feeling_listed}
  - not_accepted_values: {column: browser, values: [ie]}
  - relationships: {column: user_id, to: users, field: user_id}
  - row_count: {min: 1}
  - row_count: {max: 2, name: at_most_two}
  - row_count: {equal: 3, name: exactly_three}
  - accepted_range: {column: duration_ms, min: 0, max: 100}
  - accepted_range: {column: amount, min: 0.5, exclusive: true}
  - accepted_range: {column: event_day, min: "2024-01-01", max: "2024-12-31"}
  - accepted_range: {column: event_ts, max: "2030-01-01 00:00:00", max_inclusive: false}
  - matches: {column: event_id, pattern: "^ev[0-9]+$"}
  - not_empty: browser
  - expression: "duration_ms < 50"
  - expression: "flag"
  - freshness: {column: event_ts, max_age: "2 days"}
  - freshness: {column: event_day, max_age: "1 week"}
  - equal_row_count: users
  - sql: "select * from events where browser = 'bad'"
  - not_null: {column: browser, where: "true", name: browser_where}
`

// TestSelfTestProvesEveryType self-tests every check type on a schema
// that guarantees nothing: each must be seen failing and passing.
func TestSelfTestProvesEveryType(t *testing.T) {
	got := selfTest(t, map[string]string{"schema/s.sql": permissiveSchema, "checks/events.yaml": permissiveChecks})
	want := map[string]engine.SelfTestOutcome{}
	for name := range got {
		want[name] = engine.SelfTestProven
	}
	expect(t, got, want, map[string]string{})
	if len(got) != 24 {
		t.Errorf("%d results, want 24", len(got))
	}
	for _, frag := range []string{"fails on amount = 0.5", "fails on event_day = '2023-12-31'", "fails on event_ts = '2030-01-01 00:00:00'", "fails on feeling = 'meh'"} {
		found := false
		for _, r := range got {
			found = found || strings.Contains(r.Reason, frag)
		}
		if !found {
			t.Errorf("no reason says %q", frag)
		}
	}
}

const guardedSchema = `
CREATE TABLE parents (id text PRIMARY KEY);
CREATE TABLE g (
    id     text PRIMARY KEY,
    n      integer NOT NULL CHECK (n >= 0),
    code   text NOT NULL CHECK (btrim(code) <> ''),
    parent text REFERENCES parents (id),
    small  varchar(3)
);`

const guardedChecks = `table: g
checks:
  - not_null: id
  - unique: [id]
  - accepted_range: {column: n, min: 0}
  - accepted_range: {column: n, min: 0, max: 10, name: n_upto_10}
  - not_empty: code
  - relationships: {column: parent, to: parents, field: id}
  - row_count: {min: 0}
  - expression: "1 = 1"
  - expression: "n >= 0"
    name: n_not_negative
  - expression: "length(code) < 1000"
    name: code_short
  - not_null: {column: small, where: "n > 2000000000", name: small_where}
`

// TestSelfTestCannotFail reports checks the schema guarantees, with the
// constraint that does, and is honest about the ones it cannot decide.
func TestSelfTestCannotFail(t *testing.T) {
	got := selfTest(t, map[string]string{"schema/s.sql": guardedSchema, "checks/g.yaml": guardedChecks})
	expect(t, got, map[string]engine.SelfTestOutcome{
		"not_null(id)":          engine.SelfTestCannotFail,
		"unique(id)":            engine.SelfTestCannotFail,
		"accepted_range(n)":     engine.SelfTestCannotFail,
		"n_upto_10":             engine.SelfTestProven,
		"not_empty(code)":       engine.SelfTestCannotFail,
		"relationships(parent)": engine.SelfTestCannotFail,
		"row_count":             engine.SelfTestCannotFail,
		"expression(1 = 1)":     engine.SelfTestCannotFail,
		"n_not_negative":        engine.SelfTestUnproven,
		"small_where":           engine.SelfTestUnproven,
		"code_short":            engine.SelfTestUnproven,
	}, map[string]string{
		"not_null(id)":          "NOT NULL on g.id",
		"unique(id)":            "PRIMARY KEY g_pkey on g",
		"accepted_range(n)":     "CHECK (n >= 0) on g",
		"not_empty(code)":       "CHECK",
		"relationships(parent)": "FOREIGN KEY g_parent_fkey on g",
		"row_count":             "min: 0",
		"expression(1 = 1)":     "reads no column",
		"n_not_negative":        "write a fixture that violates it",
		"small_where":           "not built to pass `where: n > 2000000000`",
	})
}

// TestSelfTestQueryOutput searches a query's input tables, using the
// literals of its WHERE, and stays unproven where the query guarantees.
func TestSelfTestQueryOutput(t *testing.T) {
	got := selfTest(t, map[string]string{
		"schema/s.sql":        permissiveSchema,
		"queries/chrome.sql":  "SELECT event_id, duration_ms FROM events WHERE browser = 'chrome'",
		"queries/counted.sql": "SELECT count(*) AS n FROM events",
		"checks/chrome.yaml":  "table: chrome\nchecks:\n  - expression: \"duration_ms < 10\"\n  - not_null: event_id\n",
		"checks/counted.yaml": "table: counted\nchecks:\n  - not_null: n\n",
	})
	expect(t, got, map[string]engine.SelfTestOutcome{
		"expression(duration_ms < 10)": engine.SelfTestProven,
		"not_null(event_id)":           engine.SelfTestProven,
		"not_null(n)":                  engine.SelfTestUnproven,
	}, map[string]string{
		"expression(duration_ms < 10)": "browser = 'chrome'",
		"not_null(n)":                  "output of query counted",
	})
}
