package sqlscan_test

import (
	"strings"
	"testing"

	"github.com/jig-sql/jig/workspace/diag"
	"github.com/jig-sql/jig/workspace/sqlscan"
)

// FuzzScan: Scan never panics, its tokens join back to the input byte for
// byte, and every token's offset and line:col agree with the source and
// with diag.LineCol (the positions jig prints). The helpers and the
// value decoders must not panic on whatever Scan returns.
func FuzzScan(f *testing.F) {
	for _, s := range []string{
		"select 'a''b', E'c\\'d', $$e$$, $f$g$f$, $1, \"h\"\"i\", U&'\\0061' -- j\n/* k /* l */ m */ 1.5e3 <= 0x1F;",
		"/* open", "'open", "E'open\\", "$q$ open", `"open`, "a..b ::= .5 1..2 @- =-1 +--x",
		"café\n\r\n\t\v\f\xff\xe2\x82 $ \\",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		toks := sqlscan.Scan(src)
		var b strings.Builder
		for i, tk := range toks {
			if tk.Text == "" {
				t.Fatalf("token %d is empty", i)
			}
			if tk.Offset != b.Len() || src[tk.Offset:tk.End()] != tk.Text {
				t.Fatalf("token %d %q at offset %d does not match the source", i, tk.Text, tk.Offset)
			}
			if line, col := diag.LineCol(src, tk.Offset); tk.Line != line || tk.Col != col {
				t.Fatalf("token %d %q at %d:%d, LineCol says %d:%d", i, tk.Text, tk.Line, tk.Col, line, col)
			}
			if tk.Err != nil && (tk.Err.Offset != tk.Offset || tk.Err.Line != tk.Line || tk.End() != len(src)) {
				t.Fatalf("token %d: error %v is not at the token, or the token does not run to the end", i, tk.Err)
			}
			b.WriteString(tk.Text)
			tk.Value()
			tk.Name()
		}
		if b.String() != src {
			t.Fatalf("tokens join to %q, want %q", b.String(), src)
		}
		sig := sqlscan.Significant(toks)
		for i := range sig {
			if j := sqlscan.MatchingParen(sig, i); j >= 0 && j <= i {
				t.Fatalf("MatchingParen(%d) = %d, before the opener", i, j)
			}
		}
		n := 0
		for _, st := range sqlscan.SplitStatements(sig) {
			n += len(st)
		}
		if n > len(sig) {
			t.Fatalf("statements hold %d tokens of %d", n, len(sig))
		}
		sqlscan.Depths(sig)
	})
}
