package checks

import (
	"strings"
	"testing"
)

// SourcePos lands an offset in user SQL on that text in the YAML, and any
// other offset on the entry.
func TestSourcePos(t *testing.T) {
	f, err := DecodeFile("checks/t.yaml", []byte("table: t\nchecks:\n  - expression: \"t >>> 0\"\n    where: |\n      id > 0 and\n      idd > 1\n"))
	if err != nil {
		t.Fatal(err)
	}
	c := f.Checks[0]
	sql, err := c.Compile(TableTarget("t"), Postgres, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, pos := c.SourcePos(sql)
	for _, tc := range []struct {
		at        string
		line, col int
	}{{"t >>> 0", 3, 18}, {"idd", 6, 7}, {"WITH", 3, 5}} {
		if l, col := pos(strings.Index(sql, tc.at)); l != tc.line || col != tc.col {
			t.Errorf("%q at %d:%d, want %d:%d", tc.at, l, col, tc.line, tc.col)
		}
	}
}
