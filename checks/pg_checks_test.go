package checks_test

import (
	"context"
	"strings"
	"testing"

	"github.com/jig-sql/jig/checks"
	"github.com/jig-sql/jig/engine/enginetest"
)

// pgCases run against eventsSetup: every check type passing and failing,
// with NULLs, on the table and on query outputs.
var pgCases = []struct {
	entry   string // a fixture-style entry: table + check
	failing int64
	status  checks.Status
}{
	{"{table: events, not_null: event_id}", 0, checks.StatusPass},
	{"{table: events, not_null: user_id}", 1, checks.StatusFail},
	{"{table: events, not_null: user_id, severity: warn}", 1, checks.StatusWarn},
	{"{table: events, not_null: user_id, where: \"event_id <> 'evnt_3'\"}", 0, checks.StatusPass},
	{"{table: events, unique: event_id}", 1, checks.StatusFail},
	{"{table: events, unique: [event_id, duration_ms]}", 0, checks.StatusPass},
	{"{table: two_nulls, unique: x}", 0, checks.StatusPass},
	{"{table: events, accepted_values: {column: browser, values: [chrome, firefox, safari]}}", 1, checks.StatusFail},
	{"{table: events, accepted_values: {column: browser, values: [chrome, firefox, safari, ie6]}}", 0, checks.StatusPass},
	{"{table: events, accepted_values: {column: duration_ms, values: [10, 20, 30, 86400001, -1]}}", 0, checks.StatusPass},
	{"{table: events, not_accepted_values: {column: browser, values: [ie6]}}", 1, checks.StatusFail},
	{"{table: events, not_accepted_values: {column: browser, values: [opera]}}", 0, checks.StatusPass},
	{"{table: events, relationships: {column: user_id, to: users}}", 2, checks.StatusFail},
	{"{table: known_users, relationships: {column: user_id, to: users, field: user_id}}", 0, checks.StatusPass},
	{"{table: events, relationships: {column: user_id, to: known_users}}", 2, checks.StatusFail},
	{"{table: events, row_count: {min: 1}}", 0, checks.StatusPass},
	{"{table: events, row_count: {equal: 6}}", 0, checks.StatusPass},
	{"{table: events, row_count: {max: 3}}", 1, checks.StatusFail},
	{"{table: no_rows, row_count: {min: 1}}", 1, checks.StatusFail},
	{"{table: events, equal_row_count: users}", 1, checks.StatusFail},
	{"{table: events, equal_row_count: {query: \"select generate_series(1, 6);\"}}", 0, checks.StatusPass},
	{"{table: known_users, equal_row_count: {query: \"select 1 union all select 2 union all select 3\"}}", 0, checks.StatusPass},
	{"{table: events, accepted_range: {column: duration_ms, min: 0, max: 86400000}}", 2, checks.StatusFail},
	{"{table: events, accepted_range: {column: duration_ms, min: 10, max: 30, exclusive: true}}", 4, checks.StatusFail},
	{"{table: events, accepted_range: {column: duration_ms, min: 10, max: 30, exclusive: true, min_inclusive: true}}", 3, checks.StatusFail},
	{"{table: events, accepted_range: {column: duration_ms, min: -1, max: 86400001}}", 0, checks.StatusPass},
	{"{table: events, accepted_range: {column: event_ts, min: '2000-01-01'}}", 0, checks.StatusPass},
	{"{table: events, matches: {column: event_id, pattern: '^evnt_'}}", 1, checks.StatusFail},
	{"{table: events, matches: {column: user_id, pattern: '^u[0-9]$'}}", 1, checks.StatusFail},
	{"{table: known_users, matches: {column: event_id, pattern: '^evnt_[[:digit:]]+$'}}", 0, checks.StatusPass},
	{"{table: events, not_empty: user_id}", 1, checks.StatusFail},
	{"{table: events, not_empty: event_id}", 0, checks.StatusPass},
	{"{table: events, expression: duration_ms >= 0}", 1, checks.StatusFail},
	{"{table: events, expression: \"coalesce(duration_ms >= 0, false)\"}", 2, checks.StatusFail},
	{"{table: known_users, expression: \"duration_ms between 0 and 100 -- u1 and u2 only\"}", 0, checks.StatusPass},
	{"{table: events, freshness: {column: event_ts, max_age: 30 minutes}}", 1, checks.StatusFail},
	{"{table: events, freshness: {column: event_ts, max_age: 2 hours}}", 0, checks.StatusPass},
	{"{table: no_rows, freshness: {column: ts, max_age: 1 year}}", 1, checks.StatusFail},
	{"{table: events, sql: \"select * from jig_target where browser = 'ie6';\"}", 1, checks.StatusFail},
	{"{table: events, sql: \"select * from events where browser = 'ie6'\", where: \"user_id <> ' '\"}", 0, checks.StatusPass},
	{"{table: events, sql: select 1 where false}", 0, checks.StatusPass},
}

func TestChecksOnPostgres(t *testing.T) {
	conn := enginetest.Conn(t)
	exec(t, conn, eventsSetup)
	var list []checks.Configured
	for _, tc := range pgCases {
		c, err := checks.DecodeEntry("cases", []byte(tc.entry), 1, 1)
		if err != nil {
			t.Fatal(err)
		}
		list = append(list, c)
	}
	results := checks.Run(context.Background(), pgQuerier{conn}, list, checks.WithResolver(resolve))
	for i, r := range results {
		tc := pgCases[i]
		if r.Err != nil || r.Failing != tc.failing || r.Status != tc.status {
			t.Errorf("%s: got %s, %d failing, err %v; want %s, %d\n%s", tc.entry, r.Status, r.Failing, r.Err,
				tc.status, tc.failing, r.SQL)
		}
		if want := int(min(tc.failing, 5)); len(r.Sample.Rows) != want {
			t.Errorf("%s: %d sample rows, want %d", tc.entry, len(r.Sample.Rows), want)
		}
	}
}

// TestSampleAndErrors checks the sample's columns and NULLs, the sample
// limit, and that a broken check is an error while the others still run.
func TestSampleAndErrors(t *testing.T) {
	conn := enginetest.Conn(t)
	exec(t, conn, eventsSetup)
	var list []checks.Configured
	for _, e := range []string{
		"{table: events, not_null: user_id}",
		"{table: events, not_null: no_such_column}",
		"{table: events, accepted_range: {column: duration_ms, min: 15}, sample: 1}",
		"{table: events, row_count: {max: 3}, name: small}",
	} {
		c, err := checks.DecodeEntry("cases", []byte(e), 1, 1)
		if err != nil {
			t.Fatal(err)
		}
		list = append(list, c)
	}
	rs := checks.Run(context.Background(), pgQuerier{conn}, list)
	s := rs[0].Sample
	if strings.Join(s.Columns, ",") != "event_id,user_id,browser,duration_ms,event_ts" ||
		len(s.Rows) != 1 || *s.Rows[0][0] != "evnt_3" || s.Rows[0][1] != nil {
		t.Errorf("not_null sample: %v %v", s.Columns, s.Rows)
	}
	if rs[1].Status != checks.StatusError || !strings.Contains(rs[1].Err.Error(), "no_such_column") {
		t.Errorf("broken check: %s %v", rs[1].Status, rs[1].Err)
	}
	if rs[2].Failing != 2 || len(rs[2].Sample.Rows) != 1 {
		t.Errorf("sample: 1 should limit the sample: %d failing, %d rows", rs[2].Failing, len(rs[2].Sample.Rows))
	}
	if rs[3].Name != "small" || rs[3].Sample.Columns[0] != "row_count" || *rs[3].Sample.Rows[0][0] != "6" {
		t.Errorf("row_count sample: %+v", rs[3])
	}
}

// TestRedshiftFormOnPostgres runs the Redshift form of every case that uses
// no Redshift-only function: it must count the same failures.
func TestRedshiftFormOnPostgres(t *testing.T) {
	conn := enginetest.Conn(t)
	exec(t, conn, eventsSetup)
	var list []checks.Configured
	var want []int64
	for _, tc := range pgCases {
		c, _ := checks.DecodeEntry("cases", []byte(tc.entry), 1, 1)
		if c.Kind != "freshness" {
			list, want = append(list, c), append(want, tc.failing)
		}
	}
	rs := checks.Run(context.Background(), pgQuerier{conn}, list,
		checks.WithResolver(resolve), checks.WithDialect(checks.Redshift))
	for i, r := range rs {
		if r.Err != nil || r.Failing != want[i] || len(r.Sample.Rows) != 0 {
			t.Errorf("%s: %d failing, err %v; want %d", list[i].Name(), r.Failing, r.Err, want[i])
		}
	}
}
