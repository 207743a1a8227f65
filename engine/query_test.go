package engine_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/engine/enginetest"
	"github.com/jig-sql/jig/workspace"
)

// sqlError runs sql (sent as wrapper prefix + sql + suffix) and returns the
// *SQLError it must fail with.
func sqlError(tb testing.TB, sql string, w engine.Where, prefix, suffix string) *engine.SQLError {
	tb.Helper()
	conn := enginetest.Conn(tb)
	ctx := context.Background()
	if _, err := conn.Exec(ctx, "CREATE TABLE u (i int PRIMARY KEY); INSERT INTO u VALUES (1)"); err != nil {
		tb.Fatal(err)
	}
	_, err := engine.Query(ctx, conn, prefix+sql+suffix, w, 0)
	var se *engine.SQLError
	if !errors.As(err, &se) {
		tb.Fatalf("Query(%q) = %v, want a *SQLError", sql, err)
	}
	return se
}

func TestQueryErrors(t *testing.T) {
	const wrap = "SELECT count(*) FROM ("
	cases := []struct {
		name           string
		sql            string
		prefix, suffix string
		offset         int
		line, col      int
		code           string
		detail, hint   string
	}{
		{name: "syntax error on line 3", sql: "select 1,\n  2 +\nfrom u", line: 3, col: 1, code: "42601"},
		{name: "after multibyte characters", sql: "select 'é',\n  '€😀', ) from u", line: 2, col: 9, code: "42601"},
		{name: "in a wrapped query", sql: "select 1,\n  2 +\nfrom u", prefix: wrap, suffix: ") q", offset: len(wrap), line: 3, col: 1, code: "42601"},
		{name: "in the wrapper, not the user's text", sql: "select 1", prefix: "SELEC * FROM (", suffix: ") q", offset: len("SELEC * FROM ("), code: "42601"},
		{name: "unknown table, no hint", sql: "select *\nfrom nosuch", line: 2, col: 6, code: "42P01"},
		{name: "unique violation has a detail", sql: "insert into u values (1)", code: "23505", detail: "Key (i)=(1) already exists."},
		{name: "function typo has a hint", sql: "select lenght('x')", line: 1, col: 8, code: "42883",
			hint: "No function matches the given name and argument types. You might need to add explicit type casts."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := sqlError(t, c.sql, engine.Where{File: "queries/q.sql", SQL: c.sql, Offset: c.offset}, c.prefix, c.suffix)
			if e.Line != c.line || e.Col != c.col || e.Code != c.code || e.Detail != c.detail || e.Hint != c.hint {
				t.Errorf("got %d:%d %s detail %q hint %q, want %d:%d %s detail %q hint %q\n%v",
					e.Line, e.Col, e.Code, e.Detail, e.Hint, c.line, c.col, c.code, c.detail, c.hint, e)
			}
			msg := e.Error()
			if c.line > 0 && !strings.HasPrefix(msg, "queries/q.sql:"+itoa(c.line)+":"+itoa(c.col)+": ") {
				t.Errorf("Error() = %q", msg)
			}
			if c.detail != "" && !strings.Contains(msg, "\n  detail: "+c.detail) || c.hint != "" && !strings.Contains(msg, "\n  hint: "+c.hint) {
				t.Errorf("Error() lacks detail or hint: %q", msg)
			}
		})
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

func TestCaret(t *testing.T) {
	sql := "select 'é',\n  '€😀', ) from u"
	e := sqlError(t, sql, engine.Where{SQL: sql}, "", "")
	want := "2 |   '€😀', ) from u\n  |         ^"
	if got := e.Caret(); got != want {
		t.Errorf("Caret() =\n%s\nwant\n%s", got, want)
	}
}

func TestExecMultiStatement(t *testing.T) {
	ctx := context.Background()
	conn := enginetest.Conn(t)
	sql := "CREATE TABLE a (i int);\nINSERT INTO a VALUES (1);\nINSERT INTO a VALUES (2);"
	if err := engine.Exec(ctx, conn, sql, engine.Where{SQL: sql}); err != nil {
		t.Fatal(err)
	}
	res, err := engine.Query(ctx, conn, "SELECT i, NULL::text AS n FROM a ORDER BY i", engine.Where{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if res.Tag != "SELECT 2" || len(res.Rows) != 2 || res.Rows[1][0].Text != "2" || !res.Rows[0][1].Null ||
		res.Columns[0].Name != "i" || res.Columns[0].Type != "int4" || res.Columns[1].Type != "text" {
		t.Errorf("result = %+v", res)
	}

	bad := "CREATE TABLE b (i int);\n\nINSERT INTO b VALUES (1);\nINSERT INTO b VALUEZ (2);"
	err = engine.Exec(ctx, conn, bad, engine.Where{File: "setup.sql", SQL: bad})
	var se *engine.SQLError
	if !errors.As(err, &se) || se.File != "setup.sql" || se.Line != 4 || se.Col != 15 {
		t.Fatalf("err = %v, want setup.sql:4:15", err)
	}
	if _, err := engine.Query(ctx, conn, "SELECT 1 FROM b", engine.Where{}, 0); err == nil {
		t.Error("a syntax error anywhere must run no statement, but table b exists")
	}

	if _, err := engine.Query(ctx, conn, "SELECT generate_series(1, 11)", engine.Where{}, 10); err == nil {
		t.Error("11 rows with a limit of 10: no error")
	} else if _, ok := err.(*engine.ErrTooManyRows); !ok {
		t.Errorf("err = %T %v, want *ErrTooManyRows", err, err)
	}
}

// A Redshift schema file is translated before it runs; its errors still
// point at the user's own text, after a rewrite that changed lengths.
func TestApplySchemaTranslated(t *testing.T) {
	ctx := context.Background()
	src := `CREATE TABLE events (
  id bigint,
  at timestamp DEFAULT GETDATE(),
  name varchar(MAX)
) DISTSTYLE KEY DISTKEY (id) SORTKEY (at);
`
	good, err := workspace.ParseSchema("schema/events.sql", src, true)
	if err != nil {
		t.Fatal(err)
	}
	if good.SQL == good.Source {
		t.Fatal("the test needs a file the translator rewrites")
	}
	conn, schema := enginetest.ConnSchema(t)
	if err := engine.ApplySchema(ctx, conn, []*workspace.SchemaFile{good}); err != nil {
		t.Fatal(err)
	}
	tables, err := engine.DescribeWorkspace(ctx, conn, schema, []*workspace.SchemaFile{good})
	if err != nil {
		t.Fatal(err)
	}
	if len(tables) != 1 || tables[0].Dist.Key != "id" || len(tables[0].Columns) != 3 || tables[0].Columns[2].Type.Base != "varchar" || tables[0].Columns[2].Type.Length != 0 {
		t.Errorf("tables = %s", js(tables))
	}

	badSrc := src + "CREATE TABLE bad (\n  x int,\n  y nosuchtype\n);\n"
	bad, err := workspace.ParseSchema("schema/bad.sql", badSrc, true)
	if err != nil {
		t.Fatal(err)
	}
	conn2 := enginetest.Conn(t)
	err = engine.ApplySchema(ctx, conn2, []*workspace.SchemaFile{bad})
	var se *engine.SQLError
	if !errors.As(err, &se) || se.File != "schema/bad.sql" || se.Line != 8 || se.Col != 5 || se.SQL != badSrc {
		t.Fatalf("err = %v, want schema/bad.sql:8:5 over the source", err)
	}
	if want := "8 |   y nosuchtype\n  |     ^"; se.Caret() != want {
		t.Errorf("Caret() =\n%s", se.Caret())
	}
}
