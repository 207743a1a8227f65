package rows

import (
	"strings"
	"testing"

	"github.com/jig-sql/jig/workspace"
)

var fuzzTypes = []workspace.Type{
	typ("int2"), typ("int4"), typ("int8"),
	{Name: "numeric(6,2)", Base: "numeric", Precision: 6, Scale: 2}, typ("numeric"),
	typ("float4"), typ("float8"), typ("bool"), typ("text"),
	{Name: "character varying(4)", Base: "varchar", Length: 4}, {Name: "character(2)", Base: "bpchar", Length: 2},
	typ("date"), typ("time"), typ("timetz"), typ("timestamp"), typ("timestamptz"), typ("interval"),
	typ("uuid"), typ("json"), typ("jsonb"), typ("bytea"), typ("inet"), typ("cidr"),
	{Name: "mood", Base: "mood", Enum: []string{"sad", "ok"}},
	{Name: "integer[]", Base: "int4", ArrayDims: 1}, {Name: "text[]", Base: "text", ArrayDims: 2},
}

// FuzzParse checks that Parse never panics, that what it accepts it
// accepts again unchanged (normal forms are fixed points), and that NULL
// is only ever the capital keyword.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"", "NULL", "null", `\NULL`, " 42 ", "-0", "1e999", "1.5e-3", "NaN", "-inf",
		"2024-02-29", "24:00:00", "2024-01-31T13:45:00.123456+05:30", "{1,{2}}", `{"a\"b",NULL}`, "{}",
		`\x0g`, `\\\001`, "::ffff:1.2.3.4/120", `{"a":1}`, "P1Y2M", "@ 1 day ago", "tru", "{{a,b},{c,d}}",
		"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "99999999999999999999", "\xff"} {
		for i := range fuzzTypes {
			f.Add(uint8(i), s)
		}
	}
	f.Fuzz(func(t *testing.T, ti uint8, s string) {
		ty := fuzzTypes[int(ti)%len(fuzzTypes)]
		v, err := Parse(ty, s)
		if err != nil {
			return
		}
		if v.Null != (strings.TrimSpace(s) == "NULL") || v.Default {
			t.Fatalf("Parse(%s, %q) = %+v", ty.Name, s, v)
		}
		if v.Null {
			return
		}
		again, err := Parse(ty, v.Text)
		if v.Text == "NULL" && kindOf(ty).isTextish() {
			again, err = Parse(ty, `\NULL`)
		}
		if err != nil || again != v {
			t.Fatalf("Parse(%s, %q) = %q, which parses to %+v, %v", ty.Name, s, v.Text, again, err)
		}
	})
}
