package rows_test

import (
	"reflect"
	"testing"

	"github.com/jig-sql/jig/rows"
)

func TestParseArrayLiteral(t *testing.T) {
	lit, err := rows.ParseArrayLiteral(` [0:1][1:2]={ {"a\"b", NULL}, {\NULL , "NULL"} } `)
	if err != nil {
		t.Fatal(err)
	}
	want := &rows.ArrayLiteral{Bounds: "[0:1][1:2]", Subs: []*rows.ArrayLiteral{
		{Elems: []rows.ArrayElem{{Text: `a"b`}, {Text: "NULL", Null: true}}},
		{Elems: []rows.ArrayElem{{Text: "NULL"}, {Text: "NULL"}}},
	}}
	if !reflect.DeepEqual(lit, want) {
		t.Errorf("got %+v %+v, want %+v %+v", lit, lit.Subs, want, want.Subs)
	}
	for _, bad := range []string{"", "{", "{a,}", "{{a},b}", "{{a},{b,c}}", `{"a}`, "{a} x", "[1]{a}", `{a"b}`} {
		if _, err := rows.ParseArrayLiteral(bad); err == nil {
			t.Errorf("ParseArrayLiteral(%q) accepted", bad)
		}
	}
}
