package redshift

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jig-sql/jig/workspace/diag"
)

// TestRewriteQuery checks each rewrite's output and that SourcePos
// maps the marker `zz` that follows it (an identifier Postgres would report
// as unknown) back to where the user wrote it.
func TestRewriteQuery(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"sysdate", "select sysdate, zz", "select localtimestamp AS timestamp, zz"},
		{"nvl", "select nvl(a, b), zz", "select coalesce(a, b), zz"},
		{"nvl2", "select nvl2(a, b, c), zz", "select (CASE WHEN (a) IS NOT NULL THEN ( b) ELSE ( c) END), zz"},
		{"decode", "select decode(x, 1, 'a', 2, 'b', 'z'), zz",
			"select (CASE WHEN (x) IS NOT DISTINCT FROM ( 1) THEN ( 'a') WHEN (x) IS NOT DISTINCT FROM ( 2) THEN ( 'b') ELSE ( 'z') END), zz"},
		{"decode copies the rewritten expression", "select decode(nvl(y, 0), 1, 'a', 2, 'b'), zz",
			"select (CASE WHEN (coalesce(y, 0)) IS NOT DISTINCT FROM ( 1) THEN ( 'a') WHEN (coalesce(y, 0)) IS NOT DISTINCT FROM ( 2) THEN ( 'b') END), zz"},
		{"postgres decode left alone", "select decode('aGk=', 'base64'), zz", "select decode('aGk=', 'base64'), zz"},
		{"concat", "select concat(a, b), zz", "select ((a) || ( b)) AS concat, zz"},
		{"listagg within group", "select listagg(n, ', ') within group (order by n desc), zz",
			"select string_agg((n)::text, ', '  order by n desc) AS listagg, zz"},
		{"listagg default delimiter", "select listagg(n), zz", "select string_agg((n)::text, '') AS listagg, zz"},
		{"listagg distinct", "select listagg(distinct n) within group (order by n), zz",
			"select string_agg(distinct (n)::text, ''  order by (n)::text) AS listagg, zz"},
		{"median", "select median(x), zz", "select percentile_cont(0.5) WITHIN GROUP (ORDER BY x) AS median, zz"},
		{"approximate", "select approximate count(distinct x), zz", "select count(distinct x), zz"},
		{"date parts", "select dateadd(d, 1, t), datediff(qtrs, a, b), date_part(dw, t), date_trunc('Mons', t), extract(yearday from t), zz",
			"select dateadd('day', 1, t) AS date_add, datediff('quarter', a, b) AS date_diff, date_part('dow', t) AS pgdate_part, date_trunc('month', t), extract(doy from t) AS date_part, zz"},
		{"casts", "select a::varchar(max), b::super, c::nvarchar(10), cast(d as character varying(max)), e::varbyte(8), zz",
			"select a::varchar, b::jsonb, c::varchar(10), cast(d as character varying), e::bytea, zz"},
		{"convert", "select convert(varchar(max), x), zz", "select CAST( x AS varchar), zz"},
		{"ratio_to_report", "select ratio_to_report(x) over (partition by g), zz", "select (x)::float8 / sum(x) over (partition by g) AS ratio_to_report, zz"},
		{"listagg over", "select listagg(x, ',') within group (order by y desc) over (partition by g), zz",
			"select string_agg((x)::text, ',')  over (partition by g order by y desc ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS listagg, zz"},
		{"listagg over () without delimiter", "select listagg(x) within group (order by x) over (), zz",
			"select string_agg((x)::text, '')  over ( order by x ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS listagg, zz"},
		{"listagg distinct over", "select listagg(distinct x, ';') within group (order by y) over (partition by g), zz",
			"select jig_rs_listagg_distinct(';', array_agg((x)::text)  over (partition by g order by y ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)) AS listagg, zz"},
		{"median over", "select median(x) over (partition by g) as m, zz", "select jig_rs_percentile_cont(0.5, array_agg(x) over (partition by g), false) as m, zz"},
		{"percentile over", "select percentile_disc(0.25) within group (order by sum(x) desc) over (), zz",
			"select jig_rs_percentile_disc(0.25, array_agg(  sum(x) ) over (), true) AS percentile_disc, zz"},
		{"percentile without over left alone", "select percentile_cont(0.5) within group (order by x), zz",
			"select percentile_cont(0.5) within group (order by x), zz"},
		{"regexp", "select regexp_replace(s, 'a', 'b', 1, 'i'), regexp_count(s, 'a') + 1, zz",
			"select jig_rs_regexp_replace(s, 'a', 'b', 1, 'i') AS regexp_replace, jig_rs_regexp_count(s, 'a') + 1, zz"},
		{"millisecond parts", "select extract(ms from t), date_part(us, t) us_part, zz",
			"select jig_rs_date_part('millisecond',  t) AS date_part, jig_rs_date_part('microsecond', t) us_part, zz"},
		{"names only for bare select items", "select distinct dateadd(d, 1, t), f(concat(a, b)) from t group by dateadd(d, 1, t), zz",
			"select distinct dateadd('day', 1, t) AS date_add, f(((a) || ( b))) from t group by dateadd('day', 1, t), zz"},
		{"name before the LIMIT of TOP", "select top 1 datediff(d, a, b), zz", "select  datediff('day', a, b) AS date_diff, zz LIMIT 1"},
		{"respect nulls", "select lag(x) respect nulls over (order by t), zz", "select lag(x)  over (order by t), zz"},
		{"top", "select top 10 a, zz from t order by a", "select  a, zz from t order by a LIMIT 10"},
		{"top in a subquery", "select * from (select top 1 a from t) s, zz", "select * from (select  a from t LIMIT 1) s, zz"},
		{"top before a trailing comment", "select top 3 zz from t -- last", "select  zz from t LIMIT 3 -- last"},
		{"strings, comments, quoted names untouched", "select 'nvl(a,b) top 1', \"sysdate\", /* decode(a,b,c) */ zz",
			"select 'nvl(a,b) top 1', \"sysdate\", /* decode(a,b,c) */ zz"},
		{"multi-line", "select\n  nvl2(a,\n b, c),\n  zz", "select\n  (CASE WHEN (a) IS NOT NULL THEN (\n b) ELSE ( c) END),\n  zz"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := RewriteQuery("queries/q.sql", tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if q.SQL != tt.want {
				t.Fatalf("rewrite\n got: %s\nwant: %s", q.SQL, tt.want)
			}
			wl, wc := diag.LineCol(tt.in, strings.Index(tt.in, "zz"))
			if l, c := q.SourcePos(strings.Index(q.SQL, "zz")); l != wl || c != wc {
				t.Errorf("SourcePos(zz) = %d:%d, want %d:%d", l, c, wl, wc)
			}
		})
	}
}

// TestRewriteSourcePosInsideRewrites: text a rewrite generated maps to the
// construct's start; arguments copied through map to themselves.
func TestRewriteSourcePosInsideRewrites(t *testing.T) {
	src := "select decode(x, 1, 'a', 2, 'b'), top_col from t"
	q, err := RewriteQuery("q.sql", src)
	if err != nil {
		t.Fatal(err)
	}
	if _, c := q.SourcePos(strings.Index(q.SQL, "CASE WHEN")); c != strings.Index(src, "decode")+1 {
		t.Errorf("CASE WHEN maps to column %d, want DECODE's", c)
	}
	first, last := strings.Index(src, "decode")+1, strings.Index(src, "),")+1
	for _, gen := range []string{"IS NOT DISTINCT FROM", "THEN", "END"} {
		if _, c := q.SourcePos(strings.Index(q.SQL, gen)); c < first || c > last {
			t.Errorf("%q maps to column %d, outside DECODE(...) at %d-%d", gen, c, first, last)
		}
	}
	if _, c := q.SourcePos(strings.Index(q.SQL, "'b'")); c != strings.Index(src, "'b'")+1 {
		t.Errorf("'b' maps to column %d, want %d", c, strings.Index(src, "'b'")+1)
	}
	if l, c := q.SourcePos(len(q.SQL) + 10); l != 1 || c != len(src)+1 {
		t.Errorf("past the end maps to %d:%d, want 1:%d", l, c, len(src)+1)
	}
}

// TestRewriteRejects: constructs jig does not run locally are errors at
// their line and column, with a hint.
func TestRewriteRejects(t *testing.T) {
	tests := []struct{ name, in, at, msg string }{
		{"pivot", "select *\nfrom t PIVOT (sum(x) for c in ('a'))", "PIVOT", "PIVOT is not supported locally"},
		{"unpivot", "select * from t unpivot (v for c in (a, b))", "unpivot", "UNPIVOT is not supported locally"},
		{"qualify", "select a from t\nqualify row_number() over (order by a) = 1", "qualify", "QUALIFY is not supported locally"},
		{"ignore nulls", "select first_value(x) ignore nulls over (order by t) from t", "ignore", "IGNORE NULLS is not supported locally"},
		{"listagg over a named window", "select listagg(x, ',') within group (order by x) over w from t", "listagg", "LISTAGG ... OVER a named window"},
		{"listagg distinct other order", "select listagg(distinct x) within group (order by y) from t", "y)", "LISTAGG DISTINCT is not supported locally"},
		{"median over a named window", "select median(x) over w from t window w as (partition by g)", "median", "MEDIAN ... OVER a named window"},
		{"percentile over a named window", "select percentile_cont(0.5) within group (order by x) over w from t", "percentile_cont", "PERCENTILE_CONT ... OVER a named window"},
		{"top with union", "select top 1 a from t union select b from u", "top", "TOP together with UNION"},
		{"unknown date part", "select dateadd(dya, 1, t) from t", "dya", "DATEADD does not take the date part `dya`"},
		{"date part not for dateadd", "select dateadd(dow, 1, t) from t", "dow", "DATEADD does not take the date part `dow`"},
		{"nvl2 arity", "select nvl2(a, b) from t", "nvl2", "NVL2 takes three arguments"},
		{"hll", "select hll(x) from t", "hll", "HLL is not supported locally"},
		{"geometry cast", "select x::geometry from t", "geometry", "GEOMETRY is not supported locally"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := RewriteQuery("queries/q.sql", tt.in)
			es, ok := err.(diag.Errors)
			if !ok || len(es) == 0 {
				t.Fatalf("got %v, want a positioned error", err)
			}
			wl, wc := diag.LineCol(tt.in, strings.Index(tt.in, tt.at))
			if e := es[0]; e.Line != wl || e.Col != wc || !strings.Contains(e.Msg, tt.msg) || e.Hint == "" || e.File != "queries/q.sql" {
				t.Errorf("got %v, want %d:%d %q with a hint", e, wl, wc, tt.msg)
			}
		})
	}
}

// TestRewriteCorpus: every corpus query rewrites without an error, and a
// query without Redshift syntax is returned unchanged.
func TestRewriteCorpus(t *testing.T) {
	paths, _ := filepath.Glob("testdata/queries/*.txtar")
	if len(paths) < 40 {
		t.Fatalf("corpus has %d queries, want at least 40", len(paths))
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		_, rest, _ := strings.Cut(string(data), "-- query.sql --\n")
		sql, _, _ := strings.Cut(rest, "-- fixture.yaml --\n")
		if _, err := RewriteQuery(p, sql); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
	plain := "select a, count(*) from t where b = 'x' group by a"
	if q, err := RewriteQuery("q.sql", plain); err != nil || q.SQL != plain {
		t.Errorf("plain query changed: %q, %v", q.SQL, err)
	}
}

// TestRewriteNameBeforeTopLimit: a column name kept for the last item of a
// SELECT TOP goes before the LIMIT that TOP adds at the same place.
func TestRewriteNameBeforeTopLimit(t *testing.T) {
	q, err := RewriteQuery("q.sql", "select top 3 a, median(x)")
	if want := "select  a, percentile_cont(0.5) WITHIN GROUP (ORDER BY x) AS median LIMIT 3"; err != nil || q.SQL != want {
		t.Errorf("got %q, %v\nwant %q", q.SQL, err, want)
	}
}
