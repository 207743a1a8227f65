package workspace

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The workbench hands back rows with their cells in the table's column
// order. A row whose cells are the file's, in another order, is unchanged
// and stays as written; a changed row keeps the file's key order.
func TestUpdateFixtureKeepsKeyOrder(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "save", "hand_written.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := ParseFixture("fixtures/net_revenue/hand_written.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	g := given(f, "orders")
	for i := range g.Rows {
		slices.Reverse(g.Rows[i].Cells)
	}
	cellSet(g.Rows, 1, "discount", 5.5)
	g.Rows = append(g.Rows, Row{Cells: []Cell{{Column: "user_id", Value: "user0002"}}})
	out, err := UpdateFixture(src, f)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{
		"    - {user_id: user0001, gross_revenue: 100.00, discount: 15.00, status: paid}\n",
		"    - {user_id: user0001, gross_revenue: 50.00, discount: 5.5, status: 'paid'}\n",
		"    - {user_id: user0001, gross_revenue: 80.00, discount: 10.00, status: refunded}  # not counted\n",
		"    - {user_id: user0002}\n",
	} {
		if !strings.Contains(string(out), line) {
			t.Errorf("saved text lacks %q:\n%s", line, out)
		}
	}
}
