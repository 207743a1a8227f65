package checks

import (
	"strings"
	"testing"
)

// The README spells the other relation `table:`; jig's name is `to:` (as in
// relationships). Both decode to the same check.
func TestEqualRowCountTableAlias(t *testing.T) {
	for _, src := range []string{"{table: users}", "{to: users}"} {
		f, err := DecodeFile("checks/events.yaml", []byte("table: events\nchecks:\n  - equal_row_count: "+src+"\n"))
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		sql, err := f.Checks[0].Compile(TableTarget("events"), Postgres, nil)
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		if want := `FROM "users"`; !strings.Contains(sql, want) {
			t.Errorf("%s: SQL does not read users:\n%s", src, sql)
		}
		if n := f.Checks[0].Name(); n != "equal_row_count(users)" {
			t.Errorf("%s: name %q", src, n)
		}
	}
}
