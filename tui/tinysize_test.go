package tui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// tinySizes are terminal and pane sizes at and below the workbench's
// minimum, where every slice of rows and cells is shortest.
var tinySizes = [][2]int{{0, 0}, {1, 1}, {1, 0}, {0, 1}, {2, 2}, {3, 3}, {10, 3}, {30, 8}, {80, 6},
	{120, 8}, {120, 1}, {1, 40}, {minWidth - 1, minHeight}, {minWidth, minHeight - 1}, {minWidth, minHeight}, {20, 10}}

// TestViewAtTinySizes renders the workbench, and every pane alone, at tiny
// sizes, with a fixture open, a SQL error and zoomed: no panic, and every
// frame is exactly the terminal's size.
func TestViewAtTinySizes(t *testing.T) {
	t.Run("fixture", func(t *testing.T) {
		d := readyDriver(t, nil)
		d.send(openFixtureMsg{"browser_users/null_user_is_excluded"})
		d.until(t, d.settled)
		tinyViews(t, d)
	})
	t.Run("sql error", func(t *testing.T) {
		bad := "-- A typo in a column name.\nSELECT e.browser_id,\n       e.user_idd\nFROM events AS e;\n"
		d := readyDriver(t, map[string]string{"queries/browser_users.sql": bad})
		d.send(selectQueryMsg{"browser_users"})
		d.until(t, func() bool { return d.m.query.sqlError() != nil })
		tinyViews(t, d)
	})
}

func tinyViews(t *testing.T, d *driver) {
	m := d.m
	for _, zoom := range []bool{false, true} {
		for _, sz := range tinySizes {
			w, h := sz[0], sz[1]
			t.Run(fmt.Sprintf("zoom=%v/%dx%d", zoom, w, h), func(t *testing.T) {
				if m.zoom != zoom {
					m.toggleZoom()
				}
				d.send(tea.WindowSizeMsg{Width: w, Height: h})
				frame := m.render()
				if w == 0 || h == 0 {
					return // render falls back to the default size until one is known
				}
				checkFrameSize(t, frame, w, h)
				if (w < minWidth || h < minHeight) && !strings.Contains(ansi.Strip(frame), "too small") && w >= 12 {
					t.Errorf("%dx%d is below the minimum %dx%d, the frame does not say so:\n%s", w, h, minWidth, minHeight, ansi.Strip(frame))
				}
				for _, s := range []Scope{ScopeSidebar, ScopeInput, ScopeQuery, ScopeResult, ScopeChecks} {
					p := m.pane(s)
					p.SetSize(w, h)
					if got := p.View(); (w >= 2 && h >= 2) && len(got) != h {
						t.Errorf("pane %v at %dx%d draws %d lines", s, w, h, len(got))
					}
				}
				m.lay = layout{} // the panes were resized by hand: lay them out again
				m.relayout()
			})
		}
	}
}

func checkFrameSize(t *testing.T, frame string, w, h int) {
	t.Helper()
	lines := strings.Split(frame, "\n")
	if len(lines) != h {
		t.Fatalf("the frame has %d lines at %dx%d:\n%s", len(lines), w, h, ansi.Strip(frame))
	}
	for n, l := range lines {
		if got := ansi.StringWidth(l); got != w {
			t.Fatalf("frame line %d is %d wide at %dx%d: %q", n, got, w, h, ansi.Strip(l))
		}
	}
}
