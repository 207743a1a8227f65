package main

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/jig-sql/jig/engine/enginetest"
	"github.com/jig-sql/jig/workspace"
)

// escapeWorkspace writes a workspace on a victim table with one fixture
// whose setup is setup, plus extra files.
func escapeWorkspace(t *testing.T, setup string, extra map[string]string) string {
	t.Helper()
	ws := t.TempDir()
	files := map[string]string{
		"schema/victim.sql":  "CREATE TABLE victim (id int PRIMARY KEY);\n",
		"queries/q.sql":      "SELECT id FROM victim\n",
		"fixtures/q/a.yaml":  "query: q\nsetup: " + yamlQuote(setup) + "\ngiven:\n  victim:\n    - {id: 1}\nexpect:\n  rows:\n    - {id: 1}\n",
		"checks/victim.yaml": "table: victim\nchecks:\n  - not_null: id\n",
	}
	for name, content := range extra {
		files[name] = content
	}
	for name, content := range files {
		if content == "" {
			continue
		}
		p := filepath.Join(ws, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return ws
}

func yamlQuote(s string) string {
	if s == "" {
		return "''"
	}
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s) + `"`
}

// victimRows counts the live victim table's rows; -1 when it is gone.
func victimRows(t *testing.T, schema string) int {
	t.Helper()
	if !tableExists(t, schema, "victim") {
		return -1
	}
	var n int
	if err := enginetest.Conn(t).QueryRow(context.Background(), "SELECT count(*) FROM "+workspace.QuoteIdent(schema)+".victim").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// User SQL under `jig test --dsn` cannot end jig's transaction or write
// outside jig's private schema: statements that would end or leave the
// transaction are refused at their file:line:col before anything is sent,
// a statement hidden behind a semicolon in a string, a dollar quote or a
// comment is still its own statement, and what is left (a DROP, a DELETE,
// set_config('role'), killing other sessions) fails at the server. The
// live table survives every one, and no fixture passes.
func TestSecurityDSNTestEscapes(t *testing.T) {
	dsn, schema := liveDSN(t, "CREATE TABLE victim (id int PRIMARY KEY); INSERT INTO victim VALUES (1), (2), (3);", nil)
	v := workspace.QuoteIdent(schema) + ".victim"
	held := enginetest.Conn(t) // a live session that must not be killed
	for _, tc := range []struct {
		name, setup string
		extra       map[string]string
		want        string // in the output
	}{
		{"commit in setup", "commit; drop table " + v + "; commit; begin", nil, "fixtures/q/a.yaml:2:9: COMMIT in setup:"},
		{"quoted semicolon", "select ';' as x; commit; drop table " + v, nil, "COMMIT in setup:"},
		{"dollar quote", "select $$ ; $$; /* c */ end; drop table " + v, nil, "fixtures/q/a.yaml:2:33: END in setup:"},
		{"line comment", "-- c\nrollback; drop table " + v, nil, "ROLLBACK in setup:"},
		{"nested comment", "/* /* */ */ commit; drop table " + v, nil, "COMMIT in setup:"},
		{"savepoint", "savepoint s; drop table " + v + "; release s", nil, "SAVEPOINT in setup:"},
		{"prepare transaction", "prepare transaction 'x'; drop table " + v, nil, "PREPARE TRANSACTION in setup:"},
		{"set local role", "set local role jig; drop table " + v, nil, "SET ROLE in setup:"},
		{"reset role", "reset role; drop table " + v, nil, "RESET ROLE in setup:"},
		{"session authorization", "set session authorization jig; drop table " + v, nil, "SET SESSION AUTHORIZATION in setup:"},
		{"reset all", "reset all; drop table " + v, nil, "RESET ALL in setup:"},
		{"do block commit", "do $$ begin commit; end $$; drop table " + v, nil, "invalid transaction termination"},
		{"plain drop", "drop table " + v, nil, "permission denied for schema"},
		{"delete", "delete from " + v, nil, "permission denied"},
		{"set_config role", "select set_config('role', 'jig', false); drop table " + v, nil, "permission denied"},
		{"terminate others", "select pg_terminate_backend(pid) from pg_stat_activity where pid <> pg_backend_pid() and datname is not null", nil, "permission denied"},
		{"query commits", "", map[string]string{"queries/q.sql": "commit\n"}, "queries/q.sql:1:1: COMMIT in a query"},
		{"script commits then drops", "", map[string]string{"queries/q.sql": "commit;\ndrop table " + v + ";\nselect id from victim\n"}, "queries/q.sql:2:1: permission denied for schema"},
		{"script ends its block twice", "", map[string]string{"queries/q.sql": "begin; end; end; abort;\ndelete from " + v + ";\nselect id from victim\n"}, "queries/q.sql:2:13: permission denied for schema"},
		{"script releases jig's savepoint", "", map[string]string{"queries/q.sql": "begin;\nrelease savepoint jig_script; commit; drop table " + v + ";\nselect id from victim\n"}, "queries/q.sql:2:1: RELEASE in a script"},
		{"script prepares", "", map[string]string{"queries/q.sql": "delete from victim;\nprepare transaction 'x'; drop table " + v + ";\nselect id from victim\n"}, "queries/q.sql:2:1: PREPARE TRANSACTION in a script"},
		{"schema file drops", "", map[string]string{"schema/victim.sql": "CREATE TABLE victim (id int PRIMARY KEY);\nDROP TABLE " + v + ";\n"}, "schema/victim.sql: permission denied for schema"},
		{"schema file commits", "", map[string]string{"schema/victim.sql": "CREATE TABLE victim (id int PRIMARY KEY);\nCOMMIT; RESET ROLE; DROP TABLE " + v + ";\n"}, "schema/victim.sql: permission denied for schema"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ws := escapeWorkspace(t, tc.setup, tc.extra)
			code, out := jig(t, "test", "-w", ws, "--dsn", dsn)
			if code == exitOK {
				t.Errorf("jig test --dsn passed:\n%s", out)
			}
			if !strings.Contains(out, tc.want) {
				t.Errorf("output lacks %q:\n%s", tc.want, out)
			}
			if n := victimRows(t, schema); n != 3 {
				t.Fatalf("the live table has %d rows after jig test --dsn, want 3 (-1: dropped)", n)
			}
			if err := held.Ping(context.Background()); err != nil {
				t.Fatalf("a live session was killed: %v", err)
			}
		})
	}
}

// A check's SQL cannot leave the check's statement or its READ ONLY
// transaction under `jig check --dsn`: closing jig's parentheses and adding
// `; commit; drop table` is refused at the parameter's place, and a single
// statement that tries to write fails at the server.
func TestSecurityDSNCheckEscapes(t *testing.T) {
	dsn, schema := liveDSN(t, "CREATE TABLE victim (id int PRIMARY KEY); INSERT INTO victim VALUES (1), (2), (3);", nil)
	v := workspace.QuoteIdent(schema) + ".victim"
	for _, tc := range []struct{ name, check, want string }{
		{"sql closes parentheses", `sql: "select 1 where false) q) select 0 as failing, null as sample; commit; drop table ` + strings.ReplaceAll(v, `"`, `\"`) + `; with jig_failures as (select 1 from (select 1"`,
			"checks/victim.yaml:3:10: sql: `sql` closes a parenthesis it did not open"},
		{"where adds a statement", `not_null: id` + "\n    where: \"true); commit; drop table " + strings.ReplaceAll(v, `"`, `\"`) + "; select (1\"",
			"checks/victim.yaml:4:12: not_null: `where` closes a parenthesis it did not open"},
		{"data-modifying CTE", `sql: "with d as (delete from ` + strings.ReplaceAll(v, `"`, `\"`) + ` returning *) select * from d"`,
			"data-modifying statement"},
		{"write in a function", `sql: "select lo_create(0)"`, "read-only transaction"},
		{"make it read-write", `sql: "select set_config('transaction_read_only', 'off', true)"`, "read-write mode"},
		{"leave read only then write", `sql: "select set_config('default_transaction_read_only', 'off', false), lo_create(0)"`, "read-only transaction"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ws := escapeWorkspace(t, "", map[string]string{"checks/victim.yaml": "table: victim\nchecks:\n  - " + tc.check + "\n"})
			code, out := jig(t, "check", "-w", ws, "--dsn", dsn)
			if code == exitOK {
				t.Errorf("jig check --dsn passed:\n%s", out)
			}
			if !strings.Contains(out, tc.want) {
				t.Errorf("output lacks %q:\n%s", tc.want, out)
			}
			if n := victimRows(t, schema); n != 3 {
				t.Fatalf("the live table has %d rows after jig check --dsn, want 3 (-1: dropped)", n)
			}
		})
	}
}

// DSNs that do not parse, or parse into something else than was meant,
// never show any part of their password in jig's output or the server's
// log, whichever command reads them.
func TestSecurityHostileDSNs(t *testing.T) {
	srv := enginetest.Server(t)
	port := srv.ConnConfig().Port
	pieces := []string{"Sekrit", "Pa55word", "Wr0ng"}
	dsns := []string{
		"postgres://tester:Sekrit@Pa55word@127.0.0.1:" + itoa(port) + "/postgres",
		"postgres://tester:Sek:rit@Pa55word@127.0.0.1/postgres",
		"postgres://tester:Sekrit%zzPa55word@127.0.0.1/postgres",
		"postgres://tester:Sekrit Pa55word@127.0.0.1/postgres",
		`host=127.0.0.1 port=` + itoa(port) + ` user=tester password=Sekrit\ Pa55word dbname=postgres sslmode=disable`,
		"host=127.0.0.1 user=tester password Wr0ngSekritPa55word",
		"host=127.0.0.1 password='Sekrit-Pa55word",
		"host=127.0.0.1 port=x password=Sekrit-Pa55word",
		"Sekrit-Pa55word",
	}
	logBefore := fileSize(srv.LogPath())
	ws := escapeWorkspace(t, "", nil)
	var all strings.Builder
	for _, d := range dsns {
		for _, args := range [][]string{
			{"test", "-w", ws, "--dsn", d},
			{"check", "-w", ws, "--dsn", d},
			{"pull", "-w", t.TempDir(), "--dsn", d, "victim"},
		} {
			code, out := jig(t, args...)
			all.WriteString(out)
			want := exitDB // a server that refuses it
			if strings.Contains(out, "the DSN is not valid") {
				want = exitUsage // a DSN that does not parse is bad usage
			}
			if code != want {
				t.Errorf("jig %s with a broken DSN: exit %d, want %d\n%s", args[0], code, want, out)
			}
		}
	}
	log := readFile(t, srv.LogPath())
	for _, p := range pieces {
		if strings.Contains(all.String(), p) {
			t.Errorf("the output shows %q of a password:\n%s", p, all.String())
		}
		if int64(len(log)) > logBefore && strings.Contains(log[logBefore:], p) {
			t.Errorf("the server log shows %q of a password", p)
		}
	}
}

func itoa(n uint16) string { return strconv.Itoa(int(n)) }

// jig test --dsn drops the role it made for the run, and a DSN user who may
// not create roles still gets a working run, told that its SQL runs as that
// user.
func TestSecurityDSNRoleLifecycle(t *testing.T) {
	ctx := context.Background()
	dsn, schema := liveDSN(t, "CREATE TABLE victim (id int PRIMARY KEY);", nil)
	conn := enginetest.Conn(t)
	roles := func() string {
		var s string
		conn.QueryRow(ctx, `SELECT coalesce(string_agg(rolname, ',' ORDER BY rolname), '') FROM pg_roles WHERE rolname LIKE 'jig\_%' AND rolname <> 'jig_workspace'`).Scan(&s)
		return s
	}
	before := roles()
	ws := escapeWorkspace(t, "", nil)
	if code, out := jig(t, "test", "-w", ws, "--dsn", dsn); code != exitOK {
		t.Fatalf("jig test --dsn: exit %d\n%s", code, out)
	}
	if after := roles(); after != before {
		t.Errorf("roles before %q, after %q: jig test --dsn left its role behind", before, after)
	}
	// A plain user that can create schemas but not roles.
	user := "t_plain_" + itoa(uint16(os.Getpid()))
	q := workspace.QuoteIdent(user)
	if _, err := conn.Exec(ctx, "CREATE ROLE "+q+" LOGIN PASSWORD 'plainpw'; GRANT CREATE ON DATABASE postgres TO "+q+"; GRANT USAGE ON SCHEMA "+workspace.QuoteIdent(schema)+" TO "+q); err != nil {
		t.Fatal(err)
	}
	defer conn.Exec(ctx, "DROP OWNED BY "+q+" CASCADE; DROP ROLE "+q)
	cfg := enginetest.Server(t).ConnConfig()
	plain := "postgres://" + user + ":plainpw@127.0.0.1:" + itoa(cfg.Port) + "/postgres?sslmode=disable"
	code, out := jig(t, "test", "-w", ws, "--dsn", plain)
	if code != exitOK || !strings.Contains(out, "could not create a role for the workspace's SQL") || !strings.Contains(out, "runs as "+user) {
		t.Fatalf("jig test --dsn as a user without CREATEROLE: exit %d\n%s", code, out)
	}
}
