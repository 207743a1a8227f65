package tui

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/engine/enginetest"
	"github.com/jig-sql/jig/tui/grid"
	"github.com/jig-sql/jig/workspace"
)

// shopWorkspace copies testdata/projects/shop (seeds → staging → marts,
// a fixture mocking the staging queries) into a temp dir and loads it.
func shopWorkspace(tb testing.TB) *workspace.Workspace {
	tb.Helper()
	dir := filepath.Join(tb.TempDir(), "shop")
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("..", "testdata", "projects", "shop"))); err != nil {
		tb.Fatal(err)
	}
	ws, err := workspace.Load(dir)
	if err != nil {
		tb.Fatal(err)
	}
	return ws
}

// shopDriver is the workbench on the shop project at w×h, ready, with
// the mart customers (the first query) open and run.
func shopDriver(tb testing.TB, w, h int) *driver {
	m := New(context.Background(), shopWorkspace(tb), Options{Server: enginetest.Server(tb), Autosave: "-"})
	tb.Cleanup(m.Cleanup)
	d := newDriver(m)
	d.send(tea.WindowSizeMsg{Width: w, Height: h})
	d.run(m.Init())
	d.until(tb, func() bool { return m.ready })
	d.until(tb, func() bool { return m.input.reads != nil && d.settled() })
	return d
}

// press sends keys and waits for the newest run to be on screen.
func (d *driver) press(tb testing.TB, keys ...string) {
	tb.Helper()
	for _, k := range keys {
		d.send(keyPress(k))
		d.poll(50 * time.Millisecond) // the commands it started, the run among them
		d.until(tb, func() bool { return d.m.input.reads != nil && d.settled() })
	}
}

// tabNames lists the input tabs as their labels, trimmed.
func tabNames(m *Model) []string {
	var out []string
	for _, t := range m.input.tabs {
		out = append(out, strings.TrimSpace(t.label(m.sess)))
	}
	return out
}

// resultColumn is the result's column name, as text, row by row.
func resultColumn(t *testing.T, m *Model, name string) []string {
	t.Helper()
	i := slices.IndexFunc(m.live.Result.Columns, func(c engine.Column) bool { return c.Name == name })
	if i < 0 {
		t.Fatalf("no result column %s", name)
	}
	var out []string
	for _, r := range m.live.Result.Rows {
		out = append(out, r[i].Text)
	}
	return out
}

// editCell commits text into the current tab's cell (row, column name).
func (d *driver) editCell(tb testing.TB, row int, column, text string) {
	tb.Helper()
	col := slices.IndexFunc(d.m.input.src.cols, func(c grid.Column) bool { return c.Name == column })
	if col < 0 {
		tb.Fatalf("no input column %s in %s", column, d.m.input.table())
	}
	d.send(grid.EditedMsg{ID: "input", Row: row, Col: col, Text: text})
	d.poll(50 * time.Millisecond)
	d.until(tb, d.settled)
}

// TestChainTabs: the mart's tabs are what it reads itself (three staging
// queries, ◇, not mocked) and, under each, what that query reads.
func TestChainTabs(t *testing.T) {
	d := shopDriver(t, 120, 36)
	want := "◇stg_customers ◇stg_orders ◇int_order_payments raw_customers 0 raw_orders 0 ◇stg_payments raw_payments 0"
	if got := strings.Join(tabNames(d.m), " "); got != want {
		t.Errorf("tabs %q\nwant %q", got, want)
	}
	if via := d.m.input.tabs[5].via; via != "int_order_payments" {
		t.Errorf("stg_payments read by %q", via)
	}
	if n := len(d.m.live.Result.Rows); n == 0 {
		t.Error("the real chain over the seeds returned no customers")
	}
	d.send(openFixtureMsg{"customers/mocked_staging"})
	d.until(t, func() bool { return d.m.sess.Name == "mocked_staging" && d.m.input.reads != nil && d.settled() })
	want = "◆stg_customers 2 ◆stg_orders 2 ◇int_order_payments ◆stg_payments 3"
	if got := strings.Join(tabNames(d.m), " "); got != want {
		t.Errorf("fixture tabs %q\nwant %q", got, want)
	}
	if d.m.live.Status != engine.StatusPass {
		t.Errorf("the mocked fixture %v: %v", d.m.live.Status, d.m.live.Err)
	}
}

// TestMockUpstreamQuery: from the mart, m mocks stg_orders (its rows
// typed by the query's output, factory defaults filling the rest), the
// result follows the mock, m again runs the real query; saved, the
// fixture gives stg_orders and passes as jig test runs it.
func TestMockUpstreamQuery(t *testing.T) {
	d := shopDriver(t, 80, 24)
	real := resultColumn(t, d.m, "number_of_orders")
	d.press(t, "]", "m") // stg_customers → stg_orders; mock it
	if got := strings.Join(tabNames(d.m), " "); !strings.HasPrefix(got, "◇stg_customers ◆stg_orders 1 ◇int_order_payments raw_customers 0 ◇stg_payments") ||
		strings.Contains(got, "raw_orders") {
		t.Errorf("tabs once stg_orders is mocked: %q", got)
	}
	if cols := d.m.input.src.cols; len(cols) != 4 || cols[0].Name != "order_id" || cols[0].Type != "int4" {
		t.Errorf("the mock's columns: %+v", cols)
	}
	if c := d.m.input.src.Cell(0, 2); c.Kind != grid.Default || c.Text == "" {
		t.Errorf("order_date of the mock row: %+v, want a factory default", c)
	}
	d.editCell(t, 0, "customer_id", "1")
	d.editCell(t, 0, "order_id", "10")
	got := resultColumn(t, d.m, "number_of_orders")
	if len(got) != len(real) || got[0] != "1" || strings.Count(strings.Join(got, ","), "0") != len(got)-1 {
		t.Errorf("number_of_orders over the mock %v (real %v)", got, real)
	}
	if g := d.m.live.Fixture.Given; len(g) != 1 || g[0].Table != "stg_orders" || len(g[0].Rows) != 1 {
		t.Errorf("the run gave %+v", g)
	}

	d.press(t, "m") // un-mock: the real query again
	if got := resultColumn(t, d.m, "number_of_orders"); !slices.Equal(got, real) {
		t.Errorf("un-mocked: %v, want the real %v", got, real)
	}
	if !slices.Contains(tabNames(d.m), "raw_orders 0") {
		t.Errorf("un-mocked tabs %v lack raw_orders", tabNames(d.m))
	}
	d.press(t, "u") // the mock row back
	if got := resultColumn(t, d.m, "number_of_orders"); got[0] != "1" {
		t.Fatalf("undo did not bring the mock back: %v", got)
	}

	d.send(acceptMsg{})
	d.poll(50 * time.Millisecond)
	d.until(t, func() bool { return d.m.sess.Expect.Rows != nil && d.settled() })
	d.send(keyPress("s"))
	for _, k := range strings.Split("one_mocked_order", "") {
		d.send(keyPress(k))
	}
	d.send(keyPress("enter"))
	d.until(t, func() bool { return d.m.sess.Name == "one_mocked_order" && !d.m.sess.Dirty })
	path := filepath.Join(d.m.ws.Dir, "fixtures", "customers", "one_mocked_order.yaml")
	saved, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(saved), "stg_orders:\n    - {order_id: 10, customer_id: 1}") {
		t.Errorf("saved fixture:\n%s", saved)
	}
	ws, err := workspace.Load(d.m.ws.Dir)
	if err != nil {
		t.Fatal(err)
	}
	r := enginetest.Runner(t, ws, engine.RunnerOptions{Parallel: 1})
	res := r.RunFixture(context.Background(), ws.Fixture("customers/one_mocked_order"))
	if res.Status != engine.StatusPass {
		t.Errorf("jig test on the saved fixture: %v %v\n%s", res.Status, res.Err, saved)
	}
}

// TestOpenUpstreamQuery: O on a query's tab opens that query; on a table
// read through a query, the query.
func TestOpenUpstreamQuery(t *testing.T) {
	d := shopDriver(t, 120, 36)
	d.press(t, "]", "]", "O")
	if d.m.sess.Query != "int_order_payments" || !strings.Contains(d.m.render(), "▸ int_order_payments") {
		t.Fatalf("O opened %s", d.m.sess.Query)
	}
	if got := strings.Join(tabNames(d.m), " "); got != "◇stg_payments raw_payments 0" {
		t.Errorf("int_order_payments tabs %q", got)
	}
	d.press(t, "]", "O") // raw_payments, read by stg_payments
	if d.m.sess.Query != "stg_payments" {
		t.Errorf("O on raw_payments opened %s", d.m.sess.Query)
	}
	d.press(t, "O", "m") // a table read by the query itself: neither applies
	if d.m.sess.Query != "stg_payments" || d.m.sess.Dirty {
		t.Errorf("O/m on a table changed the session: %s dirty %v", d.m.sess.Query, d.m.sess.Dirty)
	}
}
