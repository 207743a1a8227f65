package tui

import (
	"testing"
)

// keysSettled sends key presses through the root model one by one and
// waits after each for its run to be on screen, as a user would.
func (d *driver) keysSettled(tb testing.TB, names ...string) {
	tb.Helper()
	for _, n := range names {
		gen := d.m.gen
		d.send(keyPress(n))
		d.until(tb, func() bool { return d.m.gen == gen || d.settled() })
		_ = d.m.render()
	}
}

// Issue 13, defect 1: a, a, x panicked with index out of range in the
// input source (the grid measured the deleted row through a stale length).
func TestDeleteRowKeepsGridInRange(t *testing.T) {
	d := readyDriver(t, nil)
	d.until(t, d.settled)
	d.keysSettled(t, "a", "a", "x")
	if n := d.m.sess.RowCount("events"); n != 1 {
		t.Fatalf("events has %d rows after a, a, x; want 1", n)
	}
	if got := d.m.input.grid.Len(); got != 1 {
		t.Errorf("grid shows %d rows; want 1", got)
	}
	// Delete the last row, then delete on the empty grid, then add again.
	d.keysSettled(t, "G", "x", "x", "a", "d", "G", "x", "u", "u")
	if got, want := d.m.input.grid.Len(), d.m.sess.RowCount("events"); got != want {
		t.Errorf("grid shows %d rows, the session has %d", got, want)
	}
}
