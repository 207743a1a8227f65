package rows

import (
	"strings"
	"testing"

	"github.com/jig-sql/jig/workspace"
)

func TestParse(t *testing.T) {
	num := workspace.Type{Name: "numeric(5,2)", Base: "numeric", Precision: 5, Scale: 2}
	vc := workspace.Type{Name: "character varying(3)", Base: "varchar", Length: 3}
	ch := workspace.Type{Name: "character(3)", Base: "bpchar", Length: 3}
	mood := workspace.Type{Name: "mood", Base: "mood", Enum: []string{"sad", "happy"}}
	pos := workspace.Type{Name: "posint", Base: "int4", Domain: &workspace.Domain{Name: "posint", Checks: []string{"CHECK ((VALUE > 0))"}}}
	ints := workspace.Type{Name: "integer[]", Base: "int4", ArrayDims: 1}
	texts := workspace.Type{Name: "text[]", Base: "text", ArrayDims: 1}
	bools := workspace.Type{Name: "boolean[]", Base: "bool", ArrayDims: 1}
	tests := []struct {
		t    workspace.Type
		in   string
		want string // "NULL" for SQL NULL; prefix "!" for an error containing the rest
	}{
		{typ("int4"), "NULL", "NULL"},
		{typ("int4"), " NULL ", "NULL"},
		{typ("text"), "NULL", "NULL"},
		{typ("text"), "null", "null"},
		{typ("text"), "Null", "Null"},
		{typ("text"), `\NULL`, "NULL"},
		{typ("text"), "", ""},
		{typ("int4"), "null", "!type NULL in capitals"},
		{typ("int4"), "", "!not a valid int4"},
		{typ("int4"), " 42 ", "42"},
		{typ("int4"), "+7", "7"},
		{typ("int4"), "12a", `!not a valid int4: "12a" (example: 42)`},
		{typ("int2"), "40000", "!out of range -32768 to 32767"},
		{typ("int8"), "-9223372036854775808", "-9223372036854775808"},
		{num, "1.5", "1.50"},
		{num, "1.555", "1.56"},
		{num, "-1.555", "-1.56"},
		{num, "999.995", "!more than 3 digits"},
		{num, "1e2", "100.00"},
		{num, "-0.001", "0.00"},
		{num, "nan", "NaN"},
		{num, "Infinity", "!infinity"},
		{typ("numeric"), "007.50", "7.50"},
		{typ("numeric"), "1.50e1", "15.0"},
		{typ("numeric"), "-inf", "-Infinity"},
		{typ("numeric"), "1.2.3", "!not a valid numeric"},
		{typ("float8"), "1e20", "1e+20"},
		{typ("float8"), "100000", "100000"},
		{typ("float8"), "0.0001", "0.0001"},
		{typ("float8"), "0.00001", "1e-05"},
		{typ("float8"), "-inf", "-Infinity"},
		{typ("float8"), "0x10", "!not a valid float8"},
		{typ("float4"), "3.25", "3.25"},
		{typ("bool"), "yes", "true"},
		{typ("bool"), " T ", "true"},
		{typ("bool"), "of", "false"},
		{typ("bool"), "o", "!not a valid bool"},
		{typ("bool"), "0", "false"},
		{vc, "abc", "abc"},
		{vc, "abc   ", "abc"},
		{vc, "abcd", "!longer than 3"},
		{ch, "ab ", "ab"},
		{typ("text"), "a\x00b", "!NUL"},
		{typ("date"), "2024-02-29", "2024-02-29"},
		{typ("date"), "2023-02-29", "!not a valid date"},
		{typ("date"), "2024-1-5", "2024-01-05"},
		{typ("date"), "Infinity", "infinity"},
		{typ("time"), "9:05", "09:05:00"},
		{typ("time"), "13:45:00.500", "13:45:00.5"},
		{typ("time"), "24:00:00", "24:00:00"},
		{typ("time"), "25:00", "!not a valid time"},
		{typ("time"), "13:45+02", "!no time zone"},
		{typ("timetz"), "13:45+02", "13:45:00+02"},
		{typ("timestamp"), "2024-01-31T13:45:00", "2024-01-31 13:45:00"},
		{typ("timestamp"), "2024-01-31", "2024-01-31 00:00:00"},
		{typ("timestamptz"), "2024-01-31 13:45:00+02", "2024-01-31 11:45:00+00"},
		{typ("timestamptz"), "2024-01-31T13:45:00.25Z", "2024-01-31 13:45:00.25+00"},
		{typ("timestamptz"), "2024-01-31 13:45:00", "2024-01-31 13:45:00"},
		{typ("interval"), "1 day 02:30:00", "1 day 02:30:00"},
		{typ("interval"), "2 hours 30 minutes", "2 hours 30 minutes"},
		{typ("interval"), "P1DT2H", "P1DT2H"},
		{typ("interval"), "3 fortnights", "!not a valid interval"},
		{typ("uuid"), "A0EEBC999C0B4EF8BB6D6BB9BD380A11", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"},
		{typ("uuid"), "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"},
		{typ("uuid"), "a0eebc99", "!not a valid uuid"},
		{typ("jsonb"), `{"a": [1, null]}`, `{"a": [1, null]}`},
		{typ("jsonb"), "null", "null"},
		{typ("json"), "{a:1}", "!not JSON"},
		{typ("bytea"), `\x01FF`, `\x01ff`},
		{typ("bytea"), `ab\\c\001`, `\x61625c6301`},
		{typ("bytea"), `\x1`, "!not a valid bytea"},
		{typ("inet"), "10.0.0.1/32", "10.0.0.1"},
		{typ("inet"), "10.0.0.1/24", "10.0.0.1/24"},
		{typ("cidr"), "10.0.0.0/8", "10.0.0.0/8"},
		{typ("cidr"), "10.0.0.1/8", "!bits are set right of the mask (try 10.0.0.0/8)"},
		{typ("cidr"), "::1", "::1/128"},
		{mood, "happy", "happy"},
		{mood, "Happy", "!one of: sad, happy"},
		{pos, "5", "5"},
		{pos, "-5", "!violates the check of domain posint"},
		{ints, "{1, 2 ,3}", "{1,2,3}"},
		{ints, "{1,NULL}", "{1,NULL}"},
		{ints, "{{1,2},{3,4}}", "{{1,2},{3,4}}"},
		{ints, "{{1,2},{3}}", "!not an array literal"},
		{ints, "{1,x}", `!array element 2: not a valid integer: "x"`},
		{texts, `{"a b","null",NULL,"q\"t",""}`, `{"a b","null",NULL,"q\"t",""}`},
		{texts, "{a b}", `{"a b"}`},
		{bools, "{yes,off}", "{t,f}"},
		{typ("point"), "(1,2)", "(1,2)"},
	}
	for _, tt := range tests {
		got, err := Parse(tt.t, tt.in)
		if strings.HasPrefix(tt.want, "!") {
			if err == nil || !strings.Contains(err.Error(), tt.want[1:]) {
				t.Errorf("Parse(%s, %q) = %v, %v; want error containing %q", tt.t.Name, tt.in, got, err, tt.want[1:])
			}
			continue
		}
		if err != nil {
			t.Errorf("Parse(%s, %q): %v", tt.t.Name, tt.in, err)
			continue
		}
		if got.String() != tt.want || got.Null != (tt.want == "NULL" && tt.in != `\NULL`) {
			t.Errorf("Parse(%s, %q) = %+v, want %q", tt.t.Name, tt.in, got, tt.want)
		}
	}
}

func TestFromYAML(t *testing.T) {
	texts := workspace.Type{Name: "text[]", Base: "text", ArrayDims: 1}
	tests := []struct {
		t    workspace.Type
		in   any
		want string
	}{
		{typ("int4"), nil, "NULL"},
		{typ("int4"), int64(7), "7"},
		{typ("text"), "NULL", "NULL"}, // a YAML string is data
		{typ("text"), int64(7), "7"},
		{typ("bool"), true, "true"},
		{typ("float8"), 1.5, "1.5"},
		{typ("numeric"), 1e21, "1000000000000000000000"},
		{texts, []any{"a b", nil, "x", "NULL"}, `{"a b",NULL,x,"NULL"}`},
		{typ("jsonb"), map[string]any{"a": []any{int64(1), "x"}}, `{"a":[1,"x"]}`},
		{typ("jsonb"), `{"a": 1}`, `{"a": 1}`},
		{typ("jsonb"), []any{true}, `[true]`},
	}
	for _, tt := range tests {
		got, err := FromYAML(tt.t, tt.in)
		if err != nil {
			t.Errorf("FromYAML(%s, %#v): %v", tt.t.Name, tt.in, err)
			continue
		}
		if got.String() != tt.want || got.Null != (tt.in == nil) {
			t.Errorf("FromYAML(%s, %#v) = %+v, want %q", tt.t.Name, tt.in, got, tt.want)
		}
	}
	if _, err := FromYAML(typ("int4"), map[string]any{}); err == nil {
		t.Error("a map fits an integer")
	}
	if _, err := FromYAML(typ("int4"), []any{int64(1)}); err == nil {
		t.Error("a list fits an integer")
	}
}
