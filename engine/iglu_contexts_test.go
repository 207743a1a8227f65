package engine_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/engine/enginetest"
)

// igluContextsDir holds Snowplow's Redshift shredded tables, one schema
// file per table of snowplow/iglu-central's sql/ folder (testdata/projects).
const igluContextsDir = "../testdata/projects/iglu_contexts"

// TestIgluContextTables: every table the 228 schema files create (227
// shredded contexts and atomic.events) exists in Suite.Tables under the
// name written, all distinct, including the two measurement-protocol
// tables whose 76- and 79-byte names share their first 63 bytes, which
// Postgres alone would cut to one; the fixture over those two passes on
// two runners in a row.
func TestIgluContextTables(t *testing.T) {
	written := writtenTables(t)
	if len(written) < 226 {
		t.Fatalf("%d tables in the schema files, want the 226 or more of iglu-central", len(written))
	}
	ws := loadProject(t, igluContextsDir)
	var r *engine.Runner
	for run := 1; run <= 2; run++ {
		r = enginetest.Runner(t, ws, engine.RunnerOptions{Parallel: 1})
		res := r.RunFixture(context.Background(), ws.Fixture("impressions/metric_and_dimension"))
		if res.Failed() {
			t.Fatalf("run %d: %s", run, engine.FormatFailure(res, false))
		}
	}
	seen := map[string]bool{}
	long := 0
	for _, tb := range r.Suite.Tables {
		name := tb.Schema + "." + tb.Name
		if seen[name] {
			t.Errorf("table %s twice in Suite.Tables", name)
		}
		seen[name] = true
	}
	for name := range written {
		if !seen[name] {
			t.Errorf("table %s (%d bytes) is not in Suite.Tables under its written name", name, len(name)-len("atomic."))
		}
		if got := r.Suite.Table(name); got == nil || got.Schema+"."+got.Name != name {
			t.Errorf("Suite.Table(%q) = %v", name, got)
		}
		if len(name)-len("atomic.") > 63 {
			long++
		}
	}
	if len(seen) != len(written) || long != 6 {
		t.Errorf("%d tables described, %d written, %d longer than 63 bytes (want 6)", len(seen), len(written), long)
	}
}

// writtenTables are the tables the project's schema files create, named as
// written (atomic.name).
func writtenTables(t *testing.T) map[string]bool {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(igluContextsDir, "schema", "*.sql"))
	if err != nil || len(files) == 0 {
		t.Fatalf("schema files: %v (%d)", err, len(files))
	}
	create := regexp.MustCompile(`(?m)^CREATE TABLE IF NOT EXISTS (atomic\.\w+) \(`)
	out := map[string]bool{}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range create.FindAllStringSubmatch(string(src), -1) {
			if out[m[1]] {
				t.Errorf("%s: table %s created twice", f, m[1])
			}
			out[m[1]] = true
		}
	}
	if n := len(out); n != len(files) {
		t.Errorf("%d tables in %d files: want one each", n, len(files))
	}
	return out
}

// TestIgluContextErrorsNameTablesAsWritten: a fixture giving a column the
// long table lacks is refused naming the table as written, never its
// shortened name.
func TestIgluContextErrorsNameTablesAsWritten(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(igluContextsDir)); err != nil {
		t.Fatal(err)
	}
	const table = "atomic.com_google_analytics_measurement_protocol_product_impression_custom_dimension_1"
	fixture := "query: impressions\ngiven:\n  atomic.events: [{event_id: e1, collector_tstamp: 2024-03-01 10:00:00}]\n" +
		"  " + table + ": [{root_id: e1, colour: red}]\n"
	path := filepath.Join(dir, "fixtures", "impressions", "metric_and_dimension.yaml")
	if err := os.WriteFile(path, []byte(fixture), 0o644); err != nil {
		t.Fatal(err)
	}
	ws := loadProject(t, dir)
	r := enginetest.Runner(t, ws, engine.RunnerOptions{Parallel: 1})
	res := r.RunFixture(context.Background(), ws.Fixtures[0])
	err := res.Err
	if err == nil || !strings.Contains(err.Error(), table) || !strings.Contains(err.Error(), "colour") ||
		strings.Contains(err.Error(), "_cu\"") || !strings.Contains(err.Error(), "metric_and_dimension.yaml:4:") {
		t.Errorf("error %v\nwant it at the fixture's line 4, naming column colour of %s", err, table)
	}
}
