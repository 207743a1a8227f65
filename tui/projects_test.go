package tui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/jig-sql/jig/engine/enginetest"
	"github.com/jig-sql/jig/workspace"
)

// projectDriver is the workbench on a copy of testdata/projects/NAME at
// w×h, with the first query open and run (web_model: eleven Redshift
// scripts; crm: tables in three schemas).
func projectDriver(tb testing.TB, name string, w, h int) *driver {
	tb.Helper()
	dir := filepath.Join(tb.TempDir(), name)
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("..", "testdata", "projects", name))); err != nil {
		tb.Fatal(err)
	}
	ws, err := workspace.Load(dir)
	if err != nil {
		tb.Fatal(err)
	}
	m := New(context.Background(), ws, Options{Server: enginetest.Server(tb), Autosave: "-"})
	tb.Cleanup(m.Cleanup)
	d := newDriver(m)
	d.send(tea.WindowSizeMsg{Width: w, Height: h})
	d.run(m.Init())
	d.until(tb, func() bool { return m.ready })
	d.until(tb, d.settled) // a script that reads no tables has no reads
	return d
}

// A script that runs without error shows from its first line, and the
// Result pane does not send the user to a Query pane with no error in it.
func TestScriptShowsFromFirstLine(t *testing.T) {
	d := projectDriver(t, "web_model", 80, 24)
	scr := ansi.Strip(d.m.render())
	if !strings.Contains(scr, "│ 1 -- 01: one row") {
		t.Errorf("the Query pane does not start at line 1:\n%s", scr)
	}
	if strings.Contains(scr, "see the q") {
		t.Errorf("the Result pane points at an error the Query pane does not show:\n%s", scr)
	}
}

// A script's input tabs are the schema's tables it names, qualified ones
// as written (atomic.events), even when the script cannot run alone (it
// reads a scratch table an earlier step makes).
func TestScriptInputTabs(t *testing.T) {
	d := projectDriver(t, "web_model", 80, 24)
	d.pressSettled(t, "shift+tab", "j", "j", "j", "enter")
	if d.m.sess.Query != "04_events_this_run" {
		t.Fatalf("opened %s; want 04_events_this_run", d.m.sess.Query)
	}
	if got := tabNames(d.m); len(got) == 0 || got[0] != "atomic.events 0" {
		t.Errorf("tabs = %q; want atomic.events first", got)
	}
}

// pressSettled sends keys, then waits for the session's query to be
// planned and run (press waits for reads, which a script has none of).
func (d *driver) pressSettled(tb testing.TB, keys ...string) {
	tb.Helper()
	for _, k := range keys {
		d.send(keyPress(k))
		d.poll(50 * time.Millisecond)
	}
	d.until(tb, func() bool { return !d.m.planning && d.settled() })
}

// An UPDATE's run says what it did rather than showing an empty grid.
func TestUpdateResultSaysWhatRan(t *testing.T) {
	d := projectDriver(t, "crm", 80, 24)
	d.pressSettled(t, "shift+tab", "j", "j", "enter", "tab", "a")
	if d.m.sess.Query != "end_sessions" {
		t.Fatalf("opened %s; want end_sessions", d.m.sess.Query)
	}
	if n := d.m.result.note; !strings.HasPrefix(n, "UPDATE ") || !strings.HasSuffix(n, ": the query returns no rows") {
		t.Errorf("result note = %q; want the UPDATE's tag", n)
	}
}

// A dbt unit test with overrides runs a query jig renders for it
// (orders__test_…): the sidebar lists neither that query nor a folder of
// that name; the fixture sits under its model, named as jig test names it.
func TestSidebarHidesRenderedVariants(t *testing.T) {
	d := projectDriver(t, "jaffle_shop", 80, 24)
	d.send(openFixtureMsg{"orders/test_orders_one_payment_method"})
	d.until(t, func() bool {
		return d.m.sess.Query == "orders__test_orders_one_payment_method" && !d.m.planning && d.settled()
	})
	group := ""
	found := false
	for _, it := range d.m.sidebar.items {
		if strings.Contains(it.name, "__") {
			t.Errorf("sidebar item %q names jig's rendered query", it.name)
		}
		if it.kind == itemGroup {
			group = it.name
		}
		if it.name == "orders/test_orders_one_payment_method" {
			found = group == "orders" && it.label == "test_orders_one_payment_method"
		}
	}
	if !found {
		t.Errorf("orders/test_orders_one_payment_method is not listed under orders: %+v", d.m.sidebar.items)
	}
}

// A table picked in the sidebar that the query does not read gets a tab
// of its own, so its rows can be given (a parent, a table a check reads).
func TestSidebarTablePicksItsTab(t *testing.T) {
	d := projectDriver(t, "crm", 80, 24)
	d.send(selectTableMsg{"regions"})
	tab, ok := d.m.input.current()
	if !ok || tab.name != "regions" {
		t.Errorf("current tab %+v of %q; want regions", tab, tabNames(d.m))
	}
}
