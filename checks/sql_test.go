package checks

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
)

var (
	eventsTable = TableTarget("public.events")
	eventsQuery = QueryTarget("browser_users", "select e.browser_id, u.user_id\nfrom events e join users u using (user_id) -- pairs\n;")
)

// sqlCases are one or more per check type; the golden file shows the
// config, the target and the statement.
var sqlCases = []struct {
	name    string
	yaml    string
	target  Target
	dialect Dialect
}{
	{"not_null", "not_null: event_id", eventsTable, Postgres},
	{"not_null_where_query", "not_null: user_id\nwhere: \"browser_id like 'b%' -- only b\"\nsample: 2", eventsQuery, Postgres},
	{"unique", "unique: [user_id, browser_id]", eventsTable, Postgres},
	{"accepted_values", "accepted_values: {column: browser, values: [chrome, \"o'reilly\", 1]}", eventsTable, Postgres},
	{"not_accepted_values", "not_accepted_values: {column: browser, values: [ie6]}", eventsTable, Postgres},
	{"relationships", "relationships: {column: user_id, to: users, field: id}", eventsTable, Postgres},
	{"relationships_query", "relationships: {column: user_id, to: browser_users}", eventsTable, Postgres},
	{"row_count", "row_count: {min: 1, max: 1000}", eventsTable, Postgres},
	{"row_count_equal", "row_count: {equal: 3}", eventsQuery, Postgres},
	{"equal_row_count", "equal_row_count: analytics.events_copy", eventsTable, Postgres},
	{"equal_row_count_query", "equal_row_count: {query: \"select * from raw_events;\"}", eventsTable, Postgres},
	{"accepted_range", "accepted_range: {column: duration_ms, min: 0, max: 86400000}", eventsTable, Postgres},
	{"accepted_range_exclusive", "accepted_range: {column: ts, min: '2020-01-01', max: 1e3, exclusive: true, max_inclusive: true}", eventsTable, Postgres},
	{"matches", "matches: {column: event_id, pattern: \"^evnt_[a-z0-9']+$\"}", eventsTable, Postgres},
	{"not_empty", "not_empty: user_id", eventsTable, Postgres},
	{"expression", "expression: \"event_ts <= now() or a = 'x'\"", eventsTable, Postgres},
	{"freshness", "freshness: {column: event_ts, max_age: 24 hours}", eventsTable, Postgres},
	{"freshness_redshift", "freshness: {column: event_ts, max_age: 7 days}", eventsTable, Redshift},
	{"sql", "sql: \"select * from events where user_id = ''\"\nwhere: user_id is not null", eventsTable, Postgres},
	{"sql_redshift", "sql: \"select * from jig_target where a > b\"", eventsQuery, Redshift},
	{"column_quoting", "not_null: 'Weird \"Col\"'", TableTarget(`odd"schema.Tab`), Postgres},
}

// resolveTest treats browser_users as a query and everything else as a table.
func resolveTest(name string) (Target, error) {
	if name == eventsQuery.Name {
		return eventsQuery, nil
	}
	return TableTarget(name), nil
}

// TestSQLGolden compiles each case and compares the statement with
// testdata/TestSQLGolden/<case>.golden (go test -update rewrites them).
func TestSQLGolden(t *testing.T) {
	seen := map[string]bool{}
	for _, tc := range sqlCases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := DecodeEntry("t.yaml", []byte(tc.yaml), 1, 1)
			if err != nil {
				t.Fatal(err)
			}
			seen[c.Kind] = true
			sql, err := c.Compile(tc.target, tc.dialect, resolveTest)
			if err != nil {
				t.Fatal(err)
			}
			dialect := map[Dialect]string{Postgres: "postgres", Redshift: "redshift"}[tc.dialect]
			head := fmt.Sprintf("-- %s\n-- target: %s (%s)\n",
				strings.ReplaceAll(tc.yaml, "\n", "\n-- "), tc.target.Name, dialect)
			golden.RequireEqual(t, head+sql+"\n")
		})
	}
	for _, d := range registry {
		if !seen[d.Kind] {
			t.Errorf("no SQL golden case for %s", d.Kind)
		}
	}
}

// TestCompileErrors covers targets and relations that cannot be compiled.
func TestCompileErrors(t *testing.T) {
	c, _ := DecodeEntry("t.yaml", []byte("relationships: {column: a, to: nowhere}"), 1, 1)
	fail := func(string) (Target, error) { return Target{}, fmt.Errorf("no table or query named nowhere") }
	if _, err := c.Compile(eventsTable, Postgres, fail); err == nil ||
		err.Error() != `relationships: resolving "nowhere": no table or query named nowhere` {
		t.Errorf("got %v", err)
	}
	if _, err := c.SQL(Target{Name: "x"}); err == nil {
		t.Error("an empty target should not compile")
	}
}
