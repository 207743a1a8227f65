package checks

import (
	"strings"
	"testing"

	"github.com/jig-sql/jig/workspace"
)

func schemaTables() map[string]*workspace.Table {
	col := func(name, base, typName string) workspace.Column {
		return workspace.Column{Name: name, Type: workspace.Type{Name: typName, Base: base}}
	}
	return map[string]*workspace.Table{
		"events": {Name: "events", Columns: []workspace.Column{
			col("id", "int4", "integer"), col("browser", "varchar", "character varying(32)"),
			col("ts", "timestamp", "timestamp without time zone"), col("user_id", "text", "text")}},
		"users": {Name: "users", Columns: []workspace.Column{col("user_id", "text", "text")}},
	}
}

// Parameters that cannot fit the schema are errors at the parameter,
// naming the column's type, before anything runs.
func TestValidateSchema(t *testing.T) {
	tables := schemaTables()
	lookup := func(name string) (*workspace.Table, bool) {
		if name == "q" {
			return nil, true // a query: its columns are known only when it runs
		}
		tb, ok := tables[name]
		return tb, ok
	}
	cases := []struct{ entry, want string }{
		{"accepted_range: {column: id, min: one}", "checks/events.yaml:3:39: accepted_range: `min` one does not fit column id (integer)"},
		{"accepted_range: {column: ts, max: banana}", "checks/events.yaml:3:39: accepted_range: `max` banana does not fit column ts (timestamp without time zone)"},
		{"accepted_values: {column: browser, values: [chrome, 1]}", "checks/events.yaml:3:57: accepted_values: value 1 is a number, but column browser is character varying(32): quote it"},
		{"accepted_values: {column: id, values: [1, x]}", "checks/events.yaml:3:47: accepted_values: value x does not fit column id (integer)"},
		{"unique: [id, nope]", "checks/events.yaml:3:18: unique: events has no column `nope`"},
		{"not_null: idd", "checks/events.yaml:3:15: not_null: events has no column `idd`"},
		{"relationships: {column: user_id, to: userz}", "checks/events.yaml:3:42: relationships: `to` userz is not a table or query of the workspace"},
		{"relationships: {column: user_id, to: users, field: uid}", "checks/events.yaml:3:56: relationships: users has no column `uid`"},
		{"equal_row_count: {to: nowhere}", "checks/events.yaml:3:27: equal_row_count: `to` nowhere is not a table or query of the workspace"},
		{"matches: {column: id, pattern: '^1'}", "checks/events.yaml:3:23: matches: column id is integer; matches needs a text column"},
		{"freshness: {column: browser, max_age: 1 day}", "checks/events.yaml:3:25: freshness: column browser is character varying(32); freshness needs a date or timestamp column"},
		{"accepted_values: {column: browser, values: [7]}", "checks/events.yaml:3:49: accepted_values: value 7 is a number"},
		{"unique: nope", "checks/events.yaml:3:13: unique: events has no column `nope`"},
		{"not_empty: id", "checks/events.yaml:3:16: not_empty: column id is integer; not_empty needs a text column"},
	}
	for _, c := range cases {
		f, err := DecodeFile("checks/events.yaml", []byte("table: events\nchecks:\n  - "+c.entry+"\n"))
		if err != nil {
			t.Fatalf("%s: %v", c.entry, err)
		}
		err = ValidateSchema(f.Checks, lookup)
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%s:\n got %v\nwant %s", c.entry, err, c.want)
		}
	}
	ok := "table: events\nchecks:\n  - accepted_range: {column: id, min: 0, max: 10}\n  - accepted_values: {column: browser, values: [chrome, '1']}\n  - not_accepted_values: {column: browser, values: [ie]}\n" +
		"  - relationships: {column: user_id, to: users}\n  - equal_row_count: {to: q}\n  - freshness: {column: ts, max_age: 1 day}\n  - not_null: user_id\n"
	f, err := DecodeFile("checks/events.yaml", []byte(ok))
	if err != nil {
		t.Fatal(err)
	}
	if err := ValidateSchema(f.Checks, lookup); err != nil {
		t.Errorf("checks that fit the schema: %v", err)
	}
	q, _ := DecodeFile("checks/q.yaml", []byte("table: q\nchecks:\n  - not_null: anything\n"))
	if err := ValidateSchema(q.Checks, lookup); err != nil {
		t.Errorf("a query's columns are not known before it runs: %v", err)
	}
}

func TestDecodeRefusesNUL(t *testing.T) {
	_, err := DecodeFile("checks/t.yaml", []byte("table: t\nchecks:\n  - not_null: \"a\\0b\"\n  - accepted_values: {column: x, values: [\"\\0\"]}\n"))
	if err == nil || strings.Count(err.Error(), "NUL byte") != 2 || !strings.Contains(err.Error(), "checks/t.yaml:3:15") {
		t.Errorf("got %v", err)
	}
}

// A column missing from a table of a declared schema is reported under the
// table's name as written (web.sessions), not its bare name.
func TestValidateSchemaNamesTheSchema(t *testing.T) {
	sessions := &workspace.Table{Schema: "web", Name: "sessions", Columns: []workspace.Column{{Name: "started_at"}}}
	lookup := func(name string) (*workspace.Table, bool) { return sessions, name == "web.sessions" }
	f, err := DecodeFile("checks/web.yaml", []byte("table: web.sessions\nchecks:\n  - not_null: startd_at\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := "checks/web.yaml:3:15: not_null: web.sessions has no column `startd_at`"
	if err := ValidateSchema(f.Checks, lookup); err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("got %v\nwant %s", err, want)
	}
}
