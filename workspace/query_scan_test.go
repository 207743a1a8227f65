package workspace

import (
	"strings"
	"testing"

	"github.com/jig-sql/jig/workspace/diag"
)

// The old workspace lexer ran a -- comment to the next \n; Postgres ends
// it at \r too, so with carriage-return line endings it hid a second
// statement that the server would then have run: the file is a script of
// two statements, the second at 1:20.
func TestParseQueryCommentEndsAtCarriageReturn(t *testing.T) {
	src := "select 1 -- note\r; select 2\r"
	q, err := ParseQuery("queries/cr.sql", src)
	if err != nil || !q.IsScript() || len(q.Statements) != 2 {
		t.Fatalf("q = %+v, err = %v; want a script of two statements", q, err)
	}
	second := q.Statements[1]
	if line, col := diag.LineCol(q.SQL, second.Start+strings.Index(second.SQL, "select")); line != 1 || col != 20 {
		t.Errorf("second statement at %d:%d, want 1:20", line, col)
	}
}

// A script keeps the whole file; a query with a trailing semicolon and
// comment is still one query.
func TestParseQueryScript(t *testing.T) {
	src := "DROP TABLE IF EXISTS t;\nCREATE TABLE t AS SELECT ';' AS x; -- done\n\n"
	q, err := ParseQuery("queries/s.sql", src)
	if err != nil || !q.IsScript() || q.SQL != strings.TrimRight(src, "\n") {
		t.Fatalf("q = %+v, err = %v", q, err)
	}
	if got := strings.TrimSpace(q.Statements[1].SQL); got != "CREATE TABLE t AS SELECT ';' AS x" {
		t.Errorf("second statement %q", got)
	}
	if q, err := ParseQuery("queries/one.sql", "select 1; -- done\n;\n"); err != nil || q.IsScript() || q.SQL != "select 1" {
		t.Errorf("one query: %+v, %v", q, err)
	}
	// One statement that defines a table is a script too: it gets the
	// schema files' translation (DISTKEY) and returns no rows.
	if q, err := ParseQuery("queries/ctas.sql", "/* c */ Create table t distkey (a) as select 1 as a;\n"); err != nil || !q.IsScript() || len(q.Statements) != 1 {
		t.Errorf("lone CTAS: %+v, %v", q, err)
	}
	if q, err := ParseQuery("queries/dml.sql", "delete from t returning *"); err != nil || q.IsScript() {
		t.Errorf("one DELETE: %+v, %v", q, err)
	}
}

// Semicolons inside a dollar quote, an E'...' string with \' and a nested
// comment are not statement ends.
func TestParseQueryQuotedSemicolons(t *testing.T) {
	src := "select $fn$;$$;$fn$, E'\\';', 1 /* a /* ; */ ; */ ;\n"
	q, err := ParseQuery("queries/q.sql", src)
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.TrimSuffix(src, " ;\n"); q.SQL != want {
		t.Errorf("SQL = %q, want %q", q.SQL, want)
	}
}
