package workspace

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/jig-sql/jig/workspace/diag"
)

// FuzzUpdateExpectedRows: jig test --update rewrites a fixture in place.
// For any fixture that parses, the rewrite must parse again and hold
// exactly the new rows — never a file jig cannot read back.
func FuzzUpdateExpectedRows(f *testing.F) {
	f.Add("query: q\nexpect:\n  rows:\n    - {v: a}\n", "v", "b")
	f.Add("query: q\n# keep me\nexpect:\n  rows: []\n  ordered: true\n", "n", "1")
	f.Add("query: q\nexpect: {rows: [{v: a}]}\n", "v", "null")
	f.Add("query: q\ngiven:\n  t:\n    - {id: 1}\n", "we ird: col", "x\ny")
	f.Add("query: q\nexpect:\n  table: t\n  rows:\n  - v: 'a'\n", "v", "'quoted'")
	f.Fuzz(func(t *testing.T, src, col, val string) {
		// Values come from a UTF-8 database; a NUL cannot be in one either.
		// Each half is checked alone: two invalid halves can join into
		// valid UTF-8 (a split multi-byte character).
		if !utf8.ValidString(col) || !utf8.ValidString(val) || strings.ContainsRune(col+val, 0) || col == "" {
			return
		}
		if _, err := ParseFixture("fixtures/q/a.yaml", []byte(src)); err != nil {
			return
		}
		rows := []Row{{Cells: []Cell{{Column: col, Value: val}}}}
		out, err := UpdateExpectedRows([]byte(src), rows)
		if err != nil {
			return // refusing is fine; writing a broken file is not
		}
		fx, err := ParseFixture("fixtures/q/a.yaml", out)
		if err != nil {
			t.Fatalf("the rewrite does not parse: %v\n--- in\n%s\n--- out\n%s", err, src, out)
		}
		if !SameRows(fx.Expect.Rows, rows) {
			t.Fatalf("the rewrite holds %v, want %v\n--- in\n%s\n--- out\n%s", fx.Expect.Rows, rows, src, out)
		}
	})
}

// FuzzParseQuery: any query file is accepted or rejected with a
// positioned error, never a panic.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"SELECT 1", "SELECT 1; SELECT 2", "", "-- c\n", "/* x", "SELECT ';'", `SELECT "a;b"`, "SELECT $$;$$", "WITH a AS (SELECT 1) SELECT * FROM a;"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		q, err := ParseQuery("queries/q.sql", src)
		if err == nil && q == nil {
			t.Fatal("nil query without an error")
		}
		if err != nil {
			if es, ok := err.(diag.Errors); ok {
				for _, e := range es {
					if e.Line < 1 || e.Col < 1 {
						t.Fatalf("error without a position: %v", e)
					}
				}
			}
		}
	})
}
