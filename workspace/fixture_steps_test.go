package workspace

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFixtureQueryList(t *testing.T) {
	src := "query: [01_setup, 02_events,\n  03_commit]\nexpect:\n  table: web.sessions\n  rows: []\n"
	f, err := ParseFixture("fixtures/01_setup/run.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if f.Query != "01_setup" || f.Name != "01_setup/run" || len(f.Steps) != 3 {
		t.Fatalf("fixture %+v", f)
	}
	if s := f.Steps[2]; s.Query != "03_commit" || s.Line != 2 || s.Col != 3 {
		t.Errorf("third step %+v, want 03_commit at 2:3", s)
	}
	back, err := ParseFixture(f.Path, MarshalFixture(f))
	if err != nil || len(back.Steps) != 3 || back.Steps[1].Query != "02_events" || back.Expect.Table != "web.sessions" {
		t.Errorf("written back: %+v, %v\n%s", back, err, MarshalFixture(f))
	}
	one, _ := ParseFixture("fixtures/q/a.yaml", []byte("query: q\n"))
	if steps := one.StepList(); len(steps) != 1 || steps[0].Query != "q" || len(one.Steps) != 0 {
		t.Errorf("one query: steps %+v", steps)
	}
}

func TestFixtureQueryListErrors(t *testing.T) {
	for src, want := range map[string]string{
		"query: []\n":             "fixtures/a/f.yaml:1:8: query: the list of queries is empty",
		"query: [b, a]\n":         "fixtures/a/f.yaml:1:9: a fixture of several queries lives in the folder of its first query, `b`, not `a`",
		"query: [a, {x: 1}]\n":    "fixtures/a/f.yaml:1:12: query: expected a string",
		"query:\n  - a\n  - ''\n": "fixtures/a/f.yaml:3:5: query: an empty name in the list",
	} {
		_, err := ParseFixture("fixtures/a/f.yaml", []byte(src))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: err %v, want %q", src, err, want)
		}
	}
}

// Every step must name a query of the workspace, each reported where it
// is written.
func TestLoadReportsUnknownSteps(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"queries/01_a.sql":            "select 1",
		"queries/02_b.sql":            "drop table if exists x; create table x as select 1",
		"fixtures/01_a/pipeline.yaml": "query: [01_a, 02_b, 02_c]\n",
	} {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(text), 0o644)
	}
	_, err := Load(dir)
	if err == nil || !strings.Contains(err.Error(), "fixtures/01_a/pipeline.yaml:1:21: fixture names query `02_c`, which does not exist") ||
		!strings.Contains(err.Error(), "did you mean `02_b`?") {
		t.Errorf("err %v", err)
	}
}
