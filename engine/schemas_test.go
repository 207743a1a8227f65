package engine_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/engine/enginetest"
)

// threeSchemas declares crm, atomic and web, with foreign keys across them.
const threeSchemas = `CREATE SCHEMA crm; CREATE SCHEMA atomic; CREATE SCHEMA web;
CREATE TABLE crm.accounts (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE web.sessions (id text PRIMARY KEY, account_id int NOT NULL REFERENCES crm.accounts);
CREATE TABLE atomic.events (id int PRIMARY KEY, session_id text REFERENCES web.sessions, kind text NOT NULL);
`

// oneSchema is threeSchemas' tables in the default schema.
const oneSchema = `CREATE TABLE accounts (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE sessions (id text PRIMARY KEY, account_id int NOT NULL REFERENCES accounts);
CREATE TABLE events (id int PRIMARY KEY, session_id text REFERENCES sessions, kind text NOT NULL);
`

// schemaFixtures writes n fixtures, fixture i giving 1 + i%mod events for
// one account, expecting that count back: a fixture that sees another's
// rows (or a run's leftovers) counts wrong.
func schemaFixtures(n, mod int, qualify func(string) string) map[string]string {
	files := map[string]string{
		"queries/q.sql": "select a.name, count(e.id) as events\nfrom " + qualify("accounts") + " a\njoin " + qualify("sessions") +
			" s on s.account_id = a.id\njoin " + qualify("events") + " e on e.session_id = s.id\ngroup by a.name\n",
	}
	for i := range n {
		var ev strings.Builder
		for j := 0; j <= i%mod; j++ {
			fmt.Fprintf(&ev, "    - {id: %d, session_id: s, kind: click}\n", j+1)
		}
		files[fmt.Sprintf("fixtures/q/f%03d.yaml", i)] = fmt.Sprintf("query: q\ngiven:\n  %s:\n    - {id: %d, name: a%d}\n  %s:\n    - {id: s, account_id: %d}\n  %s:\n%sexpect:\n  rows:\n    - {name: a%d, events: %d}\n",
			qualify("accounts"), i, i, qualify("sessions"), i, qualify("events"), ev.String(), i, 1+i%mod)
	}
	return files
}

func inSchemas(table string) string {
	return map[string]string{"accounts": "crm.accounts", "sessions": "web.sessions", "events": "atomic.events"}[table]
}

// TestParallelFixturesOverSchemas: 40 fixtures over three declared
// schemas, four at a time, each see only their own rows.
func TestParallelFixturesOverSchemas(t *testing.T) {
	files := schemaFixtures(40, 40, inSchemas)
	files["schema/a.sql"] = threeSchemas
	r, ws := enginetest.RunnerFromFiles(t, files, engine.RunnerOptions{Parallel: 4})
	passed := 0
	r.Run(context.Background(), ws.Fixtures, func(res *engine.FixtureResult) {
		if res.Failed() {
			t.Errorf("%s: %s", res.Fixture.Name, engine.FormatFailure(res, false))
		} else {
			passed++
		}
	})
	if passed != 40 {
		t.Errorf("%d of 40 fixtures passed", passed)
	}
	var got []string
	for _, tb := range r.Suite.Tables {
		got = append(got, engine.UserName(&tb))
		for _, fk := range tb.ForeignKeys {
			got = append(got, "  -> "+fk.RefSchema+"."+fk.RefTable)
		}
	}
	if want := "crm.accounts|atomic.events|  -> web.sessions|web.sessions|  -> crm.accounts"; strings.Join(got, "|") != want {
		t.Errorf("tables %q, want %q", strings.Join(got, "|"), want)
	}
}

// TestWorkerCloseDropsSchemas: closing a runner drops every schema its
// workers made, mapped ones included.
func TestWorkerCloseDropsSchemas(t *testing.T) {
	files := schemaFixtures(8, 8, inSchemas)
	files["schema/a.sql"] = threeSchemas
	ws := enginetest.Workspace(t, files)
	srv := enginetest.Server(t)
	conn := enginetest.Conn(t)
	ctx := context.Background()
	prefix := "jig" // worker schemas are jig_w…, with --dsn <private schema>_w…
	if srv.Remote() {
		prefix = srv.Schema()
	}
	count := func() int {
		var n int
		if err := conn.QueryRow(ctx, `SELECT count(*) FROM pg_namespace n JOIN pg_roles r ON r.oid = n.nspowner
			WHERE r.rolname = $1 AND nspname LIKE $2 || '\_w%'`, srv.WorkspaceRole(), prefix).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := count()
	r, err := engine.NewRunner(ctx, srv, ws, engine.RunnerOptions{Parallel: 3})
	if err != nil {
		t.Fatal(err)
	}
	r.Run(ctx, ws.Fixtures, func(*engine.FixtureResult) {})
	if during := count(); during < before+4 {
		t.Errorf("%d worker schemas during the run, want at least %d (main and three mapped)", during-before, 4)
	}
	r.Close()
	if after := count(); after != before {
		t.Errorf("%d schemas left after Close", after-before)
	}
}

// TestSchemaFileMappingErrors: a CREATE SCHEMA jig cannot make, and an
// error in a schema file after a blanked CREATE SCHEMA, are placed in the
// file as written.
func TestSchemaFileMappingErrors(t *testing.T) {
	for _, tc := range []struct{ sql, want string }{
		{"CREATE SCHEMA web\n  CREATE TABLE t (id int);\n", "schema/a.sql:2:3: CREATE SCHEMA web with statements inside it"},
		{"ALTER SCHEMA web RENAME TO w2;\nCREATE TABLE web.t (id int);\n", "schema/a.sql:1:14: ALTER SCHEMA web"},
		{"create schema web;\ncreate table web.t (id intt);\n", `schema/a.sql:2:24: type "intt" does not exist`},
		{"create schema web;\ncreate table web.t (id int references web.nope);\n", `relation "web.nope" does not exist`},
	} {
		ws := enginetest.Workspace(t, map[string]string{"schema/a.sql": tc.sql})
		_, err := engine.NewRunner(context.Background(), enginetest.Server(t), ws, engine.RunnerOptions{Parallel: 1})
		if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "jig_") {
			t.Errorf("%q: error %v, want %q without a private name", tc.sql, err, tc.want)
		}
	}
}

// BenchmarkFixtureSchemas compares a fixture over three declared schemas
// with the same tables in the default schema: mapping costs a cache lookup
// per statement, nothing per row.
func BenchmarkFixtureSchemas(b *testing.B) {
	for _, tc := range []struct {
		name, schema string
		qualify      func(string) string
	}{
		{"one-schema", oneSchema, func(s string) string { return s }},
		{"three-schemas", threeSchemas, inSchemas},
	} {
		b.Run(tc.name, func(b *testing.B) {
			const n = 200
			files := schemaFixtures(n, 3, tc.qualify)
			files["schema/a.sql"] = tc.schema
			ws := enginetest.Workspace(b, files)
			r := enginetest.Runner(b, ws, engine.RunnerOptions{Parallel: 1})
			b.ResetTimer()
			start := time.Now()
			for i := 0; i < b.N; i++ {
				r.Run(context.Background(), ws.Fixtures, func(res *engine.FixtureResult) {
					if res.Failed() {
						b.Fatalf("%s: %s", res.Fixture.Name, engine.FormatFailure(res, false))
					}
				})
			}
			b.ReportMetric(time.Since(start).Seconds()*1000/float64(b.N*n), "ms/fixture")
		})
	}
}

// TestSchemaFileSearchPath: a schema file that sets the search_path to a
// declared schema creates its unqualified tables there, and fixtures find
// them by that schema; the next file and the fixtures are back on the
// default schema.
func TestSchemaFileSearchPath(t *testing.T) {
	r, ws := enginetest.RunnerFromFiles(t, map[string]string{
		"schema/a.sql":      "create schema atomic;\nset search_path to atomic;\ncreate table events (id int);\n",
		"schema/b.sql":      "create table events (id int, note text);\n",
		"queries/q.sql":     "select (select count(*) from atomic.events) as atomic, (select count(*) from events) as plain\n",
		"fixtures/q/a.yaml": "query: q\ngiven:\n  atomic.events: [{id: 1}, {id: 2}]\n  events: [{id: 3}]\nexpect:\n  rows:\n    - {atomic: 2, plain: 1}\n",
	}, engine.RunnerOptions{Parallel: 1})
	res := r.RunFixture(context.Background(), ws.Fixtures[0])
	if res.Failed() {
		t.Fatal(engine.FormatFailure(res, false))
	}
	if got := len(r.Suite.Table("events").Columns); got != 2 {
		t.Errorf("events has %d columns, want the default schema's 2", got)
	}
}

// TestBareNameHint: a fixture that names a declared schema's table without
// its schema is told which table it may mean, at the given key.
func TestBareNameHint(t *testing.T) {
	r, ws := enginetest.RunnerFromFiles(t, map[string]string{
		"schema/a.sql":      threeSchemas,
		"queries/q.sql":     "select count(*) from crm.accounts\n",
		"fixtures/q/a.yaml": "query: q\ngiven:\n  accounts: [{id: 1}]\nexpect:\n  rows: [{count: 1}]\n",
	}, engine.RunnerOptions{Parallel: 1})
	res := r.RunFixture(context.Background(), ws.Fixtures[0])
	want := `fixtures/q/a.yaml:3:3: unknown table "accounts" in given`
	if res.Err == nil || !strings.Contains(res.Err.Error(), want) || !strings.Contains(res.Err.Error(), "did you mean crm.accounts?") {
		t.Errorf("error %v, want %q with a hint naming crm.accounts", res.Err, want)
	}
}

// TestTwoRunnersOneServer: two runners open on one server at once (two
// jigs on one --dsn) each pass a fixture over crm.accounts, twice.
func TestTwoRunnersOneServer(t *testing.T) {
	files := schemaFixtures(2, 2, inSchemas)
	files["schema/a.sql"] = threeSchemas
	ws := enginetest.Workspace(t, files)
	r1 := enginetest.Runner(t, ws, engine.RunnerOptions{Parallel: 1})
	r2 := enginetest.Runner(t, ws, engine.RunnerOptions{Parallel: 1})
	for run := 1; run <= 2; run++ {
		for i, r := range []*engine.Runner{r1, r2} {
			for _, f := range ws.Fixtures {
				if res := r.RunFixture(context.Background(), f); res.Failed() {
					t.Errorf("runner %d, run %d: %s", i+1, run, engine.FormatFailure(res, false))
				}
			}
		}
	}
}
