package engine_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/engine/enginetest"
	"github.com/jig-sql/jig/workspace"
	"github.com/jig-sql/jig/workspace/diag"
	"github.com/jig-sql/jig/workspace/redshift"
)

// corpusDir holds Redshift queries written from Redshift's documentation,
// each with input rows and the result Redshift documents for them.
const corpusDir = "../workspace/redshift/testdata/queries"

// redshiftCase is one corpus file: a description, then txtar-style
// sections "-- query.sql --" and "-- fixture.yaml --".
type redshiftCase struct {
	name, query, fixture string
}

func loadCorpus(tb testing.TB) []redshiftCase {
	tb.Helper()
	paths, err := filepath.Glob(filepath.Join(corpusDir, "*.txtar"))
	if err != nil || len(paths) == 0 {
		tb.Fatalf("no corpus in %s: %v", corpusDir, err)
	}
	sort.Strings(paths)
	var out []redshiftCase
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		_, rest, ok1 := strings.Cut(string(data), "-- query.sql --\n")
		query, fixture, ok2 := strings.Cut(rest, "-- fixture.yaml --\n")
		if !ok1 || !ok2 {
			tb.Fatalf("%s: want sections -- query.sql -- and -- fixture.yaml --", p)
		}
		name := strings.TrimSuffix(filepath.Base(p), ".txtar")
		out = append(out, redshiftCase{name: "q" + name, query: query, fixture: fixture})
	}
	return out
}

// writeRedshiftWorkspace writes a dialect: redshift workspace with the
// corpus schema and the given queries and fixtures, and loads it.
func writeRedshiftWorkspace(tb testing.TB, cases []redshiftCase) *workspace.Workspace {
	tb.Helper()
	dir := tb.TempDir()
	schema, err := os.ReadFile(filepath.Join(corpusDir, "schema.sql"))
	if err != nil {
		tb.Fatal(err)
	}
	files := map[string]string{"jig.yaml": "dialect: redshift\n", "schema/01_tables.sql": string(schema)}
	for _, c := range cases {
		files["queries/"+c.name+".sql"] = c.query
		files["fixtures/"+c.name+"/documented.yaml"] = "query: " + c.name + "\n" + c.fixture
	}
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	ws, err := workspace.Load(dir)
	if err != nil {
		tb.Fatal(err)
	}
	return ws
}

func redshiftRunner(tb testing.TB, ws *workspace.Workspace) *engine.Runner {
	tb.Helper()
	return enginetest.Runner(tb, ws, engine.RunnerOptions{Parallel: 4})
}

// TestRedshiftCorpus runs every corpus query through the real engine in a
// Redshift workspace and compares with the documented result.
func TestRedshiftCorpus(t *testing.T) {
	cases := loadCorpus(t)
	if len(cases) < 40 {
		t.Errorf("corpus has %d queries, want at least 40", len(cases))
	}
	ws := writeRedshiftWorkspace(t, cases)
	r := redshiftRunner(t, ws)
	ran := 0
	r.Run(context.Background(), ws.Fixtures, func(res *engine.FixtureResult) {
		ran++
		if res.Failed() {
			t.Errorf("%s:\n%s", res.Fixture.Query, engine.FormatFailure(res, false))
		}
	})
	if ran != len(cases) {
		t.Errorf("ran %d fixtures, want %d", ran, len(cases))
	}
}

// TestRedshiftCorpusExplains checks that each rewritten corpus query is
// valid Postgres: the server plans it (EXPLAIN) with the schema and jig's
// Redshift functions in place.
func TestRedshiftCorpusExplains(t *testing.T) {
	cases := loadCorpus(t)
	ws := writeRedshiftWorkspace(t, cases)
	conn := enginetest.Conn(t)
	ctx := context.Background()
	if err := engine.ApplySchema(ctx, conn, ws.Schema); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ { // twice: creating the functions is idempotent
		if err := engine.CreateRedshiftFunctions(ctx, conn); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range cases {
		q := ws.Query(c.name)
		rq, err := redshift.RewriteQuery(q.Path, q.SQL)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		w := engine.Where{File: q.Path, SQL: rq.SQL, Source: q.SQL, Pos: rq.SourcePos}
		if err := engine.Exec(ctx, conn, "EXPLAIN "+rq.SQL, engine.Where{File: w.File, SQL: w.SQL, Offset: len("EXPLAIN "), Source: w.Source, Pos: w.Pos}); err != nil {
			t.Errorf("%s: EXPLAIN of the rewrite failed: %v\n%s", c.name, err, rq.SQL)
		}
	}
}

// TestRedshiftErrorPositions runs broken Redshift queries through the
// runner: a Postgres error after rewritten constructs, and a construct jig
// rejects, both reported at the user's line and column.
func TestRedshiftErrorPositions(t *testing.T) {
	cases := []redshiftCase{
		{name: "typo", query: "SELECT TOP 5 NVL2(user_id, 'known', 'anon') AS who,\n" +
			"       DATEADD(day, 1, event_ts) AS next_day, DECODE(event_type, 'view', 1, 0) AS step,\n" +
			"       LISTAGG(page, ',') WITHIN GROUP (ORDER BY page) AS pages, evnt_type\n" +
			"FROM events GROUP BY 1, 2, 3", fixture: "given: {}\n"},
		{name: "qualify", query: "SELECT user_id FROM events\nQUALIFY ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY event_ts) = 1", fixture: "given: {}\n"},
	}
	ws := writeRedshiftWorkspace(t, cases)
	r := redshiftRunner(t, ws)
	got := map[string]error{}
	r.Run(context.Background(), ws.Fixtures, func(res *engine.FixtureResult) { got[res.Fixture.Query] = res.Err })

	var se *engine.SQLError
	if err := got["typo"]; !errors.As(err, &se) || se.File != "queries/typo.sql" || se.Line != 3 || se.Col != 66 {
		t.Errorf("typo: got %v, want queries/typo.sql:3:66 (evnt_type)", err)
	} else if !strings.Contains(se.Caret(), "evnt_type") {
		t.Errorf("caret does not show the user's line:\n%s", se.Caret())
	}
	var pe diag.Errors
	if err := got["qualify"]; !errors.As(err, &pe) || pe[0].Line != 2 || pe[0].Col != 1 || !strings.Contains(pe[0].Msg, "QUALIFY") {
		t.Errorf("qualify: got %v, want queries/qualify.sql:2:1 QUALIFY is not supported locally", err)
	}
}
