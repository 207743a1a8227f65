package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jig-sql/jig/engine/enginetest"
)

// TestValidateDemo: the demo workspace fits its schema, checked on the
// local embedded server, and validate leaves nothing behind there.
func TestValidateDemo(t *testing.T) {
	code, out, errs := jigStreams(t, "validate", "-w", demoFiles(t))
	if code != exitOK || !strings.HasPrefix(out, "ok: ") || errs != "" {
		t.Fatalf("exit %d, stdout %q, stderr:\n%s", code, out, errs)
	}
}

// TestValidateWithoutPostgres: errors in the files need no server and are
// exit 2 as before; files that read cleanly but cannot be checked against
// the schema, because Postgres does not start, are exit 3, saying so.
func TestValidateWithoutPostgres(t *testing.T) {
	blocked := filepath.Join(t.TempDir(), "a-file")
	if err := os.WriteFile(blocked, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("JIG_CACHE_DIR", filepath.Join(blocked, "cache")) // under a file: no cache, no server
	dir := demoFiles(t)
	code, _, errs := jigStreams(t, "validate", "-w", dir)
	if code != exitDB || !strings.Contains(errs, "the workspace files are valid, but checking them against the schema needs the local Postgres, which did not start") {
		t.Errorf("valid files, no Postgres: exit %d, stderr:\n%s\nwant exit 3 saying the files are valid", code, errs)
	}
	bad := filepath.Join(dir, "checks", "events.yaml")
	if err := os.WriteFile(bad, []byte("table: events\nchecks:\n  - not_nul: id\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs = jigStreams(t, "validate", "-w", dir)
	if code != exitUsage || !strings.Contains(errs, "checks/events.yaml:3:5") || strings.Contains(strings.ReplaceAll(errs, dir, ""), "Postgres") {
		t.Errorf("a file error, no Postgres: exit %d, stderr:\n%s\nwant exit 2 at checks/events.yaml:3:5 and no word of Postgres", code, errs)
	}
}

// validFiles is a small workspace that jig test, check and run accept.
var validFiles = map[string]string{
	"schema/orders.sql":  "CREATE TABLE orders (id integer PRIMARY KEY, status text NOT NULL, amount numeric);\n",
	"queries/totals.sql": "SELECT status,\n       sum(amount) AS total\nFROM orders\nGROUP BY status\n",
	"queries/close.sql":  "UPDATE orders SET status = 'closed' WHERE status = 'open'\n",
	"checks/orders.yaml": "table: orders\nchecks:\n  - not_null: status\n  - expression: \"amount >= 0\"\n",
	"fixtures/totals/basic.yaml": "given:\n  orders:\n    - {id: 1, status: open, amount: 2.5}\n    - {id: 2, status: open, amount: 1}\n" +
		"expect:\n  rows:\n    - {status: open, total: 3.5}\n",
	"fixtures/close/closes.yaml": "given:\n  orders:\n    - {id: 1, status: open}\nsetup: UPDATE orders SET amount = 1\n" +
		"expect:\n  table: orders\n  columns: partial\n  rows:\n    - {id: 1, status: closed}\n",
}

// TestValidateReportsWhatTestRejects: for each kind of mistake, jig test
// (or check, or run) rejects the workspace, and jig validate exits 2
// naming the same place; the valid workspace validates ok.
func TestValidateReportsWhatTestRejects(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	t.Setenv("JIG_DSN", enginetest.Server(t).DSN()) // test, check and run; validate never uses it
	for _, tt := range []struct {
		name  string
		edit  map[string]string // files replaced
		cmd   []string          // what rejects it
		exit  int               // that command's exit code
		where string            // the place both name
	}{
		{"valid", nil, []string{"test"}, exitOK, ""},
		{"given unknown table", map[string]string{"fixtures/totals/basic.yaml": "given:\n  ordres:\n    - {id: 1}\n"},
			[]string{"test"}, exitUsage, "fixtures/totals/basic.yaml:2:3: unknown table"},
		{"given unknown column", map[string]string{"fixtures/totals/basic.yaml": "given:\n  orders:\n    - {id: 1, stat: x}\n"},
			[]string{"test"}, exitUsage, "fixtures/totals/basic.yaml:3:21: table \"orders\" has no column \"stat\""},
		{"given wrong type", map[string]string{"fixtures/totals/basic.yaml": "given:\n  orders:\n    - {id: one}\n"},
			[]string{"test"}, exitUsage, "fixtures/totals/basic.yaml:3:12: orders.id: "},
		{"CSV header", map[string]string{"fixtures/totals/basic.yaml": "given:\n  orders: {csv: \"id,stat\\n1,x\\n\"}\n"},
			[]string{"test"}, exitUsage, "fixtures/totals/basic.yaml:2:21: table \"orders\" has no column \"stat\" (in the CSV header)"},
		{"expect.table", map[string]string{"fixtures/close/closes.yaml": "expect:\n  table: order\n  rows: []\n"},
			[]string{"test"}, exitUsage, "fixtures/close/closes.yaml:2:10: expect.table \"order\" is not a table of the schema"},
		{"expected column", map[string]string{"fixtures/totals/basic.yaml": "expect:\n  rows:\n    - {status: open, totl: 3.5}\n"},
			[]string{"test"}, exitFail, "fixtures/totals/basic.yaml:3:"},
		{"expected value type", map[string]string{"fixtures/totals/basic.yaml": "expect:\n  rows:\n    - {status: open, total: lots}\n"},
			[]string{"test"}, exitFail, "fixtures/totals/basic.yaml:3:"},
		{"query syntax", map[string]string{"queries/totals.sql": "SELECT status,\n       sum(amount) AS total\nFORM orders\n"},
			[]string{"run", "totals"}, exitFail, "queries/totals.sql:3:1: syntax error at or near \"FORM\""},
		{"query unknown column", map[string]string{"queries/totals.sql": "SELECT status,\n       sum(amout) AS total\nFROM orders\nGROUP BY status\n"},
			[]string{"test"}, exitFail, "queries/totals.sql:2:12: column \"amout\" does not exist"},
		{"query unknown relation", map[string]string{"queries/close.sql": "UPDATE ordrs SET status = 'closed'\n"},
			[]string{"test"}, exitFail, "queries/close.sql:1:8: relation \"ordrs\" does not exist"},
		{"setup syntax", map[string]string{"fixtures/close/closes.yaml": "given:\n  orders:\n    - {id: 1, status: open}\nsetup: UPDAT orders SET amount = 1\n"},
			[]string{"test"}, exitFail, "fixtures/close/closes.yaml:4:8: syntax error at or near \"UPDAT\""},
		{"check table", map[string]string{"checks/orders.yaml": "table: ordrs\nchecks:\n  - not_null: status\n"},
			[]string{"check"}, exitUsage, "checks/orders.yaml:1:8: checks name table \"ordrs\""},
		{"check column", map[string]string{"checks/orders.yaml": "table: orders\nchecks:\n  - not_null: stat\n"},
			[]string{"check"}, exitUsage, "checks/orders.yaml:3:15: "},
		{"check SQL", map[string]string{"checks/orders.yaml": "table: orders\nchecks:\n  - expression: \"amount >= 0 frm\"\n"},
			[]string{"check"}, exitFail, "checks/orders.yaml:3:30: syntax error at or near \"frm\""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			enginetest.WriteFiles(t, dir, validFiles)
			enginetest.WriteFiles(t, dir, tt.edit)
			if tt.cmd[0] == "check" {
				t.Setenv("JIG_DSN", "") // jig check on the local server, as validate
			}
			code, out := jig(t, append(tt.cmd, "-w", dir)...)
			if code != tt.exit || !strings.Contains(out, tt.where) {
				t.Errorf("jig %s: exit %d\n%s\nwant exit %d naming %s", tt.cmd[0], code, out, tt.exit, tt.where)
			}
			code, stdout, stderr := jigStreams(t, "validate", "-w", dir)
			if tt.where == "" {
				if code != exitOK || !strings.HasPrefix(stdout, "ok: ") {
					t.Errorf("jig validate: exit %d\n%s%s\nwant ok", code, stdout, stderr)
				}
				return
			}
			if errs := errorLines(stderr); code != exitUsage || len(errs) != 1 || !strings.HasPrefix(errs[0], tt.where) {
				t.Errorf("jig validate: exit %d\n%s\nwant exit 2 and only %s", code, stderr, tt.where)
			}
		})
	}
}

// errorLines are the lines of validate's report that name a problem (not
// its hints).
func errorLines(report string) []string {
	var out []string
	for _, l := range strings.Split(report, "\n") {
		if l != "" && !strings.HasPrefix(l, " ") {
			out = append(out, l)
		}
	}
	return out
}

// TestValidateReportsAllSorted: mistakes of every kind in several files
// come back in one run, sorted by file, line and column, each once.
func TestValidateReportsAllSorted(t *testing.T) {
	dir := t.TempDir()
	enginetest.WriteFiles(t, dir, validFiles)
	enginetest.WriteFiles(t, dir, map[string]string{
		"queries/close.sql":          "UPDATE orders SET status = 'closed' WHER status = 'open'\n",
		"checks/orders.yaml":         "table: orders\nchecks:\n  - expression: \"amount >= 0 frm\"\n",
		"fixtures/totals/basic.yaml": "given:\n  orders:\n    - {id: x}\nexpect:\n  rows:\n    - {status: open, totl: 3.5}\n",
		"fixtures/close/closes.yaml": "setup: UPDAT orders SET amount = 1\nexpect:\n  table: ordrs\n",
	})
	code, _, stderr := jigStreams(t, "validate", "-w", dir)
	want := []string{
		`checks/orders.yaml:3:30: syntax error at or near "frm" (SQLSTATE 42601)`,
		`fixtures/close/closes.yaml:1:8: syntax error at or near "UPDAT" (SQLSTATE 42601)`,
		`fixtures/close/closes.yaml:3:10: expect.table "ordrs" is not a table of the schema`,
		`fixtures/totals/basic.yaml:3:12: orders.id: not a valid integer: "x" (example: 42)`,
		`fixtures/totals/basic.yaml:6:28: expected column "totl" is not in the query's output (its columns: status, total)`,
		`queries/close.sql:1:37: syntax error at or near "WHER" (SQLSTATE 42601)`,
	}
	if got := errorLines(stderr); code != exitUsage || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("jig validate: exit %d\n%s\nwant exit 2 and these, in order:\n%s", code, stderr, strings.Join(want, "\n"))
	}
}

// TestValidateFileErrorsTogether: mistakes in the files alone (a fixture
// key, a check name) are listed together, without a server.
func TestValidateFileErrorsTogether(t *testing.T) {
	dir := t.TempDir()
	enginetest.WriteFiles(t, dir, validFiles)
	enginetest.WriteFiles(t, dir, map[string]string{
		"checks/orders.yaml":         "table: orders\nchecks:\n  - not_nul: status\n",
		"fixtures/totals/basic.yaml": "expct:\n  rows: []\n",
	})
	code, _, stderr := jigStreams(t, "validate", "-w", dir)
	got := errorLines(stderr)
	if code != exitUsage || len(got) != 3 || !strings.HasPrefix(got[0], "checks/orders.yaml:3:5: unknown check `not_nul`") ||
		!strings.HasPrefix(got[1], "fixtures/totals/basic.yaml:1:1: unknown key `expct`") || !strings.HasPrefix(got[2], "jig: 2 problems") {
		t.Errorf("jig validate: exit %d\n%s\nwant exit 2, the check and the fixture, sorted", code, stderr)
	}
}

// TestValidateEndToEndCases: of the end-to-end cases, validate rejects
// exactly those whose files are wrong (an SQL error, an expected column or
// value that cannot fit, an unknown name), each at the place jig test
// names; a case that only fails on its data (rows differ, a check fails)
// validates ok.
func TestValidateEndToEndCases(t *testing.T) {
	rejected := map[string]string{
		"column_mismatch": "fixtures/browser_users/wrong_column.yaml:7:",
		"syntax_error":    "queries/broken.sql:3:22: syntax error",
		"type_mismatch":   "fixtures/user_totals/not_a_number.yaml:8:",
		"unknown_names":   "fixtures/browser_users/bad_names.yaml:3:3: unknown table",
	}
	cases, _ := filepath.Glob("testdata/e2e/*")
	for _, dir := range cases {
		name := filepath.Base(dir)
		if strings.HasPrefix(name, "_") {
			continue
		}
		t.Run(name, func(t *testing.T) {
			ws := t.TempDir()
			copyTree(t, "testdata/e2e/_shared", ws)
			copyTree(t, dir, ws)
			code, stdout, stderr := jigStreams(t, "validate", "-w", ws)
			where, bad := rejected[name]
			switch {
			case !bad && code != exitOK:
				t.Errorf("exit %d\n%s%s\nwant ok: the case fails on its data only", code, stdout, stderr)
			case bad && (code != exitUsage || !strings.HasPrefix(stderr, where)):
				t.Errorf("exit %d\n%s%s\nwant exit 2 at %s", code, stdout, stderr, where)
			}
			if want, _ := os.ReadFile(filepath.Join(dir, "want")); bad && !strings.Contains(string(want), where) {
				t.Errorf("jig test's golden does not name %s:\n%s", where, want)
			}
		})
	}
}
