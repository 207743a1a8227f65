package tui

import (
	"os"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// Saving an opened fixture edits its file in place, asks first when the
// result does not match, and refuses a cell that does not parse.
func TestSaveKeepsTheFileAndSaysWhy(t *testing.T) {
	d := readyTestDriver(t, nil, "browser_users")
	d.send(openFixtureMsg{"net_revenue/discount_reduces_net"})
	d.until(t, func() bool { return d.m.sess.Name != "" && d.settled() && d.m.live.Comparison != nil })
	path := d.m.ws.FixturePath("net_revenue", "discount_reduces_net")
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	orders := d.m.sess.Table("orders")

	orders.Rows[1]["discount"] = InputCell{Text: "abc", Reason: "not a valid numeric"}
	d.send(keyPress("s"))
	d.until(t, func() bool {
		return strings.Contains(ansi.Strip(d.m.status.View()), "not saved: orders row 2, discount")
	})
	if after, _ := os.ReadFile(path); string(after) != string(before) || d.m.mode == modeConfirm {
		t.Fatalf("an invalid cell was saved or asked about; file:\n%s", after)
	}

	col, _ := findTable(d.m.cat.tables, "orders").Column("discount")
	orders.Rows[1]["discount"] = ParseCell(*col, "5.5")
	gen := d.m.gen
	d.send(sessionChangedMsg{})
	d.until(t, func() bool { return d.m.gen > gen && d.settled() })
	d.send(keyPress("s"))
	if d.m.mode != modeConfirm || !strings.Contains(d.m.confirm.question, "1 row differs") {
		t.Fatalf("save did not ask about the mismatch; mode %v, confirm %+v", d.m.mode, d.m.confirm)
	}
	if line := ansi.Strip(d.m.bottomLine()); !strings.Contains(line, "(then a accepts the result)") || d.m.w != 120 {
		t.Errorf("the question is cut at %d columns: %q", d.m.w, line)
	}
	d.send(keyPress("y"))
	d.until(t, func() bool { return strings.HasPrefix(d.m.notice, "saved") })
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Replace(string(before), "gross_revenue: 50.00, discount: 0,", "gross_revenue: 50.00, discount: 5.5,", 1)
	if string(after) != want {
		t.Errorf("saved:\n%s\nwant only the one cell changed:\n%s", after, want)
	}
}
