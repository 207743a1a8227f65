package explain_test

import (
	"strings"
	"testing"
)

// The star finder's old lexer closed a nested comment at its first */ and
// read the rest as SQL, missing the real star. A star inside an E'...'
// string (which the old lexer ended at its \') is no star.
func TestExplainStarReadsNestedCommentsAndEscapeStrings(t *testing.T) {
	r := explainRunner(t, nil)
	e := explainSQL(t, r, "SELECT /* the /* inner */ columns */ * FROM events")
	if got := kinds(e); !strings.HasPrefix(got, "select-star events.") {
		t.Errorf("the star after a nested comment is missed:\n%s", got)
	}
	e = explainSQL(t, r, `SELECT e.user_id FROM events e WHERE e.browser_id <> E'x\' , * FROM users' AND e.browser_id <> $q$'$q$`)
	if got := kinds(e); strings.Contains(got, "select-star") {
		t.Errorf("a star inside a string is taken for one:\n%s", got)
	}
}
