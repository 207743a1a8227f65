package tui

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
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
	for _, mark := range []string{"↓ customers", "↓ orders", "↑ stg_payments", "  stg_orders", "─ ↓ customers, orders ─╮"} {
		if scr := ansi.Strip(d.m.render()); !strings.Contains(scr, mark) {
			t.Errorf("the screen lacks %q:\n%s", mark, scr)
		}
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

// TestChainScreen keeps the chain on screen: the mart's fixture mocking
// the staging queries (◆), the real one (◇) between them, the sidebar's
// ↑ on the queries the mart reads.
func TestChainScreen(t *testing.T) {
	goldenScreens(t, func(t *testing.T, w, h int) string {
		hs := startHarness(t, shopWorkspace(t), Options{Server: enginetest.Server(t)}, w, h)
		hs.waitText("● Postgres")
		hs.tm.Send(openFixtureMsg{"customers/mocked_staging"})
		hs.waitSettled("◆stg_customers 2", "Result  2 rows")
		hs.keys("]", "]") // the real int_order_payments, its note
		return hs.waitSettled("query int_order_payments runs as written")
	})
}

// TestChainKeysInEveryMode presses m and O at 80×24 on an unmocked query
// (an empty grid), on a mock's last row, on an empty table, and in every
// mode where they must be letters or do nothing.
func TestChainKeysInEveryMode(t *testing.T) {
	d := shopDriver(t, 80, 24)
	m := d.m
	d.press(t, "m") // stg_customers: an empty grid, mocked by a first row
	if got := m.sess.RowCount("stg_customers"); got != 1 {
		t.Fatalf("m on an unmocked query: %d rows", got)
	}
	d.press(t, "a", "G", "m") // the last row of a mock: un-mocked
	if got := m.sess.RowCount("stg_customers"); got != 0 || !m.sess.Dirty {
		t.Fatalf("m on a mock's last row: %d rows", got)
	}
	d.press(t, "x", "enter", "n", "r", "d") // keys that need a row, on the real query
	if got := m.sess.RowCount("stg_customers"); got != 0 {
		t.Errorf("row keys on an unmocked query changed it: %d rows", got)
	}
	d.press(t, "]", "]", "]") // raw_customers: an empty table read by stg_customers
	if tab, _ := m.input.current(); tab.name != "raw_customers" || tab.via != "stg_customers" {
		t.Fatalf("on tab %+v", tab)
	}
	d.press(t, "m")
	if m.sess.RowCount("raw_customers") != 0 {
		t.Error("m on a table added a row")
	}

	// Modes where m and O are letters or nothing.
	d.press(t, "a", "enter", "m", "O", "esc") // the cell editor
	if m.mode != modeNormal || m.sess.Query != "customers" {
		t.Errorf("m O while editing a cell: mode %v, query %s", m.mode, m.sess.Query)
	}
	d.press(t, "?", "m", "O")
	if m.mode != modeHelp {
		t.Errorf("m O on the help screen left it: mode %v", m.mode)
	}
	d.press(t, "esc", "o", "m", "O") // the full-value overlay
	if m.mode != modeOverlay {
		t.Errorf("m O in the overlay: mode %v", m.mode)
	}
	d.press(t, "esc", "s", "m", "O")
	if m.mode != modePrompt || m.prompt.Value() != "mO" {
		t.Errorf("m O in the name prompt: mode %v, %q", m.mode, m.prompt.Value())
	}
	d.press(t, "esc", "O") // on raw_customers, dirty: asks before opening stg_customers
	if m.mode != modeConfirm {
		t.Fatalf("O with unsaved changes did not ask: mode %v", m.mode)
	}
	d.press(t, "m", "O", "n")
	if m.mode != modeNormal || m.sess.Query != "customers" {
		t.Errorf("m O n at the question: mode %v, query %s", m.mode, m.sess.Query)
	}
	d.press(t, "tab", "m", "O", "tab", "m", "O", "tab", "m", "O", "tab", "m", "O") // query, result, checks, sidebar: unbound
	if m.focus != ScopeSidebar || m.sess.Query != "customers" || m.mode != modeNormal {
		t.Errorf("m O in the other panes: focus %v, query %s, mode %v", m.focus, m.sess.Query, m.mode)
	}
	d.press(t, "tab", "tab", "e", "m", "O") // the query's inline editor: text
	if m.mode != modeQueryEdit || !strings.Contains(m.query.editor.ta.Value(), "mO") {
		t.Errorf("m O in the query editor: mode %v", m.mode)
	}
}

// BenchmarkMockEditToScreen is one committed edit of a mocked query's
// cell (stg_orders, read by the shop's mart through two paths) until the
// mart's result and checks are on screen; compare BenchmarkEditToScreen.
func BenchmarkMockEditToScreen(b *testing.B) {
	d := shopDriver(b, 120, 36)
	d.press(b, "]", "m")
	col := slices.IndexFunc(d.m.input.src.cols, func(c grid.Column) bool { return c.Name == "customer_id" })
	var times []time.Duration
	i := 0
	for b.Loop() {
		start := time.Now()
		i++
		gen := d.m.gen
		d.send(grid.EditedMsg{ID: "input", Row: 0, Col: col, Text: strconv.Itoa(i%30 + 1)})
		d.until(b, func() bool { return d.m.gen > gen && d.settled() })
		if d.m.live.Err != nil || len(d.m.live.Fixture.Given) != 1 {
			b.Fatalf("the run: %v, given %+v", d.m.live.Err, d.m.live.Fixture.Given)
		}
		times = append(times, time.Since(start))
	}
	b.ReportMetric(median(times), "ms/edit-median")
}

// TestChainTabsOrder: breadth first from the query, a mocked query's own
// inputs left out, a table read twice listed once, then the session's
// other tables with rows (or current); without reads, the session's.
func TestChainTabsOrder(t *testing.T) {
	q := func(n string) engine.Input { return engine.Input{Name: n, Query: true} }
	tb := func(n string) engine.Input { return engine.Input{Name: n} }
	reads := map[string][]engine.Input{
		"mart": {q("a"), tb("t0"), q("b")},
		"a":    {tb("t1"), q("c")},
		"b":    {tb("t1"), tb("t2")},
		"c":    {tb("t3")},
	}
	isQuery := func(n string) bool { return len(n) == 1 }
	text := func(tabs []inputTab) string {
		var out []string
		for _, t := range tabs {
			s := t.name
			if t.via != "" {
				s += "<" + t.via
			}
			out = append(out, s)
		}
		return strings.Join(out, " ")
	}
	s := NewSession("mart")
	if got := text(chainTabs(reads, s, "", isQuery)); got != "a t0 b t1<a c<a t2<b t3<c" {
		t.Errorf("unmocked: %s", got)
	}
	s.AddRow("a")
	s.AddRow("extra")
	s.Table("picked")
	if got := text(chainTabs(reads, s, "picked", isQuery)); got != "a t0 b t1<b t2<b extra picked" {
		t.Errorf("a mocked, extra and picked tables: %s", got)
	}
	if got := text(chainTabs(nil, s, "", isQuery)); got != "a extra picked" {
		t.Errorf("before the plan: %s", got)
	}
}
