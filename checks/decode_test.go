package checks

import (
	"os"
	"reflect"
	"testing"

	"github.com/goccy/go-yaml/parser"
)

func ptr[T any](v T) *T { return &v }

// TestDecodeDesignExample decodes the checks file of DESIGN.md exactly.
func TestDecodeDesignExample(t *testing.T) {
	data, err := os.ReadFile("testdata/design.yaml")
	if err != nil {
		t.Fatal(err)
	}
	f, err := DecodeFile("checks/events.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	want := []Check{
		&NotNull{Column: "event_id"},
		&Unique{Columns: []string{"event_id"}},
		&AcceptedValues{Column: "browser", Values: []string{"chrome", "firefox", "safari"}},
		&RowCount{Min: ptr[int64](1)},
		&AcceptedRange{Column: "duration_ms", Min: &Value{"0", true}, Max: &Value{"86400000", true}},
		&Matches{Column: "event_id", Pattern: "^evnt"},
		&Relationships{Column: "user_id", To: "users", Field: "user_id"},
		&Expression{Options: Options{Severity: SeverityWarn}, Expression: "event_ts <= now()"},
		&CustomSQL{Options: Options{Name: "no_empty_user"}, SQL: "select * from events where user_id = ''"},
	}
	if f.Table != "events" || len(f.Checks) != len(want) {
		t.Fatalf("table %q, %d checks", f.Table, len(f.Checks))
	}
	for i, c := range f.Checks {
		if !reflect.DeepEqual(c.Check, want[i]) {
			t.Errorf("entry %d: got %+v, want %+v", i, c.Check, want[i])
		}
		if c.Table != "events" || c.Pos.Line != 3+i+min(i/8, 1) || c.Pos.Col != 5 {
			t.Errorf("entry %d: table %q at %v", i, c.Table, c.Pos)
		}
	}
	if got := f.Checks[7].Name(); got != "expression(event_ts <= now())" {
		t.Errorf("default name %q", got)
	}
	if got := f.Checks[8].Name(); got != "no_empty_user" {
		t.Errorf("given name %q", got)
	}
}

// TestDecodeForms covers the shorthand, map and option placements.
func TestDecodeForms(t *testing.T) {
	cases := []struct {
		yaml string
		want Check
	}{
		{"not_null: event_id", &NotNull{Column: "event_id"}},
		{"not_null: {column: event_id, where: \"kind = 'x'\"}", &NotNull{Options: Options{Where: "kind = 'x'"}, Column: "event_id"}},
		{"unique: event_id", &Unique{Columns: []string{"event_id"}}},
		{"unique: [a, b]\nsample: 0", &Unique{Options: Options{Sample: ptr(0)}, Columns: []string{"a", "b"}}},
		{"unique: {columns: [a]}", &Unique{Columns: []string{"a"}}},
		{"not_empty: name", &NotEmpty{Column: "name"}},
		{"expression: a > 0", &Expression{Expression: "a > 0"}},
		{"sql: select 1", &CustomSQL{SQL: "select 1"}},
		{"equal_row_count: users", &EqualRowCount{To: "users"}},
		{"equal_row_count: {query: select 1}", &EqualRowCount{Query: "select 1"}},
		{"accepted_values: {column: n, values: [1, 2.50, true, x]}", &AcceptedValues{Column: "n", Values: []string{"1", "2.50", "true", "x"}}},
		{"not_accepted_values: {column: n, values: [x]}", &NotAcceptedValues{Column: "n", Values: []string{"x"}}},
		{"accepted_range: {column: d, min: '2020-01-01', exclusive: true, max_inclusive: true}",
			&AcceptedRange{Column: "d", Min: &Value{Text: "2020-01-01"}, Exclusive: true, MaxInclusive: ptr(true)}},
		{"row_count: {equal: 0}", &RowCount{Equal: ptr[int64](0)}},
		{"freshness: {column: ts, max_age: 24 hours}\nseverity: warn", &Freshness{Options: Options{Severity: SeverityWarn}, Column: "ts", MaxAge: "24 hours"}},
		{"relationships: {column: user_id, to: users}", &Relationships{Column: "user_id", To: "users"}},
		{"matches: {column: id, pattern: '(?=x)\\1'}", &Matches{Column: "id", Pattern: `(?=x)\1`}},
	}
	for _, tc := range cases {
		c, err := DecodeEntry("fixture.yaml", []byte(tc.yaml), 1, 1)
		if err != nil {
			t.Errorf("%s: %v", tc.yaml, err)
			continue
		}
		if !reflect.DeepEqual(c.Check, tc.want) {
			t.Errorf("%s:\n got %+v\nwant %+v", tc.yaml, c.Check, tc.want)
		}
	}
}

// TestDecodeEntriesWithTable decodes a fixture's checks list.
func TestDecodeEntriesWithTable(t *testing.T) {
	got, err := DecodeEntries("f.yaml", []byte("- {table: browser_users, not_null: user_id}\n- unique: id\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Table != "browser_users" || got[1].Table != "" || got[1].Pos.Line != 2 {
		t.Fatalf("got %+v", got)
	}
	if _, err := DecodeEntries("f.yaml", []byte("- {tabel: x, not_null: a}\n")); err == nil ||
		err.Error() != "f.yaml:1:4: unknown check `tabel`\n  hint: did you mean `table`?" {
		t.Fatalf("got %v", err)
	}
}

// TestDecodeEntryOffset checks that positions are shifted to the fixture
// file's lines and columns, as workspace.CheckEntry describes.
func TestDecodeEntryOffset(t *testing.T) {
	c, err := DecodeEntry("fixtures/q/a.yaml", []byte("table: t\nnot_null: x\n"), 12, 5)
	if err != nil || c.Pos != (Pos{"fixtures/q/a.yaml", 12, 5}) {
		t.Fatalf("%v %v", c.Pos, err)
	}
	_, err = DecodeEntry("fixtures/q/a.yaml", []byte("table: t\nnot_null: x\nseverity: high\n"), 12, 5)
	want := "fixtures/q/a.yaml:14:15: not_null: `severity` must be error or warn, got \"high\""
	if err == nil || err.Error() != want {
		t.Fatalf("got %v\nwant %s", err, want)
	}
}

// TestDecodeEmpty covers files and lists with nothing in them.
func TestDecodeEmpty(t *testing.T) {
	if _, err := DecodeFile("c.yaml", nil); err == nil {
		t.Error("an empty file should say what is missing")
	}
	if f, err := DecodeFile("c.yaml", []byte("table: t\nchecks: []\n")); err != nil || len(f.Checks) != 0 {
		t.Errorf("%v %v", f, err)
	}
	if got, err := DecodeEntries("f.yaml", []byte("")); err != nil || got != nil {
		t.Errorf("%v %v", got, err)
	}
}

// TestDecodeEntriesNode decodes the checks: node of a parsed fixture,
// keeping the fixture file's positions.
func TestDecodeEntriesNode(t *testing.T) {
	src := "query: q\nchecks:\n  - {table: q, not_null: a}\n  - unique: [b, b]\n"
	f, err := parser.ParseBytes([]byte(src), 0)
	if err != nil {
		t.Fatal(err)
	}
	kvs, _ := pairs(f.Docs[0].Body)
	got, err := DecodeEntriesNode("fixtures/q/x.yaml", kvs[1].Value)
	want := "fixtures/q/x.yaml:4:13: unique: `columns` lists \"b\" twice"
	if err == nil || err.Error() != want || len(got) != 1 || got[0].Pos.Line != 3 {
		t.Fatalf("got %v, %v", got, err)
	}
}
