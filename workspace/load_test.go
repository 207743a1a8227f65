package workspace

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata golden files")

// archive is a txtar-like file: "-- name --" headers, each followed by the
// file's content. The section named "want" holds the expected output.
type archive struct {
	names []string
	files map[string]string
}

func parseArchive(t testing.TB, path string) archive {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	a := archive{files: map[string]string{}}
	cur := ""
	for _, line := range strings.SplitAfter(string(data), "\n") {
		trim := strings.TrimRight(line, "\n")
		if strings.HasPrefix(trim, "-- ") && strings.HasSuffix(trim, " --") && len(trim) > 6 {
			cur = strings.TrimSuffix(strings.TrimPrefix(trim, "-- "), " --")
			a.names = append(a.names, cur)
			a.files[cur] = ""
			continue
		}
		if cur != "" {
			a.files[cur] += line
		}
	}
	return a
}

func (a archive) format() string {
	var b strings.Builder
	for _, n := range a.names {
		b.WriteString("-- " + n + " --\n" + a.files[n])
	}
	return b.String()
}

// writeArchive writes every section but want into dir.
func writeArchive(t testing.TB, dir string, a archive) {
	t.Helper()
	for _, n := range a.names {
		if n == "want" {
			continue
		}
		p := filepath.Join(dir, filepath.FromSlash(n))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(a.files[n]), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestLoadErrors loads each testdata/bad workspace and compares every
// reported error, file:line:col and hint, with the golden want section.
func TestLoadErrors(t *testing.T) {
	cases, _ := filepath.Glob("testdata/bad/*.txt")
	if len(cases) < 15 {
		t.Fatalf("only %d bad-input cases", len(cases))
	}
	for _, path := range cases {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txt"), func(t *testing.T) {
			a := parseArchive(t, path)
			dir := t.TempDir()
			writeArchive(t, dir, a)
			_, err := Load(dir)
			if err == nil {
				t.Fatal("Load reported no error")
			}
			got := err.Error() + "\n"
			if *update {
				if _, ok := a.files["want"]; !ok {
					a.names = append(a.names, "want")
				}
				a.files["want"] = got
				if err := os.WriteFile(path, []byte(a.format()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if want := a.files["want"]; got != want {
				t.Errorf("errors differ\n--- got\n%s--- want\n%s", got, want)
			}
		})
	}
}

func TestLoadDemoIsClean(t *testing.T) {
	dir := t.TempDir()
	if err := WriteDemo(dir); err != nil {
		t.Fatal(err)
	}
	w, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if w.Config.Dialect != DialectRedshift || len(w.Schema) != 3 || len(w.Queries) != 2 || len(w.CheckFiles) != 3 || len(w.Fixtures) != 2 {
		t.Fatalf("unexpected demo: %+v", w)
	}
	d, ok := w.Distribution("public", "events")
	if !ok || d.Key != "user_id" || strings.Join(d.SortKey, ",") != "event_ts" || d.Style != "KEY" {
		t.Errorf("events distribution = %+v, %v", d, ok)
	}
	if w.Query("net_revenue") == nil || w.Fixture("browser_users/null_user_is_excluded") == nil {
		t.Error("lookups failed")
	}
	if w.Query("nope") != nil || w.Fixture("nope/x") != nil {
		t.Error("lookups found a missing name")
	}
	for _, s := range w.Schema {
		if strings.Contains(strings.ToUpper(s.SQL), "DISTKEY") || strings.Contains(strings.ToUpper(s.SQL), "ENCODE") {
			t.Errorf("%s: Redshift clause left in translated SQL:\n%s", s.Path, s.SQL)
		}
	}
	if err := WriteDemo(dir); err == nil || !strings.Contains(err.Error(), "not overwriting") {
		t.Errorf("second WriteDemo: %v", err)
	}
}

func TestWriteInit(t *testing.T) {
	dir := t.TempDir()
	if err := WriteInit(dir); err != nil {
		t.Fatal(err)
	}
	w, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if w.Config.Dialect != DefaultDialect || w.Config.Postgres.Version != DefaultPostgresVersion {
		t.Errorf("config = %+v", w.Config)
	}
	for _, f := range []string{"schema/.gitkeep", "queries/.gitkeep", "checks/.gitkeep", "fixtures/.gitkeep"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
	// Uncommenting every key must give a valid jig.yaml with the defaults.
	var lines []string
	for _, l := range strings.Split(initConfig, "\n") {
		if strings.HasPrefix(l, "# ") && strings.Contains(l, ":") && !strings.Contains(l, "jig workspace") && !strings.Contains(l, "values shown") {
			lines = append(lines, strings.TrimPrefix(l, "# "))
		}
	}
	cfg, err := ParseConfig(ConfigFile, []byte(strings.Join(lines, "\n")))
	if err == nil && (cfg.Schema != "schema" || cfg.Seed != DefaultSeed) {
		t.Errorf("uncommented config = %+v", cfg)
	}
	if err != nil && !strings.Contains(err.Error(), "maven_url") {
		t.Errorf("uncommented init config: %v", err)
	}
	if err := WriteInit(dir); err == nil {
		t.Error("second WriteInit overwrote jig.yaml")
	}
}

func TestLoadRejectsBigAndBinaryFiles(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "queries"), 0o755)
	big, err := os.Create(filepath.Join(dir, "queries", "big.sql"))
	if err != nil {
		t.Fatal(err)
	}
	big.Truncate(100 << 20) // sparse: Load must refuse it without reading it
	big.Close()
	os.WriteFile(filepath.Join(dir, "queries", "latin1.sql"), []byte("select 'caf\xe9'\n"), 0o644)
	_, err = Load(dir)
	want := "queries/big.sql:1:1: file is 100 MB, larger than the 10 MB limit\n" +
		"  hint: workspace files are hand-written; keep data dumps out of the workspace\n" +
		"queries/latin1.sql:1:1: file is not UTF-8 text (invalid byte at line 1, column 12)\n" +
		"  hint: save the file as UTF-8"
	if err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
}

func TestLoadMissingDir(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "nope"))
	if err == nil || !strings.Contains(err.Error(), "cannot open workspace") {
		t.Errorf("err = %v", err)
	}
}

// Postgres cannot receive a NUL byte: one in a file, or in a fixture's
// setup, is an error at its place instead of the server's "invalid message
// format".
func TestLoadRejectsNUL(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "queries"), 0o755)
	os.MkdirAll(filepath.Join(dir, "fixtures", "q"), 0o755)
	os.WriteFile(filepath.Join(dir, "queries", "q.sql"), []byte("select 1,\n  'a\x00b'\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "fixtures", "q", "a.yaml"), []byte("query: q\nsetup: \"select '\\0'\"\n"), 0o644)
	_, err := Load(dir)
	for _, want := range []string{"fixtures/q/a.yaml:2:8: setup: holds a NUL byte", "queries/q.sql:2:5: file holds a NUL byte"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("got\n%v\nwant %s", err, want)
		}
	}
}

func TestFragmentProblem(t *testing.T) {
	for sql, want := range map[string]string{
		"a > 0":                                "",
		"x = ';' and y = $$;$$ -- ;":           "",
		"(a) in (select 1)":                    "",
		"1) ; commit; drop table x; select (1": "closes a parenthesis",
		"1; drop table x":                      "holds a semicolon",
		"'abc":                                 "leaves a string open",
		"$a$ x":                                "leaves a string open",
		`"col`:                                 "leaves a quoted name open",
		"/* x":                                 "leaves a /* comment open",
		"(a":                                   "opens a parenthesis",
		"a\x00":                                "NUL",
		"'it''s'":                              "",
		"E'\\''":                               "",
	} {
		_, msg := FragmentProblem(sql)
		if (want == "") != (msg == "") || !strings.Contains(msg, want) {
			t.Errorf("%q: %q, want %q", sql, msg, want)
		}
	}
}
