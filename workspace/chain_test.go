package workspace

import (
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/jig-sql/jig/workspace/diag"
)

func writeWS(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestScanQueryRefs: only bare relation names count, in FROM lists, joins,
// subqueries and CTE bodies; CTE names, columns, functions, qualified
// names and words in strings or comments do not.
func TestScanQueryRefs(t *testing.T) {
	names := map[string]bool{"a": true, "b": true, "c": true, "d": true}
	for sql, want := range map[string][]string{
		"select * from a":                                                              {"a:1:15"},
		"select a.x from a join b on a.id = b.id":                                      {"a:1:17", "b:1:24"},
		"select * from a, b as bb,\n  c":                                               {"a:1:15", "b:1:18", "c:2:3"},
		"with x as (select * from a) select * from x, b":                               {"a:1:26", "b:1:46"},
		"with a as (select 1) select * from a":                                         nil, // the CTE shadows the query
		"select extract(year from d) from public.a, b()":                               nil,
		"select (select max(v) from \"b\") from c -- from d":                           {"b:1:28", "c:1:38"},
		"select 'from a' as a, a.b from (a join b using (id))":                         {"a:1:33", "b:1:40"},
		"select * from only a where b in (select b from c)":                            {"a:1:20", "c:1:48"},
		"with recursive r(n) as (select 1 union select n+1 from r, d) select * from r": {"d:1:59"},
		"delete from a using b where a.id = b.id":                                      {"a:1:13", "b:1:21"},
		"select * from lateral a, \"A\"":                                               {"a:1:23"},
	} {
		var got []string
		for _, r := range ScanQueryRefs(sql, names) {
			got = append(got, r.Name+":"+itoa(r.Line)+":"+itoa(r.Col))
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s\n got %v\nwant %v", sql, got, want)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestLinkQueriesOrder: a chain comes out in dependency order, with Inputs,
// Feeds and Upstream.
func TestLinkQueriesOrder(t *testing.T) {
	dir := writeWS(t, map[string]string{
		"queries/a_mart.sql": "select * from m_int join z_stg using (id)",
		"queries/m_int.sql":  "select * from z_stg",
		"queries/z_stg.sql":  "select * from raw",
	})
	ws, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, q := range ws.Ordered {
		order = append(order, q.Name)
	}
	if want := []string{"z_stg", "m_int", "a_mart"}; !reflect.DeepEqual(order, want) {
		t.Errorf("order %v, want %v", order, want)
	}
	if got := ws.Inputs("a_mart"); !reflect.DeepEqual(got, []string{"m_int", "z_stg"}) {
		t.Errorf("Inputs(a_mart) = %v", got)
	}
	if got := ws.Feeds("z_stg"); !reflect.DeepEqual(got, []string{"a_mart", "m_int"}) {
		t.Errorf("Feeds(z_stg) = %v", got)
	}
	var up []string
	for _, q := range ws.Upstream("a_mart") {
		up = append(up, q.Name)
	}
	if !reflect.DeepEqual(up, []string{"z_stg", "m_int"}) {
		t.Errorf("Upstream(a_mart) = %v", up)
	}
}

// TestLinkQueriesCycle: a cycle is one error at the reference closing it,
// naming the whole cycle.
func TestLinkQueriesCycle(t *testing.T) {
	dir := writeWS(t, map[string]string{
		"queries/a.sql": "select * from b",
		"queries/b.sql": "select *\nfrom raw join c on true",
		"queries/c.sql": "select * from a",
		"queries/s.sql": "select * from s",
	})
	_, err := Load(dir)
	got := ""
	if err != nil {
		got = err.Error()
	}
	for _, want := range []string{
		"queries/c.sql:1:15: queries read each other in a cycle: a → b → c → a",
		"queries/s.sql:1:15: queries read each other in a cycle: s → s",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("error lacks %q:\n%s", want, got)
		}
	}
	if n := strings.Count(got, "in a cycle:"); n != 2 {
		t.Errorf("%d cycle errors, want 2:\n%s", n, got)
	}
}

// TestLinkQueriesClash: a name that is a table (declared or seeded) and a
// query is an error at both places.
func TestLinkQueriesClash(t *testing.T) {
	dir := writeWS(t, map[string]string{
		"schema/t.sql":       "create table x (id int);\nCREATE TABLE IF NOT EXISTS public.orders (id int);",
		"seeds/raw.csv":      "id\n1\n",
		"queries/orders.sql": "select * from orders", // the table: no cycle on top of the clash
		"queries/raw.sql":    "select 2",
	})
	_, err := Load(dir)
	got := ""
	if err != nil {
		got = err.Error()
	}
	for _, want := range []string{
		"schema/t.sql:2:35: table orders is also a query (queries/orders.sql)",
		"queries/orders.sql:1:1: query orders has the name of a table in schema/t.sql",
		"seeds/raw.csv:1:1: seed raw is also a query (queries/raw.sql)",
		"queries/raw.sql:1:1: query raw has the name of the seed seeds/raw.csv",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("error lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "cycle") {
		t.Errorf("a clash is not also a cycle:\n%s", got)
	}
}

// FuzzScanQueryRefs: any text scans without panicking, and every reference
// is a name asked for, at an identifier of the text.
func FuzzScanQueryRefs(f *testing.F) {
	for _, s := range []string{"select * from a join b using (id)", "with a as (select 1) select * from a, (b join c on x)",
		"select extract(year from d) from \"a\"", "with recursive r(n) as (", "from (from (", "select * from a."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, sql string) {
		names := map[string]bool{"a": true, "b": true, "c": true}
		for _, r := range ScanQueryRefs(sql, names) {
			if !names[r.Name] || r.Offset < 0 || r.Offset >= len(sql) {
				t.Fatalf("%q: ref %+v", sql, r)
			}
			if line, col := diag.LineCol(sql, r.Offset); line != r.Line || col != r.Col {
				t.Fatalf("%q: ref %+v is at %d:%d", sql, r, line, col)
			}
		}
	})
}
