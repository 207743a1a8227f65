package main

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jig-sql/jig/engine/enginetest"
	"github.com/jig-sql/jig/workspace"
)

// hostile is a table name that would drop table t if jig ever spliced a
// name into SQL unquoted.
const hostile = `x"; drop table t; --`

// hostileSchema uses names with quotes, spaces, dots, a reserved word,
// mixed case and non-ASCII, for tables and columns.
var hostileSchema = `CREATE TABLE t (id int PRIMARY KEY);
CREATE TABLE ` + workspace.QuoteIdent(hostile) + ` (
    "Select"     int PRIMARY KEY,
    "we ird.col" text NOT NULL,
    "Ünïcode"    text,
    "MixedCase"  int REFERENCES t (id)
);
`

func hostileWorkspace(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	q := workspace.QuoteIdent(hostile)
	files := map[string]string{
		"schema/h.sql":  hostileSchema,
		"queries/h.sql": `SELECT "we ird.col", "Ünïcode" FROM ` + q + ` ORDER BY "Select"` + "\n",
		"fixtures/h/a.yaml": "query: h\ngiven:\n  '" + hostile + "':\n    - {Select: 1, we ird.col: a, Ünïcode: ü}\n    - {Select: 2, we ird.col: b, Ünïcode: null}\n" +
			"expect:\n  rows:\n    - {we ird.col: a, Ünïcode: ü}\n    - {we ird.col: b, Ünïcode: null}\n" +
			"checks:\n  - {table: h, not_null: we ird.col}\n",
		"checks/h.yaml": "table: '" + hostile + "'\nchecks:\n  - not_null: we ird.col\n  - unique: [Select]\n" +
			"  - accepted_values: {column: Ünïcode, values: [ü, é]}\n  - relationships: {column: MixedCase, to: t, field: id}\n",
	}
	for name, content := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// liveDSN creates setup in a private schema of the test server and returns
// a DSN to it that carries the real password, as a user's DSN would.
func liveDSN(t *testing.T, setup string, params url.Values) (dsn, schema string) {
	t.Helper()
	conn, schema := enginetest.ConnSchema(t)
	if _, err := conn.Exec(context.Background(), setup); err != nil {
		t.Fatal(err)
	}
	cfg := enginetest.Server(t).ConnConfig()
	if params == nil {
		params = url.Values{}
	}
	params.Set("sslmode", "disable")
	params.Set("search_path", schema)
	u := url.URL{Scheme: "postgres", User: url.UserPassword(cfg.User, cfg.Password),
		Host: fmt.Sprintf("%s:%d", cfg.Host, cfg.Port), Path: "/" + cfg.Database, RawQuery: strings.ReplaceAll(params.Encode(), "+", "%20")}
	return u.String(), schema
}

func tableExists(t *testing.T, schema, table string) bool {
	t.Helper()
	conn := enginetest.Conn(t)
	var n int
	if err := conn.QueryRow(context.Background(), `SELECT count(*) FROM pg_tables WHERE schemaname = $1 AND tablename = $2`, schema, table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n == 1
}

// Hostile names work in the factory, fixtures, checks and jig test, on the
// local server.
func TestSecurityHostileNamesLocal(t *testing.T) {
	t.Setenv("JIG_DSN", enginetest.Server(t).DSN())
	ws := hostileWorkspace(t)
	if code, out := jig(t, "validate", "-w", ws); code != exitOK {
		t.Fatalf("validate: exit %d\n%s", code, out)
	}
	code, out := jig(t, "test", "-w", ws)
	if code != exitOK || !strings.Contains(out, "1 fixture: 1 passed") {
		t.Fatalf("jig test: exit %d\n%s", code, out)
	}
	code, out = jig(t, "rows", hostile, "-n", "3", "-w", ws, "--json")
	if code != exitOK || !strings.Contains(out, "we ird.col") || !strings.Contains(out, "Ünïcode") {
		t.Fatalf("jig rows: exit %d\n%s", code, out)
	}
	code, out = jig(t, "check", "--self-test", "-w", ws)
	if code == exitUsage || code == exitDB || strings.Contains(out, "syntax error") {
		t.Fatalf("jig check --self-test: exit %d\n%s", code, out)
	}
}

// The same names on a live database through --dsn: check and pull treat
// them as names, never as SQL, and table t survives.
func TestSecurityHostileNamesLive(t *testing.T) {
	dsn, schema := liveDSN(t, hostileSchema+`INSERT INTO t VALUES (1);
INSERT INTO `+workspace.QuoteIdent(hostile)+` VALUES (1, 'a', 'ü', 1), (2, 'b', NULL, NULL);`, nil)
	ws := hostileWorkspace(t)
	code, out := jig(t, "check", "-w", ws, "--dsn", dsn)
	if code != exitOK {
		t.Fatalf("jig check --dsn: exit %d\n%s", code, out)
	}
	pulled := t.TempDir()
	code, out = jig(t, "pull", "-w", pulled, "--dsn", dsn, hostile, "t")
	if code != exitOK {
		t.Fatalf("jig pull --dsn: exit %d\n%s", code, out)
	}
	if !tableExists(t, schema, "t") || !tableExists(t, schema, hostile) {
		t.Fatal("a table is gone after check and pull")
	}
	// The pulled files load and create the same tables again.
	files, _ := filepath.Glob(filepath.Join(pulled, "schema", "*.sql"))
	if len(files) != 2 {
		t.Fatalf("pulled %v, want two files", files)
	}
	os.MkdirAll(filepath.Join(pulled, "queries"), 0o755)
	os.WriteFile(filepath.Join(pulled, "queries", "h.sql"), []byte(`SELECT count(*) AS n FROM `+workspace.QuoteIdent(hostile)+"\n"), 0o644)
	os.MkdirAll(filepath.Join(pulled, "fixtures", "h"), 0o755)
	os.WriteFile(filepath.Join(pulled, "fixtures", "h", "a.yaml"), []byte("query: h\ngiven:\n  '"+hostile+"':\n    - {Select: 7}\nexpect:\n  rows:\n    - {n: 1}\n"), 0o644)
	t.Setenv("JIG_DSN", enginetest.Server(t).DSN())
	if code, out := jig(t, "test", "-w", pulled); code != exitOK {
		t.Fatalf("jig test on the pulled schema: exit %d\n%s", code, out)
	}
}

// A DSN's password never appears in jig's output, in the files it writes,
// or in the server's log, for good and bad DSNs.
func TestSecurityPasswordNeverShown(t *testing.T) {
	const wrong = "Wr0ngPassw0rd-zq81"
	srv := enginetest.Server(t)
	real := srv.ConnConfig().Password
	dsn, _ := liveDSN(t, `CREATE TABLE events (event_id text PRIMARY KEY, user_id text);
INSERT INTO events VALUES ('e1', 'u1');`, nil)
	bad := strings.Replace(dsn, url.QueryEscape(real), wrong, 1)
	if bad == dsn {
		bad = strings.Replace(dsn, real, wrong, 1)
	}
	unreachable := "postgres://jig:" + wrong + "@127.0.0.1:1/postgres?sslmode=disable&connect_timeout=5"
	malformed := "postgres://jig:" + wrong + "@127.0.0.1:notaport/postgres"
	logBefore := fileSize(srv.LogPath())
	ws := t.TempDir()
	os.MkdirAll(filepath.Join(ws, "checks"), 0o755)
	os.WriteFile(filepath.Join(ws, "checks", "events.yaml"), []byte("table: events\nchecks:\n  - not_null: user_id\n"), 0o644)
	os.MkdirAll(filepath.Join(ws, "schema"), 0o755)
	os.WriteFile(filepath.Join(ws, "schema", "events.sql"), []byte("CREATE TABLE events (event_id text PRIMARY KEY, user_id text);\n"), 0o644)
	os.MkdirAll(filepath.Join(ws, "queries"), 0o755)
	os.WriteFile(filepath.Join(ws, "queries", "q.sql"), []byte("SELECT user_id FROM events\n"), 0o644)
	os.MkdirAll(filepath.Join(ws, "fixtures", "q"), 0o755)
	os.WriteFile(filepath.Join(ws, "fixtures", "q", "a.yaml"), []byte("query: q\ngiven:\n  events:\n    - {user_id: u1}\nexpect:\n  rows:\n    - {user_id: u1}\n"), 0o644)
	var all strings.Builder
	for _, d := range []string{dsn, bad, unreachable, malformed} {
		for _, args := range [][]string{
			{"test", "-w", ws, "--dsn", d},
			{"check", "-w", ws, "--dsn", d},
			{"pull", "-w", ws, "--dsn", d, "events"},
			{"pull", "-w", ws, "--dsn", d, "--all", "--check"},
		} {
			code, out := jig(t, args...)
			all.WriteString(out)
			if d == dsn && code != exitOK {
				t.Errorf("%s with the good DSN: exit %d\n%s", args[0], code, out)
			}
			want := exitDB
			if d == malformed {
				want = exitUsage // a DSN that does not parse is bad usage
			}
			if d != dsn && code != want {
				t.Errorf("%s with a bad DSN: exit %d, want %d\n%s", args[0], code, want, out)
			}
		}
	}
	// dsn: in jig.yaml with ${ENV} expansion, as the README describes.
	t.Setenv("JIG_SECRET_DSN", bad)
	os.WriteFile(filepath.Join(ws, "jig.yaml"), []byte("dsn: ${JIG_SECRET_DSN}\n"), 0o644)
	t.Setenv("JIG_DSN", "")
	_, out := jig(t, "test", "-w", ws)
	all.WriteString(out)
	for _, secret := range []string{real, wrong} {
		if strings.Contains(all.String(), secret) {
			t.Errorf("the output shows a password:\n%s", all.String())
		}
		filepath.Walk(ws, func(p string, info os.FileInfo, err error) error {
			if err == nil && !info.IsDir() && strings.Contains(readFile(t, p), secret) && filepath.Base(p) != "jig.yaml" {
				t.Errorf("%s holds a password", p)
			}
			return nil
		})
		if log := readFile(t, srv.LogPath()); int64(len(log)) > logBefore && strings.Contains(log[logBefore:], secret) {
			t.Errorf("the server log holds a password")
		}
	}
	if !strings.Contains(all.String(), "password authentication failed") {
		t.Errorf("a wrong password is not reported as such:\n%s", all.String())
	}
}

// Everything --dsn does runs in a READ ONLY transaction (pull) or in a
// private schema that is dropped (test): a fixture query that deletes from
// a table named like the live one leaves the live one whole, and no schema
// is left behind.
func TestSecurityDSNNeverWrites(t *testing.T) {
	dsn, schema := liveDSN(t, `CREATE TABLE victim (id int PRIMARY KEY);
INSERT INTO victim SELECT generate_series(1, 10);
CREATE FUNCTION purge() RETURNS int LANGUAGE sql AS 'DELETE FROM victim; SELECT 1';`,
		url.Values{"options": {"-c log_statement=all"}})
	conn := enginetest.Conn(t)
	ctx := context.Background()
	schemas := func() string {
		var s string
		conn.QueryRow(ctx, `SELECT string_agg(nspname, ',' ORDER BY nspname) FROM pg_namespace WHERE nspname NOT LIKE 't\_%'`).Scan(&s)
		return s
	}
	count := func() int {
		var n int
		if err := conn.QueryRow(ctx, `SELECT count(*) FROM `+workspace.QuoteIdent(schema)+`.victim`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := schemas()
	ws := t.TempDir()
	for name, content := range map[string]string{
		"schema/victim.sql":    "CREATE TABLE victim (id int PRIMARY KEY);\n",
		"queries/wipe.sql":     "DELETE FROM victim RETURNING id\n",
		"fixtures/wipe/a.yaml": "query: wipe\ngiven:\n  victim:\n    - {id: 1}\nexpect:\n  rows:\n    - {id: 1}\n",
	} {
		p := filepath.Join(ws, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(content), 0o644)
	}
	if code, out := jig(t, "test", "-w", ws, "--dsn", dsn); code != exitOK {
		t.Fatalf("jig test --dsn: exit %d\n%s", code, out)
	}
	if n := count(); n != 10 {
		t.Errorf("jig test --dsn changed the live table: %d rows, want 10", n)
	}
	if after := schemas(); after != before {
		t.Errorf("schemas before %s, after %s: jig test --dsn left one behind", before, after)
	}
	dsnNeverWritesSchemas(t, dsn, schemas)
	// pull: every statement it sends is inside one READ ONLY transaction
	// that is rolled back (the session logs them all).
	srv := enginetest.Server(t)
	offset := fileSize(srv.LogPath())
	if code, out := jig(t, "pull", "-w", t.TempDir(), "--dsn", dsn, "victim"); code != exitOK {
		t.Fatalf("jig pull --dsn: exit %d\n%s", code, out)
	}
	var stmts []string
	for _, line := range strings.Split(readFile(t, srv.LogPath())[offset:], "\n") {
		for _, marker := range []string{"LOG:  statement: ", "LOG:  execute "} {
			if i := strings.Index(line, marker); i >= 0 {
				stmts = append(stmts, strings.TrimSpace(line[i+len(marker):]))
			}
		}
	}
	if len(stmts) < 3 || !strings.Contains(strings.ToUpper(stmts[0]), "READ ONLY") || !strings.HasPrefix(strings.ToUpper(stmts[len(stmts)-1]), "ROLLBACK") {
		t.Fatalf("pull's statements do not open READ ONLY and end in ROLLBACK:\n%s", strings.Join(stmts, "\n"))
	}
	for _, s := range stmts {
		u := strings.ToUpper(s)
		for _, w := range []string{"INSERT ", "UPDATE ", "DELETE ", "CREATE ", "DROP ", "ALTER ", "COMMIT", "TRUNCATE "} {
			if strings.Contains(u, w) && !strings.Contains(u, "PG_") {
				t.Errorf("pull sent a writing statement: %s", s)
			}
		}
	}
	if n := count(); n != 10 {
		t.Errorf("pull changed the live table: %d rows", n)
	}
}

func fileSize(p string) int64 {
	fi, err := os.Stat(p)
	if err != nil {
		return 0
	}
	return fi.Size()
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// dsnNeverWritesSchemas: a workspace that declares schemas (one of them
// also a real schema of the server, with a table of the same name) runs
// with --dsn in jig's private copies only: the real table keeps its rows,
// and no schema is left behind.
func dsnNeverWritesSchemas(t *testing.T, dsn string, schemas func() string) {
	t.Helper()
	conn := enginetest.Conn(t)
	ctx := context.Background()
	enginetest.Exec(t, conn, `CREATE SCHEMA t_crm; CREATE TABLE t_crm.victim (id int PRIMARY KEY);
INSERT INTO t_crm.victim SELECT generate_series(1, 10)`)
	t.Cleanup(func() { conn.Exec(ctx, "DROP SCHEMA t_crm CASCADE") })
	before := schemas()
	ws := t.TempDir()
	enginetest.WriteFiles(t, ws, map[string]string{
		"schema/a.sql": "DROP SCHEMA IF EXISTS t_crm CASCADE;\nCREATE SCHEMA t_crm;\nCREATE SCHEMA \"We\"\"ird\";\n" +
			"CREATE TABLE t_crm.victim (id int PRIMARY KEY);\nCREATE TABLE \"We\"\"ird\".t (id int REFERENCES t_crm.victim);\n",
		"queries/wipe.sql":     "DELETE FROM t_crm.victim WHERE id NOT IN (SELECT id FROM \"We\"\"ird\".t) RETURNING id\n",
		"fixtures/wipe/a.yaml": "query: wipe\ngiven:\n  t_crm.victim:\n    - {id: 1}\n    - {id: 2}\n  '\"We\"\"ird\".t':\n    - {id: 2}\nexpect:\n  rows:\n    - {id: 1}\n",
	})
	for run := 1; run <= 2; run++ {
		if code, out := jig(t, "test", "-w", ws, "--dsn", dsn); code != exitOK {
			t.Fatalf("jig test --dsn on declared schemas, run %d: exit %d\n%s", run, code, out)
		}
	}
	var n int
	if err := conn.QueryRow(ctx, "SELECT count(*) FROM t_crm.victim").Scan(&n); err != nil || n != 10 {
		t.Errorf("the real t_crm.victim has %d rows (%v), want 10: jig wrote outside its copies", n, err)
	}
	if after := schemas(); after != before {
		t.Errorf("schemas before %s, after %s: jig test --dsn left a declared schema behind", before, after)
	}
}
