package redshift

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jig-sql/jig/workspace/diag"
)

// FuzzRewriteQuery: no input panics; every offset of the output
// maps inside the source; errors are positioned inside the source. (That
// rewritten corpus queries are valid Postgres is checked against the real
// server by engine's TestRedshiftCorpusExplains.)
func FuzzRewriteQuery(f *testing.F) {
	for _, s := range []string{
		"select top 10 nvl(a, b), nvl2(a, b, c), decode(x, 1, 'a', null, 'n', 'z') from t order by 1",
		"select listagg(distinct n, ',') within group (order by n) over (partition by g) from t",
		"select median(x), approximate count(distinct y), ratio_to_report(z) over () from t",
		"select dateadd(day, 1, ts), datediff('qtrs', a, b), date_trunc('w', ts), extract(dw from ts) from t",
		"select x::varchar(max), convert(nvarchar(max), z), cast(q as super) from t qualify 1 = 1",
		"select decode(decode(a, 1, 2, 3), decode(b,", "select top", "convert(", "listagg(x) within group (",
		"select 'unterminated", "/* nested /* comment */", "select $a$ top 1 $a$", "e'\\'' nvl(",
	} {
		f.Add(s)
	}
	paths, _ := filepath.Glob("testdata/queries/*.txtar")
	for _, p := range paths {
		if data, err := os.ReadFile(p); err == nil {
			_, rest, _ := strings.Cut(string(data), "-- query.sql --\n")
			sql, _, _ := strings.Cut(rest, "-- fixture.yaml --\n")
			f.Add(sql)
		}
	}
	f.Fuzz(func(t *testing.T, src string) {
		q, err := RewriteQuery("q.sql", src)
		if q == nil || q.Source != src {
			t.Fatal("no query returned")
		}
		lines := strings.Count(src, "\n") + 1
		for off := 0; off <= len(q.SQL)+1; off++ {
			if l, c := q.SourcePos(off); l < 1 || l > lines || c < 1 || c > len(src)+1 {
				t.Fatalf("SourcePos(%d) = %d:%d outside the source (%d lines)", off, l, c, lines)
			}
		}
		if es, ok := err.(diag.Errors); ok {
			for _, e := range es {
				if e.Line < 1 || e.Line > lines || e.Col < 1 || e.Col > len(src)+1 {
					t.Fatalf("error %v outside the source", e)
				}
			}
		} else if err != nil {
			t.Fatalf("unpositioned error %v", err)
		}
	})
}
