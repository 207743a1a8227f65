package tui

import (
	"testing"
)

// inputTexts is every displayed cell of the input grid's session rows.
func inputTexts(d *driver) [][]string {
	src := d.m.input.src
	out := make([][]string, len(src.rows))
	for r := range out {
		for c := range src.Columns() {
			out[r] = append(out[r], src.Cell(r, c).Text)
		}
	}
	return out
}

// a and d on the first row append at the end and move the cursor there:
// the rows already shown keep their values (the factory's defaults are
// keyed by row index), and d's copy shows the same values but its key.
func TestAddAndDuplicateAppend(t *testing.T) {
	d := readyTestDriver(t, nil, "browser_users")
	d.send(openFixtureMsg{"browser_users/null_user_is_excluded"})
	d.until(t, d.settled)
	d.m.setFocus(ScopeInput)
	before := inputTexts(d)
	for _, k := range []string{"a", "d"} {
		d.m.input.grid.SetCursor(0, 2)
		d.send(keyPress(k))
		d.until(t, d.settled)
		got := inputTexts(d)
		if len(got) != len(before)+1 {
			t.Fatalf("%s: %d rows, want %d", k, len(got), len(before)+1)
		}
		for r := range before {
			for c := range before[r] {
				if got[r][c] != before[r][c] {
					t.Errorf("%s: row %d column %d changed from %q to %q", k, r+1, c, before[r][c], got[r][c])
				}
			}
		}
		if row, _ := d.m.input.grid.Current(); row != len(before) {
			t.Errorf("%s: cursor on row %d, want the new row %d", k, row+1, len(before)+1)
		}
		before = got
	}
	src := d.m.input.src
	last := before[len(before)-1]
	for c := range src.Columns() {
		key := src.table.IsKey(src.column(c).Name)
		if same := last[c] == before[0][c]; same == key {
			t.Errorf("d: column %s of the copy is %q, the original %q (key %v)", src.column(c).Name, last[c], before[0][c], key)
		}
	}
}
