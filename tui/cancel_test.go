package tui

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// quits reports whether cmd ends the program (tea.Quit, alone or in a
// batch or sequence), running it for at most a moment.
func quits(cmd tea.Cmd) bool {
	if cmd == nil {
		return false
	}
	ch := make(chan tea.Msg, 1)
	go func() { ch <- cmd() }()
	select {
	case msg := <-ch:
		if _, ok := msg.(tea.QuitMsg); ok {
			return true
		}
		// tea.BatchMsg, and tea.Sequence's unexported message, are []tea.Cmd.
		if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeOf(tea.Cmd(nil)) {
			for i := range v.Len() {
				if c, _ := v.Index(i).Interface().(tea.Cmd); quits(c) {
					return true
				}
			}
		}
		return false
	case <-time.After(300 * time.Millisecond):
		return false
	}
}

// TestCtrlCCancelsRunningQuery: the first ctrl+c while a query runs stops
// it and says so; the next one, with nothing running, quits.
func TestCtrlCCancelsRunningQuery(t *testing.T) {
	for _, wait := range []bool{true, false} {
		t.Run(fmt.Sprintf("query on the server %v", wait), func(t *testing.T) { ctrlCCancels(t, wait) })
	}
}

// ctrlCCancels opens a fixture whose query sleeps and presses ctrl+c, once
// the run is on the server or at once, while the session is still being
// planned behind the start-up's run of every fixture (this one included).
func ctrlCCancels(t *testing.T, wait bool) {
	d := readyDriver(t, map[string]string{
		"queries/slow.sql":        "SELECT pg_sleep(30) AS s\n",
		"fixtures/slow/wait.yaml": "query: slow\ngiven:\n  users:\n    - {user_id: user0001}\n",
	})
	d.send(openFixtureMsg{"slow/wait"})
	if wait {
		d.until(t, func() bool { return d.m.status.Busy() })
		time.Sleep(200 * time.Millisecond) // the query is on the server
	}
	_, cmd := d.m.Update(keyPress("ctrl+c"))
	if quits(cmd) {
		t.Fatal("ctrl+c during a run quit the workbench")
	}
	d.run(cmd)
	d.poll(300 * time.Millisecond)
	d.until(t, func() bool { return !d.m.status.Busy() })
	if s := ansi.Strip(d.m.render()); !strings.Contains(s, "cancelled") {
		t.Fatalf("the status does not say the run was cancelled:\n%s", s)
	}
	if _, cmd := d.m.Update(keyPress("ctrl+c")); !quits(cmd) {
		t.Fatal("ctrl+c with nothing running did not quit")
	}
}
