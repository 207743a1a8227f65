package sqlscan_test

import (
	"reflect"
	"testing"

	"github.com/jig-sql/jig/workspace/sqlscan"
)

func TestValue(t *testing.T) {
	tests := []struct{ in, want string }{
		{`'it''s'`, "it's"},
		{`'a\n'`, `a\n`},
		{`E'it\'s\n\t\\'`, "it's\n\t\\"},
		{`E'a''b'`, "a'b"},
		{`E'\101\x42\u0043\U00000044\q'`, "ABCDq"},
		{`U&'d\0061t\+000061\\'`, `data\`},
		{`N'x'`, "x"},
		{`X'1F'`, "1F"},
		{`$$a'b$$`, "a'b"},
		{`$fn$ $$ $fn$`, " $$ "},
		{`'open`, "open"},
	}
	for _, tc := range tests {
		toks := sqlscan.Scan(tc.in)
		if len(toks) != 1 {
			t.Fatalf("Scan(%q) = %s, want one token", tc.in, render(toks))
		}
		if got, ok := toks[0].Value(); !ok || got != tc.want {
			t.Errorf("Value(%s) = %q, %v; want %q", tc.in, got, ok, tc.want)
		}
	}
	if _, ok := sqlscan.Scan("x")[0].Value(); ok {
		t.Error("an identifier has no string value")
	}
}

func TestName(t *testing.T) {
	for in, want := range map[string]string{`MyTable`: "mytable", `"My""T"`: `My"T`, `U&"\00e9t\00C9"`: "étÉ", `CAFÉ`: "cafÉ"} {
		if got := sqlscan.Scan(in)[0].Name(); got != want {
			t.Errorf("Name(%s) = %q, want %q", in, got, want)
		}
	}
	tk := sqlscan.Scan("Select")[0]
	if !tk.IsKeyword("SELECT") || !tk.IsKeyword("select") || tk.IsKeyword("selec") {
		t.Error("IsKeyword is not a case-insensitive whole-word match")
	}
	if sqlscan.Scan(`"select"`)[0].IsKeyword("select") || sqlscan.Scan(`'select'`)[0].IsKeyword("select") {
		t.Error("a quoted identifier or string is never a keyword")
	}
}

func TestSplitStatements(t *testing.T) {
	src := "create function f() returns int as $$ select 1; $$;\n-- only a comment;\n;select (1;2); select 3"
	var got []string
	for _, st := range sqlscan.SplitStatements(sqlscan.Scan(src)) {
		got = append(got, render(sqlscan.Significant(st)))
	}
	want := []string{
		"Ident:create Ident:function Ident:f Punct:( Punct:) Ident:returns Ident:int Ident:as String:$$ select 1; $$",
		"Ident:select Punct:( Number:1 Punct:; Number:2 Punct:)",
		"Ident:select Number:3",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("SplitStatements:\n got %q\nwant %q", got, want)
	}
}

func TestMatchingParenAndDepths(t *testing.T) {
	toks := sqlscan.ScanSignificant(`f(a, ")", ')', (b[1])) + c(`)
	if got := sqlscan.MatchingParen(toks, 1); got != 14 || toks[got].Text != ")" {
		t.Errorf("MatchingParen(1) = %d (%s), want 14", got, render(toks))
	}
	if got := sqlscan.MatchingParen(toks, 10); got != 12 || toks[got].Text != "]" {
		t.Errorf("MatchingParen(10) = %d, want 12", got)
	}
	if got := sqlscan.MatchingParen(toks, 17); got != -1 {
		t.Errorf("an unclosed ( matches %d, want -1", got)
	}
	if got := sqlscan.MatchingParen(toks, 0); got != -1 {
		t.Errorf("an identifier matches %d, want -1", got)
	}
	want := []int{0, 0, 1, 1, 1, 1, 1, 1, 1, 2, 2, 3, 2, 1, 0, 0, 0, 0}
	if got := sqlscan.Depths(toks); !reflect.DeepEqual(got, want) {
		t.Errorf("Depths = %v, want %v", got, want)
	}
}
