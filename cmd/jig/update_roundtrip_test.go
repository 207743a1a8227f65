package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jig-sql/jig/engine/enginetest"
)

// updateRoundTrip writes a workspace whose query returns the select list,
// runs jig test --update, and then jig test, which must pass on what the
// update wrote. It returns the fixture as written.
func updateRoundTrip(t *testing.T, schema, query string) string {
	t.Helper()
	t.Setenv("JIG_DSN", enginetest.Server(t).DSN())
	t.Setenv("NO_COLOR", "1")
	dir := t.TempDir()
	files := map[string]string{
		"schema/t.sql":      schema,
		"queries/q.sql":     query,
		"fixtures/q/a.yaml": "query: q\nexpect:\n  rows: []\n",
	}
	for name, text := range files {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if code, out := jig(t, "test", "--update", "-w", dir); !strings.Contains(out, "updated fixtures/q/a.yaml") {
		t.Fatalf("--update: exit %d\n%s", code, out)
	}
	written, _ := os.ReadFile(filepath.Join(dir, "fixtures/q/a.yaml"))
	if code, out := jig(t, "test", "-w", dir); code != exitOK {
		t.Errorf("jig test after --update: exit %d\n%s\n--- fixture\n%s", code, out, written)
	}
	return string(written)
}

func TestUpdateRoundTripsInfinity(t *testing.T) {
	updateRoundTrip(t, "create table t (id int);\n",
		"select 'infinity'::date as d, '-infinity'::date as d2, 'infinity'::timestamp as ts,\n"+
			"  '-infinity'::timestamp as ts2, 'infinity'::timestamptz as tz, '-infinity'::timestamptz as tz2")
}

// A check parameter that does not fit the schema stops jig test with exit 2
// at the parameter, before any fixture runs.
func TestCheckParamsMustFitSchema(t *testing.T) {
	t.Setenv("JIG_DSN", enginetest.Server(t).DSN())
	dir := t.TempDir()
	for name, text := range map[string]string{
		"schema/t.sql":      "create table t (id int primary key, name text);\n",
		"queries/q.sql":     "select id from t",
		"checks/t.yaml":     "table: t\nchecks:\n  - accepted_range: {column: id, min: one}\n  - accepted_values: {column: name, values: [1, 2]}\n",
		"fixtures/q/a.yaml": "query: q\nexpect:\n  rows: []\n",
	} {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755)
		os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644)
	}
	code, out := jig(t, "test", "-w", dir)
	for _, want := range []string{"checks/t.yaml:3:39: accepted_range: `min` one does not fit column id (integer)",
		"checks/t.yaml:4:46: accepted_values: value 1 is a number, but column name is text"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if code != exitUsage {
		t.Errorf("exit %d, want %d", code, exitUsage)
	}
}

// jig test --update edits the fixture in place: the comment above a changed
// row, key order and the spelling of numbers that did not change survive,
// and only the changed row is rewritten.
func TestUpdateKeepsCommentsAndNumbers(t *testing.T) {
	t.Setenv("JIG_DSN", enginetest.Server(t).DSN())
	t.Setenv("NO_COLOR", "1")
	dir := t.TempDir()
	fixture := "# revenue per day\nquery: q\nexpect:\n  # ordered by day\n  rows:\n" +
		"    # the first day\n    - {day: 1, gross_revenue: 150.00}\n" +
		"    # the second day: wrong on purpose\n    - {day: 2, gross_revenue: 99.00}\n"
	files := map[string]string{
		"schema/t.sql":      "create table t (id int);\n",
		"queries/q.sql":     "select * from (values (1, 150.00::numeric), (2, 75.50::numeric)) v(day, gross_revenue) order by day",
		"fixtures/q/a.yaml": fixture,
	}
	for name, text := range files {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if code, out := jig(t, "test", "--update", "-w", dir); !strings.Contains(out, "updated fixtures/q/a.yaml") {
		t.Fatalf("--update: exit %d\n%s", code, out)
	}
	written, _ := os.ReadFile(filepath.Join(dir, "fixtures/q/a.yaml"))
	want := strings.Replace(fixture, "gross_revenue: 99.00}", "gross_revenue: 75.50}", 1)
	if string(written) != want {
		t.Errorf("--update wrote\n%s\nwant\n%s", written, want)
	}
	if code, out := jig(t, "test", "-w", dir); code != exitOK {
		t.Errorf("jig test after --update: exit %d\n%s", code, out)
	}
}
