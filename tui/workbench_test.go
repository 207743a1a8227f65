package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"
	"github.com/jig-sql/jig/engine/enginetest"
)

var sizes = [][2]int{{80, 24}, {120, 36}}

// goldenScreens runs one scenario per size and compares the final screen
// (ANSI stripped, timings and port hidden) with testdata; -update
// rewrites the files.
func goldenScreens(t *testing.T, scenario func(t *testing.T, w, h int) string) {
	for _, size := range sizes {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			screen := normalize(scenario(t, size[0], size[1]))
			checkSize(t, screen, size[0], size[1])
			golden.RequireEqual(t, screen)
		})
	}
}

// waitSettled waits for texts with no query running and every saved
// fixture's mark in, so the screen is the same on every run.
func (h *harness) waitSettled(texts ...string) string {
	h.tb.Helper()
	return h.waitFor(strings.Join(texts, ", ")+" (settled)", func(s string) bool {
		if !h.scr.isSettled() {
			return false
		}
		for _, t := range texts {
			if !strings.Contains(s, t) {
				return false
			}
		}
		return true
	})
}

func checkSize(t *testing.T, screen string, w, h int) {
	t.Helper()
	lines := strings.Split(screen, "\n")
	if len(lines) != h {
		t.Errorf("%d lines, want %d", len(lines), h)
	}
	for i, l := range lines {
		if n := len([]rune(l)); n > w {
			t.Errorf("line %d is %d wide, want %d: %q", i, n, w, l)
		}
	}
}

func TestStartupScreen(t *testing.T) {
	goldenScreens(t, func(t *testing.T, w, h int) string {
		h2 := startHarness(t, demoWorkspace(t, nil), Options{Start: neverStarts}, w, h)
		return h2.waitText("starting Postgres 17", "waiting for Postgres")
	})
}

// demoHarness opens the demo on the package's server with a fixture open.
func demoHarness(t *testing.T, w, h int, edits map[string]string, fixture string) *harness {
	hs := startHarness(t, demoWorkspace(t, edits), Options{Server: enginetest.Server(t)}, w, h)
	hs.waitText("● Postgres")
	if fixture != "" {
		hs.tm.Send(openFixtureMsg{fixture})
	}
	return hs
}

func TestDemoScreen(t *testing.T) {
	goldenScreens(t, func(t *testing.T, w, h int) string {
		hs := demoHarness(t, w, h, nil, "browser_users/null_user_is_excluded")
		return hs.waitSettled("✓ matches", "brws0002", "9 pas")
	})
}

func TestInvalidCellScreen(t *testing.T) {
	goldenScreens(t, func(t *testing.T, w, h int) string {
		hs := demoHarness(t, w, h, nil, "browser_users/null_user_is_excluded")
		hs.waitText("✓ matches")
		// event_id, event_ts, user_id, browser_id, browser, duration_ms
		hs.keys("$", "enter", "ctrl+u", "1", "2", "q", "enter")
		return hs.waitSettled("!12q", "✗ not run: fix events row 1", "last run", "evnt_") // evnt_: the defaults built
	})
}

func TestSQLErrorScreen(t *testing.T) {
	bad := "-- A typo in a column name.\nSELECT e.browser_id,\n       e.user_idd\nFROM events AS e;\n"
	goldenScreens(t, func(t *testing.T, w, h int) string {
		hs := demoHarness(t, w, h, map[string]string{"queries/browser_users.sql": bad}, "")
		return hs.waitSettled("^", "user_idd")
	})
}

func TestDiffScreen(t *testing.T) {
	goldenScreens(t, func(t *testing.T, w, h int) string {
		hs := demoHarness(t, w, h, nil, "net_revenue/discount_reduces_net")
		hs.waitText("1 ~ ")
		hs.keys("tab", "tab", "l", "l") // input → query → result, to net_revenue
		return hs.waitSettled("~", "165.00")
	})
}

// The demo's bug is readable whole: at 120×36 as laid out, at 80×24 with
// the query pane zoomed.
func TestQueryScreen(t *testing.T) {
	const bug = "SUM(o.gross_revenue + o.discount) AS net_revenue"
	goldenScreens(t, func(t *testing.T, w, h int) string {
		hs := demoHarness(t, w, h, nil, "net_revenue/discount_reduces_net")
		hs.waitText("1 ~ ")
		hs.keys("tab") // input → query
		if w < 120 {
			hs.keys("z")
		}
		return hs.waitSettled(bug)
	})
}

func TestWorkbenchHelpScreen(t *testing.T) {
	goldenScreens(t, func(t *testing.T, w, h int) string {
		hs := startHarness(t, demoWorkspace(t, nil), Options{Start: neverStarts}, w, h)
		hs.waitText("waiting for Postgres")
		hs.keys("?")
		return hs.waitText("jig — keys")
	})
}

func TestQuitAsksWithUnsavedChanges(t *testing.T) {
	hs := demoHarness(t, 100, 30, nil, "")
	hs.waitText("0 rows")
	hs.keys("a")
	hs.waitText("events 1")
	hs.keys("q")
	hs.waitText("Quit without saving")
	hs.keys("n")
	hs.waitFor("the question to go", func(s string) bool { return !strings.Contains(s, "Quit without saving") })
}

// "Quit without saving? y" is a deliberate discard: the autosave goes, so
// the next start does not offer to restore it.
func TestQuitWithoutSavingDeletesAutosave(t *testing.T) {
	path := filepath.Join(t.TempDir(), "autosave.yaml")
	hs := startHarness(t, demoWorkspace(t, nil), Options{Server: enginetest.Server(t), Autosave: path}, 100, 30)
	hs.waitText("● Postgres", "0 rows")
	hs.keys("a")
	hs.waitText("events 1")
	deadline := time.Now().Add(10 * time.Second)
	for _, err := os.Stat(path); err != nil && time.Now().Before(deadline); _, err = os.Stat(path) {
		time.Sleep(10 * time.Millisecond)
	}
	hs.keys("q")
	hs.waitText("Quit without saving")
	hs.keys("y")
	hs.tm.WaitFinished(t, teatest.WithFinalTimeout(10*time.Second))
	if _, err := os.Stat(path); err == nil {
		t.Fatal("the autosave is still there after quitting without saving")
	}
}
