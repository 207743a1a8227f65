package sqlmap

import (
	"strings"
	"testing"
)

// FuzzRewrite: the mapper never panics, a text naming no declared schema,
// public or a long name comes back unchanged, and every offset of the
// sent text maps back inside the user's.
func FuzzRewrite(f *testing.F) {
	for _, s := range []string{crmSchema, "select web.col from web.sessions web", "create schema web create table t (a int)",
		"set search_path to 'web', public", "drop schema if exists atomic, web cascade", `select "Web"."Mood".x, 'atomic.e' -- web.v`} {
		f.Add(s, true)
		f.Add(s, false)
	}
	m := New("jig_wabc", Declared([]string{"schema/a.sql"}, []string{crmSchema}))
	f.Fuzz(func(t *testing.T, sql string, ddl bool) {
		r, err := m.Rewrite(sql, ddl)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("error %T: %v", err, err)
			}
			return
		}
		low := strings.ToLower(sql)
		if !strings.Contains(low, "atomic") && !strings.Contains(low, "web") && !strings.Contains(low, "public") && len(sql) < MaxIdent && r.SQL != sql {
			t.Fatalf("rewrote %q into %q", sql, r.SQL)
		}
		for off := 0; off <= len(r.SQL); off++ {
			if o := r.SourceOffset(off); o < 0 || o > len(sql) {
				t.Fatalf("offset %d of %q maps to %d, outside %q", off, r.SQL, o, sql)
			}
		}
	})
}
