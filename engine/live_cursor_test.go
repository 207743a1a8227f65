package engine

import "testing"

// cursorable reads tokens. The old substring test took a nested comment's
// inner text for the first word and DML words inside strings or dollar
// quotes for a data-modifying WITH, so those queries lost live paging; it
// also declared scroll cursors over FOR UPDATE, which Postgres refuses.
func TestCursorable(t *testing.T) {
	for sql, want := range map[string]bool{
		"select 1":                              true,
		"/* a /* nested */ comment */ select 1": true, // old: false
		"-- c\n((values (1)))":                  true,
		"with x as (select 'insert ' || $$delete $$ as s) select * from x":           true, // old: false
		"with x as (select E'it\\'s an update ' as s) table x":                       true, // old: false
		`with x as (select 1 as "merge ") select * from x`:                           true, // old: false
		"with d as (delete from t returning *) select * from d":                      false,
		"with d as materialized (\n  insert into t values (1) returning *) select 1": false,
		"with x as (select 1) update t set a = 1":                                    false,
		"select * from t for update":                                                 false, // old: true
		"select * from t for no key update of t":                                     false,
		"insert into t values (1)":                                                   false,
		"/* select */ delete from t":                                                 false,
		"":                                                                           false,
		"/* open select":                                                             false,
		"select 1; drop table t":                                                     false, // a script
		"select ';'; -- one statement\n":                                             true,
	} {
		if got := cursorable(sql); got != want {
			t.Errorf("cursorable(%q) = %v, want %v", sql, got, want)
		}
	}
}
