package tui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/jig-sql/jig/engine/enginetest"
	"github.com/jig-sql/jig/tui/grid"
)

// shopEdits add customers ← orders with integer keys to the demo, and a
// query that selects back every row of both.
var shopEdits = map[string]string{
	"schema/zz_shop.sql": "CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL);\n" +
		"CREATE TABLE shop_orders (id int PRIMARY KEY, customer_id int NOT NULL REFERENCES customers (id), qty int NOT NULL CHECK (qty > 0));\n",
	"queries/shop_rows.sql": "SELECT 'customers' AS t, c.id, c.name AS v FROM customers c\n" +
		"UNION ALL SELECT 'shop_orders', o.id, o.customer_id::text FROM shop_orders o\nORDER BY 1, 2\n",
}

// readyTestDriver is a workbench on the package's server, ready, with
// query open.
func readyTestDriver(t testing.TB, edits map[string]string, query string) *driver {
	m := New(context.Background(), demoWorkspace(t, edits), Options{Server: enginetest.Server(t), Autosave: "-"})
	t.Cleanup(m.Cleanup)
	d := newDriver(m)
	d.send(tea.WindowSizeMsg{Width: 120, Height: 36})
	d.run(m.Init())
	d.until(t, func() bool { return m.ready })
	d.send(selectQueryMsg{query})
	d.until(t, func() bool { return m.sess != nil && len(m.sess.Tables) > 0 && d.settled() })
	return d
}

// shown reads a table's tab as the grid shows it: "id=v" per row, with
// v the name or customer_id, and the marks of its rows.
func shown(m *Model, table, vcol string) (rows []string, marks []grid.RowMark) {
	m.input.SelectTable(table)
	src := m.input.src
	col := func(name string) int {
		return slices.IndexFunc(src.cols, func(c grid.Column) bool { return c.Name == name })
	}
	for r := range src.Len() {
		rows = append(rows, src.Cell(r, col("id")).Text+"="+src.Cell(r, col(vcol)).Text)
		marks = append(marks, src.RowMark(r))
	}
	return rows, marks
}

// inserted reads the same from the result, which selected the rows back.
func inserted(m *Model, table string) []string {
	var out []string
	for _, r := range m.live.Result.Rows {
		if r[0].Text == table {
			out = append(out, r[1].Text+"="+r[2].Text)
		}
	}
	slices.Sort(out)
	return out
}

// The grid shows every row that runs, with the values that run: generated
// parents included, and an override of a key pointing at the shown row.
func TestInputGridShowsWhatIsInserted(t *testing.T) {
	d := readyTestDriver(t, shopEdits, "shop_rows")
	for _, tt := range []struct {
		customers int
		wantMarks []grid.RowMark
	}{
		// Growing only: shrinking a table under the cursor is the delete
		// crash the screen half fixes.
		{1, []grid.RowMark{grid.NoMark, grid.ParentRow}},
		{2, []grid.RowMark{grid.NoMark, grid.NoMark}},
	} {
		t.Run(fmt.Sprintf("%d customers", tt.customers), func(t *testing.T) {
			s := d.m.sess
			s.Table("customers").Rows = make([]InputRow, tt.customers)
			for i := range s.Table("customers").Rows {
				s.Table("customers").Rows[i] = InputRow{}
			}
			s.Table("shop_orders").Rows = []InputRow{{"customer_id": {Value: int64(2), Text: "2"}}}
			gen := d.m.gen
			d.send(sessionChangedMsg{})
			d.until(t, func() bool { return d.m.gen > gen && d.settled() })
			if d.m.live.Err != nil {
				t.Fatal(d.m.live.Err)
			}
			for _, tc := range [][2]string{{"customers", "name"}, {"shop_orders", "customer_id"}} {
				got, marks := shown(d.m, tc[0], tc[1])
				want := inserted(d.m, tc[0])
				if !slices.Equal(slices.Sorted(slices.Values(got)), want) {
					t.Errorf("%s: grid shows %v; inserted %v", tc[0], got, want)
				}
				if tc[0] == "customers" && !slices.Equal(marks, tt.wantMarks) {
					t.Errorf("customers marks = %v; want %v", marks, tt.wantMarks)
				}
			}
			if got, _ := shown(d.m, "customers", "name"); !strings.HasPrefix(got[1], "2=") {
				t.Errorf("customers row 2 = %s; want id 2, the order's customer", got[1])
			}
		})
	}
}

// Editing a generated parent makes it a row of the fixture, holding the
// key its child needs, and the value typed.
func TestEditingAParentAdoptsIt(t *testing.T) {
	d := readyTestDriver(t, shopEdits, "shop_rows")
	s := d.m.sess
	s.Table("customers").Rows = []InputRow{{}}
	s.Table("shop_orders").Rows = []InputRow{{"customer_id": {Value: int64(2), Text: "2"}}}
	gen := d.m.gen
	d.send(sessionChangedMsg{})
	d.until(t, func() bool { return d.m.gen > gen && d.settled() })
	d.m.input.SelectTable("customers")
	src := d.m.input.src
	if src.Len() != 2 || src.RowMark(1) != grid.ParentRow || !strings.Contains(src.Cell(1, 0).Reason, "for shop_orders row 1 (customer_id)") {
		t.Fatalf("customers: %d rows, row 2 mark %v reason %q; want a parent made for shop_orders row 1",
			src.Len(), src.RowMark(1), src.Cell(1, 0).Reason)
	}
	d.m.input.grid.SetCursor(1, 0)
	if scr := ansi.Strip(d.m.render()); !strings.Contains(scr, "row 2: made for shop_orders row 1 (customer_id)") {
		t.Errorf("the input pane does not say what the parent is for:\n%s", scr)
	}
	nameCol := slices.IndexFunc(src.cols, func(c grid.Column) bool { return c.Name == "name" })
	gen = d.m.gen
	d.send(grid.EditedMsg{ID: "input", Row: 1, Col: nameCol, Text: "Ada"})
	d.until(t, func() bool { return d.m.gen > gen && d.settled() })
	rows := s.Table("customers").Rows
	if len(rows) != 2 || rows[1]["id"].Text != "2" || rows[1]["name"].Text != "Ada" {
		t.Fatalf("customers rows = %+v; want the parent adopted with id 2 and name Ada", rows)
	}
	got, marks := shown(d.m, "customers", "name")
	if !slices.Equal(got, []string{"1=" + strings.SplitN(got[0], "=", 2)[1], "2=Ada"}) || marks[1] != grid.NoMark {
		t.Errorf("customers shown = %v %v; want row 2 = 2=Ada, no longer a parent", got, marks)
	}
	if want := inserted(d.m, "customers"); !slices.Equal(slices.Sorted(slices.Values(got)), want) {
		t.Errorf("shown %v; inserted %v", got, want)
	}
}
