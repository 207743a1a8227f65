package main

import (
	"strings"
	"testing"
)

const typedSetup = `
CREATE TABLE events (event_id text, user_id text, n int, ts timestamp);
INSERT INTO events VALUES ('e1', 'u1', 1, now());
CREATE TABLE staging (LIKE events);
INSERT INTO staging VALUES ('e2', 'u2', 2, now());`

// typedMistakes are check parameters that cannot fit the live tables, each
// with the error it must give: at its file:line:column, naming the type.
var typedMistakes = []struct{ entry, want string }{
	{"accepted_range: {column: n, min: one}", "checks/events.yaml:3:38: accepted_range: `min` one does not fit column n (integer)"},
	{"accepted_values: {column: user_id, values: [u1, 7]}", "checks/events.yaml:3:53: accepted_values: value 7 is a number, but column user_id is text"},
	{"accepted_range: {column: ts, max: banana}", "checks/events.yaml:3:39: accepted_range: `max` banana does not fit column ts (timestamp without time zone)"},
	{"unique: [event_id, nope]", "checks/events.yaml:3:24: unique: events has no column `nope`"},
	{"relationships: {column: user_id, to: userz}", "checks/events.yaml:3:42: relationships: `to` userz is not a table or query of the workspace"},
	{"relationships: {column: user_id, to: staging, field: uid}", "checks/events.yaml:3:58: relationships: staging has no column `uid`"},
	{"equal_row_count: {to: nowhere}", "checks/events.yaml:3:27: equal_row_count: `to` nowhere is not a table or query of the workspace"},
	{"matches: {column: n, pattern: '^1'}", "checks/events.yaml:3:23: matches: column n is integer; matches needs a text column"},
	{"freshness: {column: user_id, max_age: 1 day}", "checks/events.yaml:3:25: freshness: column user_id is text; freshness needs a date or timestamp column"},
}

// jig check --dsn validates every check's parameters against the live
// tables before running any check: exit 2 at the parameter.
func TestCheckLiveValidatesSchema(t *testing.T) {
	for _, m := range typedMistakes {
		dir, dsn := liveWorkspace(t, typedSetup, "table: events\nchecks:\n  - "+m.entry+"\n")
		code, out := jig(t, "check", "-w", dir, "--dsn", dsn)
		if code != exitUsage || !strings.Contains(out, m.want) || strings.Contains(out, "| events |") {
			t.Errorf("%s: exit %d:\n%s\nwant exit 2 before any check ran, with %q", m.entry, code, out, m.want)
		}
	}
	dir, dsn := liveWorkspace(t, typedSetup, "table: events\nchecks:\n  - accepted_range: {column: n, min: 0}\n  - freshness: {column: ts, max_age: 1 day}\n  - relationships: {column: user_id, to: events}\n")
	if code, out := jig(t, "check", "-w", dir, "--dsn", dsn); code != exitOK {
		t.Errorf("checks that fit the live tables: exit %d:\n%s", code, out)
	}
}

// jig promote validates the target's checks before its transaction: a
// mistake is exit 2 and moves nothing.
func TestPromoteValidatesSchema(t *testing.T) {
	for _, m := range typedMistakes[:3] {
		dir, dsn := liveWorkspace(t, typedSetup, "table: events\nchecks:\n  - "+m.entry+"\n")
		code, out := jig(t, "promote", "-w", dir, "--dsn", dsn, "--from", "staging", "--to", "events")
		if code != exitUsage || !strings.Contains(out, m.want) || !strings.Contains(out, "nothing was moved") {
			t.Errorf("%s: exit %d:\n%s\nwant exit 2 with %q", m.entry, code, out, m.want)
		}
		countIs(t, dsn, dir, "staging", 1)
	}
}
