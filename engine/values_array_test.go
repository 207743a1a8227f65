package engine

import "testing"

// Arrays compare through rows.ParseArrayLiteral, the one array reader.
// The engine's old reader gave a multi-dimensional result's rows as text,
// so an expected [[1,2],[3,4]] against int4[][] was "not a number".
func TestEqualArray(t *testing.T) {
	tests := []struct {
		typ  string
		want any
		got  string
		eq   bool
	}{
		{"_int4", []any{[]any{int64(1), int64(2)}, []any{int64(3), int64(4)}}, "{{1,2},{3,4}}", true},
		{"_int4", []any{[]any{int64(1), int64(2)}, []any{int64(3), int64(5)}}, "{{1,2},{3,4}}", false},
		{"_int4", "{{1,2},{3,4}}", "{{1,2},{3,4}}", true},
		{"_text", []any{"{a,b}", "{c,NULL}"}, "{{a,b},{c,NULL}}", true},
		{"_text", []any{"a", "b c", nil, "NULL"}, `[0:3]={a,"b c",NULL,"NULL"}`, true},
		{"_numeric", "{1.50, 2}", "{1.5,2.0}", true},
		{"_int4", []any{int64(1)}, "{{1}}", false},
	}
	for _, tc := range tests {
		eq, err := equalValue(tc.typ, tc.want, Value{Text: tc.got}, 0)
		if err != nil || eq != tc.eq {
			t.Errorf("equalValue(%s, %v, %s) = %v, %v; want %v", tc.typ, tc.want, tc.got, eq, err, tc.eq)
		}
	}
	if _, err := equalValue("_int4", "{1,", Value{Text: "{1}"}, 0); err == nil {
		t.Error("a malformed expected literal is not an error")
	}
}
