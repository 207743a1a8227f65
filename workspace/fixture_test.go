package workspace

import (
	"encoding/json"
	"math"
	"os"
	"reflect"
	"strings"
	"testing"
)

const sampleFixture = `# a comment at the top
query: q
description: tricky values
given:
  events:   # the factory fills the rest
    - {a: null, b: "null", c: "", d: ~, e: "true", f: "123", g: 1.50, h: -7, i: [1, x], j: {k: v}}
    - a: 1
      b: "two words"
expect:
  rows:
    - {x: 1}   # old row
    - {x: 2}
  # a comment about ordered
  ordered: true
checks:
  - {table: q, not_null: x}
  - unique: [x]
    severity: warn
`

func TestParseFixtureValues(t *testing.T) {
	f, err := ParseFixture("fixtures/q/tricky.yaml", []byte(sampleFixture))
	if err != nil {
		t.Fatal(err)
	}
	row := f.Given[0].Rows[0]
	want := map[string]any{"a": nil, "b": "null", "c": "", "d": nil, "e": "true", "f": "123", "g": json.Number("1.50"), // as written
		"h": int64(-7), "i": []any{int64(1), "x"}, "j": map[string]any{"k": "v"}}
	for col, v := range want {
		c, ok := row.Get(col)
		if !ok || !reflect.DeepEqual(c.Value, v) {
			t.Errorf("%s = %#v, want %#v", col, c.Value, v)
		}
	}
	if c, _ := row.Get("g"); c.Line != 6 || c.Col != 65 {
		t.Errorf("g at %d:%d", c.Line, c.Col)
	}
	if f.Name != "q/tricky" || !f.Expect.Ordered || len(f.Expect.Rows) != 2 {
		t.Errorf("fixture = %+v", f)
	}
	if len(f.Checks) != 2 || string(f.Checks[1].YAML) != "unique: [x]\nseverity: warn\n" || f.Checks[1].Line != 17 || f.Checks[1].Col != 5 {
		t.Errorf("checks = %q %+v", f.Checks[1].YAML, f.Checks)
	}
}

func TestFixtureRoundTrip(t *testing.T) {
	for name, data := range DemoFiles() {
		if strings.HasPrefix(name, "fixtures/") {
			roundTrip(t, name, data)
		}
	}
	roundTrip(t, "fixtures/q/tricky.yaml", []byte(sampleFixture))
	f := &Fixture{Query: "q", Setup: "insert into t values (1);\nupdate t set a = 2;\n", Description: "a: b # c",
		Given: []GivenTable{{Table: "t", Rows: []Row{{Cells: []Cell{
			{Column: "a b", Value: "  padded"}, {Column: "c", Value: "line\nbreak\t\"q\""}, {Column: "d", Value: 1e21},
			{Column: "e", Value: math.Inf(-1)}, {Column: "f", Value: "yes"}, {Column: "g", Value: "#x"}, {Column: "h", Value: "-"},
			{Column: "i", Value: "é ü"}, {Column: "j", Value: "1.0"}, {Column: "k", Value: float64(3)},
		}}}}, {Table: "empty", Rows: []Row{}}},
		Expect: Expect{Rows: []Row{}, Columns: ColumnsPartial, Tolerance: 0.01, ColumnTolerance: map[string]float64{"x": 0.5}}}
	roundTrip(t, "fixtures/q/built.yaml", MarshalFixture(f))
}

// roundTrip checks that Parse(Marshal(Parse(data))) equals Parse(data).
func roundTrip(t *testing.T, path string, data []byte) {
	t.Helper()
	a, err := ParseFixture(path, data)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	out := MarshalFixture(a)
	b, err := ParseFixture(path, out)
	if err != nil {
		t.Fatalf("%s: re-reading marshalled fixture: %v\n%s", path, err, out)
	}
	if !sameFixture(a, b) {
		t.Errorf("%s: round trip changed the fixture\n%s", path, out)
	}
}

// sameFixture compares fixtures ignoring positions.
func sameFixture(a, b *Fixture) bool {
	if a.Query != b.Query || a.Description != b.Description || a.Setup != b.Setup || len(a.Given) != len(b.Given) || len(a.Checks) != len(b.Checks) {
		return false
	}
	if len(a.Steps) != len(b.Steps) {
		return false
	}
	for i := range a.Steps {
		if a.Steps[i].Query != b.Steps[i].Query {
			return false
		}
	}
	for i := range a.Given {
		if a.Given[i].Table != b.Given[i].Table || !SameRows(a.Given[i].Rows, b.Given[i].Rows) {
			return false
		}
		if ca, cb := a.Given[i].CSV, b.Given[i].CSV; (ca == nil) != (cb == nil) || ca != nil && (ca.Path != cb.Path || ca.Text != cb.Text) {
			return false
		}
	}
	for i := range a.Checks {
		if string(a.Checks[i].YAML) != string(b.Checks[i].YAML) {
			return false
		}
	}
	ea, eb := a.Expect, b.Expect
	if len(ea.ColumnTolerance) == 0 && len(eb.ColumnTolerance) == 0 {
		ea.ColumnTolerance, eb.ColumnTolerance = nil, nil
	}
	return (ea.Rows == nil) == (eb.Rows == nil) && SameRows(ea.Rows, eb.Rows) && ea.Table == eb.Table &&
		ea.Ordered == eb.Ordered && ea.Columns == eb.Columns && ea.Tolerance == eb.Tolerance &&
		reflect.DeepEqual(ea.ColumnTolerance, eb.ColumnTolerance)
}

func TestUpdateExpectedRows(t *testing.T) {
	src := []byte(sampleFixture)
	f, _ := ParseFixture("fixtures/q/tricky.yaml", src)
	same, err := UpdateExpectedRows(src, f.Expect.Rows)
	if err != nil || string(same) != string(src) {
		t.Fatalf("unchanged rows changed the file: %v\n%s", err, same)
	}
	rows := []Row{{Cells: []Cell{{Column: "x", Value: int64(3)}, {Column: "y", Value: "null"}}}}
	out, err := UpdateExpectedRows(src, rows)
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Replace(sampleFixture, "    - {x: 1}   # old row\n    - {x: 2}\n", "    - {x: 3, y: \"null\"}\n", 1)
	if string(out) != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
	noRows := "query: q\nexpect:\n  ordered: true\n# end\n"
	out, _ = UpdateExpectedRows([]byte(noRows), rows)
	if string(out) != "query: q\nexpect:\n  rows:\n    - {x: 3, y: \"null\"}\n  ordered: true\n# end\n" {
		t.Errorf("insert rows:\n%s", out)
	}
	noExpect := "query: q  # no expect yet"
	out, _ = UpdateExpectedRows([]byte(noExpect), []Row{})
	if string(out) != noExpect+"\nexpect:\n  rows: []\n" {
		t.Errorf("append expect:\n%s", out)
	}
	if _, err := UpdateExpectedRows([]byte("query: [\n"), rows); err == nil {
		t.Error("invalid YAML accepted")
	}
}

func FuzzFixture(f *testing.F) {
	f.Add([]byte(sampleFixture))
	for name, data := range DemoFiles() {
		if strings.HasPrefix(name, "fixtures/") {
			f.Add(data)
		}
	}
	f.Add([]byte("given:\n  t:\n    - {a: \"\\u0000\", b: '''', c: !!str 12}\n"))
	f.Add([]byte("expect: {rows: [{a: 1}]}\nchecks: [{a: 1}, {b: 2}]\n"))
	f.Add([]byte("setup: |\n  select 1;\n\n  select 2;\n"))
	f.Add([]byte("given:\n  t: {csv: seeds/t.csv}\n  u: {csv: \"id,\\\"n\\\"\\n1,\\u00e9\\n\"}\n  v:\n    csv: |\n      a,b\n      1,\n"))
	f.Add([]byte("query: [q, \"b, c\", '0x1', null]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := ParseFixture("fixtures/q/f.yaml", data)
		if err != nil {
			return
		}
		out := MarshalFixture(a)
		b, err := ParseFixture("fixtures/q/f.yaml", out)
		if err != nil {
			t.Fatalf("marshalled fixture does not parse: %v\n%s", err, out)
		}
		if !sameFixture(a, b) && !hasNaN(a) {
			t.Fatalf("round trip changed the fixture\n%q\n%s", data, out)
		}
		if up, err := UpdateExpectedRows(data, a.Expect.Rows); err == nil && a.Expect.Rows != nil && string(up) != string(data) {
			t.Fatalf("same rows changed the file")
		}
	})
}

func hasNaN(f *Fixture) bool {
	return strings.Contains(strings.ToLower(string(MarshalFixture(f))), ".nan")
}

func TestParseQuery(t *testing.T) {
	q, err := ParseQuery("queries/a.sql", "select ';' as x; -- trailing\n;\n")
	if err != nil || q.SQL != "select ';' as x" || q.Name != "a" {
		t.Errorf("q = %+v, %v", q, err)
	}
	q, err = ParseQuery("queries/b.sql", "select $$;$$, E'\\';', \"a;b\" /* ; */")
	if err != nil || !strings.HasSuffix(q.SQL, "/* ; */") {
		t.Errorf("q = %+v, %v", q, err)
	}
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	p := dir + "/f.yaml"
	if err := WriteFileAtomic(p, []byte("one"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteFileAtomic(p, []byte("two"), 0o600); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != "two" {
		t.Errorf("content = %q", b)
	}
	// Rename over a directory fails after the temp file was written: no
	// temp file may remain.
	os.Mkdir(dir+"/sub", 0o755)
	if err := WriteFileAtomic(dir+"/sub", []byte("x"), 0o644); err == nil {
		t.Error("writing over a directory succeeded")
	}
	// A read-only directory: the old file stays (root ignores permissions).
	ro := t.TempDir()
	os.WriteFile(ro+"/old.yaml", []byte("old"), 0o644)
	os.Chmod(ro, 0o555)
	defer os.Chmod(ro, 0o755)
	err := WriteFileAtomic(ro+"/old.yaml", []byte("new"), 0o644)
	if os.Geteuid() != 0 && err == nil {
		t.Error("writing in a read-only directory succeeded")
	}
	if b, _ := os.ReadFile(ro + "/old.yaml"); err != nil && string(b) != "old" {
		t.Errorf("old file changed: %q", b)
	}
	for _, d := range []string{dir, ro} {
		entries, _ := os.ReadDir(d)
		for _, e := range entries {
			if strings.Contains(e.Name(), ".tmp-") {
				t.Errorf("temp file left: %s", e.Name())
			}
		}
	}
	if err := WriteFileAtomic(dir+"/missing/f", []byte("x"), 0o644); err == nil {
		t.Error("writing into a missing directory succeeded")
	}
}

// A check entry that cannot be read on its own is an error where the fixture
// is parsed (validate), not a YAML error in test; an entry ends before the
// next entry's "-" even when the next value is on a later line.
func TestFixtureCheckEntries(t *testing.T) {
	_, err := ParseFixture("fixtures/q/a.yaml", []byte("query: q\nchecks: [:]\n"))
	if err == nil || !strings.HasPrefix(err.Error(), "fixtures/q/a.yaml:2:") {
		t.Errorf("checks: [:]: %v, want a positioned error on line 2", err)
	}
	f, err := ParseFixture("fixtures/q/a.yaml", []byte("query: q\nchecks:\n  - {a: 1}\n  -\n    not_null: x\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Checks) != 2 || string(f.Checks[0].YAML) != "{a: 1}\n" || string(f.Checks[1].YAML) != "not_null: x\n" {
		t.Errorf("entries: %+v", f.Checks)
	}
}

// SetupPos maps an offset in setup's SQL to the file, for a block scalar
// and for a quoted one on the key's line.
func TestSetupPos(t *testing.T) {
	f, err := ParseFixture("fixtures/q/a.yaml", []byte("query: q\n# c\n\nsetup: |\n  select 1;\n    select frm;\n"))
	if err != nil {
		t.Fatal(err)
	}
	off := strings.Index(f.Setup, "frm")
	if l, c := f.SetupPos(off); l != 6 || c != 12 {
		t.Errorf("block: frm at %d:%d, want 6:12", l, c)
	}
	f, err = ParseFixture("fixtures/q/a.yaml", []byte("query: q\nsetup: \"select frm\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if l, c := f.SetupPos(strings.Index(f.Setup, "frm")); l != 2 || c != 16 {
		t.Errorf("quoted: frm at %d:%d, want 2:16", l, c)
	}
}

func TestSetupSourceAligned(t *testing.T) {
	f, _ := ParseFixture("fixtures/q/a.yaml", []byte("query: q\nsetup: |\n  select 1;\n  select frm;\n"))
	lines := strings.Split(f.SetupSource(), "\n")
	if l, c := f.SetupPos(strings.Index(f.Setup, "frm")); lines[l-1][c-1:c+2] != "frm" {
		t.Errorf("line %d col %d of %q", l, c, f.SetupSource())
	}
}
