package explain

import (
	"reflect"
	"testing"
)

// The plan-expression splitters used to walk bytes and toggle on every ',
// so a parenthesis or " AND " inside a quoted column name split the
// expression in the wrong place.
func TestPlanExpressionsWithQuotedNames(t *testing.T) {
	expr := `(("odd (x" = 1) AND (e."a AND b)" > 'it''s (') AND (e.user_id = $q$)$q$))`
	got := conjuncts(expr)
	want := []string{`"odd (x" = 1`, `e."a AND b)" > 'it''s ('`, `e.user_id = $q$)$q$`}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("conjuncts = %q, want %q", got, want)
	}
	l, op, r, ok := comparison(got[0])
	if !ok || op != "=" || r != "1" {
		t.Fatalf("comparison(%s) = %q %q %q %v", got[0], l, op, r, ok)
	}
	if ref, ok := operand(l); !ok || ref != (colRef{column: "odd (x"}) {
		t.Errorf("operand(%s) = %+v, %v", l, ref, ok)
	}
	if ref, ok := operand(`((e."a AND b)")::text)`); !ok || ref != (colRef{"e", "a AND b)"}) {
		t.Errorf("operand of a cast quoted column = %+v, %v", ref, ok)
	}
	refs := columnRefs(`(e.user_id = 'u.x'::text) AND public.f(e.ts) AND "E"."T" = u.id`)
	if want := []colRef{{"e", "user_id"}, {"e", "ts"}, {"E", "T"}, {"u", "id"}}; !reflect.DeepEqual(refs, want) {
		t.Errorf("columnRefs = %+v, want %+v", refs, want)
	}
}
