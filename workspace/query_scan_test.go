package workspace

import (
	"strings"
	"testing"
)

// The old workspace lexer ran a -- comment to the next \n; Postgres ends
// it at \r too, so with carriage-return line endings it hid a second
// statement that the server would then have run.
func TestParseQueryCommentEndsAtCarriageReturn(t *testing.T) {
	_, err := ParseQuery("queries/cr.sql", "select 1 -- note\r; select 2\r")
	if err == nil || !strings.Contains(err.Error(), "queries/cr.sql:1:20: one query per file") {
		t.Fatalf("err = %v, want the second statement at 1:20", err)
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
