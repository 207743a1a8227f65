package checks

import (
	"strings"
	"testing"

	"github.com/jig-sql/jig/workspace"
)

// The old self-test lexer read E'it\'s' as the literal it\ followed by
// junk, read words inside /* */ as column names, and split $$...$$ into
// words. With the shared scanner the search tries the real literals and
// varies only the columns the SQL uses.
func TestSearchReadsEscapeStringsDollarQuotesAndComments(t *testing.T) {
	expr := `event_id <> E'it\'s' /* n /* nested */ n */ and code <> $$a'$$ or event_id = $$a'b$$`
	r, _ := Recipes(decodeOne(t, "expression: \""+strings.ReplaceAll(expr, `\`, `\\`)+"\""), Env{Tables: []workspace.Table{selfTestTable}})
	var notes []string
	for _, a := range r.Violate {
		notes = append(notes, a.Note)
	}
	all := strings.Join(notes, "\n") + "\n"
	for _, want := range []string{"event_id = 'it''s'\n", "event_id = 'a''b'\n"} {
		if !strings.Contains(all, want) {
			t.Errorf("search lacks %q:\n%s", want, all)
		}
	}
	if strings.Contains(all, "n = ") {
		t.Errorf("search varies n, which only a comment names:\n%s", all)
	}
	lx := lex(expr)
	if lx.idents["n"] || lx.idents["nested"] || !lx.idents["code"] {
		t.Errorf("idents = %v, want code and no words from the comment", lx.idents)
	}
}
