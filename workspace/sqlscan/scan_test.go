package sqlscan_test

import (
	"strings"
	"testing"

	"github.com/jig-sql/jig/workspace/sqlscan"
)

// render shows tokens as Kind:text, space-separated, for table tests.
func render(toks []sqlscan.Token) string {
	parts := make([]string, len(toks))
	for i, t := range toks {
		parts[i] = t.Kind.String() + ":" + t.Text
		if t.Err != nil {
			parts[i] += "!"
		}
	}
	return strings.Join(parts, " ")
}

func TestScanRules(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"string with doubled quote", `'it''s'x`, `String:'it''s' Ident:x`},
		{"E string backslash quote", `E'it\'s' x`, `String:E'it\'s' Space:  Ident:x`},
		{"E string doubled and lower e", `e'a''b\\' 1`, `String:e'a''b\\' Space:  Number:1`},
		{"plain string keeps backslash literal", `'a\' x`, `String:'a\' Space:  Ident:x`},
		{"bit hex national strings", `B'101'X'1F'n'z'`, `String:B'101' String:X'1F' String:n'z'`},
		{"unicode string and ident", `U&'d\0061t' u&"a b"`, `String:U&'d\0061t' Space:  QuotedIdent:u&"a b"`},
		{"word ending in e is not a prefix", `name'x'`, `Ident:name String:'x'`},
		{"U without ampersand", `U'x'`, `Ident:U String:'x'`},
		{"dollar quote", `$$a;'b$$;`, `String:$$a;'b$$ Punct:;`},
		{"tagged dollar quote holds other tags", `$fn$ $$ $x$ $fn$`, `String:$fn$ $$ $x$ $fn$`},
		{"dollar tag inside body", `$a$x$b$a$`, `String:$a$x$b$a$`},
		{"param is not a quote", `$1 + $23`, `Param:$1 Space:  Op:+ Space:  Param:$23`},
		{"dollar inside identifier", `a$b$ c`, `Ident:a$b$ Space:  Ident:c`},
		{"lone dollar", `$ 1`, `Punct:$ Space:  Number:1`},
		{"quoted ident doubled quote", `"a""b".c`, `QuotedIdent:"a""b" Punct:. Ident:c`},
		{"line comment stops before newline", "a--x;y\nb", "Ident:a Comment:--x;y Space:\n Ident:b"},
		{"line comment stops at carriage return", "--x\r\nb", "Comment:--x Space:\r\n Ident:b"},
		{"nested block comment", `/* a /* b */ c */x`, `Comment:/* a /* b */ c */ Ident:x`},
		{"slash star slash does not close", `/*/ x */y`, `Comment:/*/ x */ Ident:y`},
		{"stars before close", `/** x **/y`, `Comment:/** x **/ Ident:y`},
		{"integers and decimals", `1 1.5 .5 1. 1e3 1.5E-2 1_000`, `Number:1 Space:  Number:1.5 Space:  Number:.5 Space:  Number:1. Space:  Number:1e3 Space:  Number:1.5E-2 Space:  Number:1_000`},
		{"radix integers", `0x1F 0o17 0b101 0x`, `Number:0x1F Space:  Number:0o17 Space:  Number:0b101 Space:  Number:0 Ident:x`},
		{"slice is not a decimal", `a[1..2]`, `Ident:a Punct:[ Number:1 Punct:.. Number:2 Punct:]`},
		{"exponent needs digits", `1e x`, `Number:1 Ident:e Space:  Ident:x`},
		{"multi-char operators", `a<=b||c->>'k'`, `Ident:a Op:<= Ident:b Op:|| Ident:c Op:->> String:'k'`},
		{"operator does not end in minus", `a=-1`, `Ident:a Op:= Op:- Number:1`},
		{"special char keeps trailing minus", `a@-b`, `Ident:a Op:@- Ident:b`},
		{"comment inside operator run", `a+--c` + "\n", "Ident:a Op:+ Comment:--c Space:\n"},
		{"casts and punctuation", `x::int, (y):=z;`, `Ident:x Punct::: Ident:int Punct:, Space:  Punct:( Ident:y Punct:) Punct::= Ident:z Punct:;`},
		{"non-ASCII identifier", `café_1 x`, `Ident:café_1 Space:  Ident:x`},
		{"whitespace kinds", "a\t\f\vb", "Ident:a Space:\t\f\v Ident:b"},
		{"stray byte", `a\b{`, `Ident:a Punct:\ Ident:b Punct:{`},
		{"unterminated string", `'abc`, `String:'abc!`},
		{"unterminated E string ending in backslash", `E'a\`, `String:E'a\!`},
		{"unterminated quoted ident", `"abc`, `QuotedIdent:"abc!`},
		{"unterminated nested comment", `/* /* */ x`, `Comment:/* /* */ x!`},
		{"unterminated dollar quote", `$q$ abc $q`, `String:$q$ abc $q!`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := render(sqlscan.Scan(tc.in)); got != tc.want {
				t.Errorf("Scan(%q)\n got %s\nwant %s", tc.in, got, tc.want)
			}
		})
	}
}

func TestPositions(t *testing.T) {
	toks := sqlscan.Scan("select 'é'\n  , \"ü\" -- x\n/* a\nb */ $1")
	want := map[string][2]int{"select": {1, 1}, "'é'": {1, 8}, ",": {2, 3}, `"ü"`: {2, 5}, "-- x": {2, 9}, "/* a\nb */": {3, 1}, "$1": {4, 6}}
	for _, tk := range toks {
		if w, ok := want[tk.Text]; ok && (tk.Line != w[0] || tk.Col != w[1]) {
			t.Errorf("%q at %d:%d, want %d:%d", tk.Text, tk.Line, tk.Col, w[0], w[1])
		}
	}
	err := sqlscan.FirstError(sqlscan.Scan("select\n  'oops"))
	if err == nil || err.Error() != "2:3: unterminated quoted string; close it with '" || err.Offset != 9 {
		t.Errorf("FirstError = %v", err)
	}
}
