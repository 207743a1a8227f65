package rows

import "testing"

// The old CHECK lexer skipped the E of E'it\'s' and then ended the string
// at the backslash, so the check did not parse and the factory could not
// judge it; nested comments and dollar quotes were errors too.
func TestCheckReadsEscapeStringsAndNestedComments(t *testing.T) {
	for _, expr := range []string{
		`((note)::text <> E'it\'s'::text)`,
		`((note)::text <> $q$it's$q$::text) /* a /* nested */ comment */`,
	} {
		n, err := parseCheck(expr)
		if err != nil {
			t.Fatalf("parseCheck(%s): %v", expr, err)
		}
		note := func(v string) env {
			return func(name string) (Value, kind, bool) { return Value{Text: v}, kText, name == "note" }
		}
		if r := eval(n, note("it's")); r.k != evBool || r.b {
			t.Errorf("%s with note it's: %+v, want false", expr, r)
		}
		if r := eval(n, note(`it\`)); r.k != evBool || !r.b {
			t.Errorf(`%s with note it\: %+v, want true`, expr, r)
		}
	}
	if _, err := parseCheck(`(note <> 'open)`); err == nil || err.Error() != "1:10: unterminated quoted string; close it with '" {
		t.Errorf("unterminated string: %v", err)
	}
}
