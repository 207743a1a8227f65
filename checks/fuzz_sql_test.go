package checks

import (
	"strconv"
	"strings"
	"testing"

	"github.com/jig-sql/jig/workspace"
)

// fuzzCheck builds check number kind from fuzzed text, as the decoder could.
func fuzzCheck(kind uint8, a, b string) Check {
	num := func(s string) *Value {
		_, err := strconv.ParseFloat(s, 64)
		return &Value{Text: s, Number: err == nil}
	}
	switch kind % 13 {
	case 0:
		return &NotNull{Column: a}
	case 1:
		return &Unique{Columns: []string{a, b}}
	case 2:
		return &AcceptedValues{Column: a, Values: []string{b, a}}
	case 3:
		return &NotAcceptedValues{Column: a, Values: []string{b}}
	case 4:
		return &AcceptedRange{Column: a, Min: num(b), Max: num(a)}
	case 5:
		return &Matches{Column: a, Pattern: b}
	case 6:
		return &Relationships{Column: a, To: b, Field: a}
	case 7:
		return &EqualRowCount{Query: a}
	case 8:
		return &EqualRowCount{To: b}
	case 9:
		return &Expression{Expression: a}
	case 10:
		return &CustomSQL{SQL: a}
	case 11:
		return &Freshness{Column: a, MaxAge: b}
	}
	return &NotEmpty{Column: a}
}

// FuzzCheckSQL: whatever a check's parameters hold, once they pass
// validation the check compiles to exactly one self-contained statement, in
// both dialects and against a table or a query target.
func FuzzCheckSQL(f *testing.F) {
	f.Add(uint8(9), "a > 0", "x", "")
	f.Add(uint8(10), "select * from jig_target where id < 0; -- neg", "", "id > 0")
	f.Add(uint8(10), "select 1) as q; commit; drop table x; select * from (select 1", "", "")
	f.Add(uint8(9), "1) or (1", "", "a = ';'")
	f.Add(uint8(4), `a"b`, "1e3", "$$;$$")
	f.Add(uint8(7), "select 1;", "", "/* ; */ true")
	f.Add(uint8(2), "col", "it's", "E'\\';' = x")
	f.Fuzz(func(t *testing.T, kind uint8, a, b, where string) {
		if strings.ContainsRune(a+b+where, 0) {
			return // the decoder refuses a NUL in any parameter (TestDecodeRefusesNUL)
		}
		c := fuzzCheck(kind, a, b)
		c.Common().Where = where
		if len(c.validate()) > 0 || len(c.Common().validate()) > 0 {
			return
		}
		targets := []Target{TableTarget("t"), QueryTarget("q", "select 1 as a -- c")}
		for _, target := range targets {
			for _, d := range []Dialect{Postgres, Redshift} {
				sql, err := compile(c, target, d, nil)
				if err != nil {
					continue
				}
				if n := workspace.CountStatements(sql); n != 1 {
					t.Fatalf("%d statements from %T %+v:\n%s", n, c, c, sql)
				}
				if off, msg := workspace.FragmentProblem(sql); off >= 0 {
					t.Fatalf("the statement %s at %d, from %T %+v:\n%s", msg, off, c, c, sql)
				}
			}
		}
	})
}
