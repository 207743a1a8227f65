package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// The demo's net_revenue query: its longest line (a comment) is 75 cells,
// its longest code line 55; the result asks for 48, the checks 38.
var demoWants = wants{side: 38, query: 2 + 75 + 2, code: 2 + 55 + 2, result: 48}

func TestQueryPaneSizedFromItsLines(t *testing.T) {
	tests := []struct {
		w        int
		minQuery int // inner width the query gets at least
	}{
		{160, 2 + 75}, // every line whole
		{120, 2 + 52}, // the SUM(o.gross_revenue + o.discount) AS net_revenue line whole
		{200, 2 + 75}, // and room left for the result
		{80, 20 - 2},  // cramped: scroll or zoom
	}
	for _, tt := range tests {
		l := computeLayout(tt.w, 36, demoWants)
		if got := l.query.w - 2; got < tt.minQuery {
			t.Errorf("at %d columns the query is %d wide inside, want ≥ %d", tt.w, got, tt.minQuery)
		}
		if l.query.w+l.result.w+l.sidebar.w != tt.w || l.result.w < min(demoWants.result, minResult) {
			t.Errorf("at %d columns: sidebar %d, query %d, result %d", tt.w, l.sidebar.w, l.query.w, l.result.w)
		}
	}
}

func TestZoomGivesOnePaneTheWindow(t *testing.T) {
	l := computeLayout(80, 24, demoWants).zoomed(ScopeQuery)
	if l.query != l.main || l.result.w != 0 || l.sidebar.w != 0 || l.input.w != 0 || l.checks.w != 0 {
		t.Errorf("zoomed layout %+v", l)
	}
	if s, ok := l.paneAt(40, 10); !ok || s != ScopeQuery {
		t.Errorf("a click in the zoomed window lands on %v, %v", s, ok)
	}
}

// Save, help and quit are on the help line of every scope at every width
// from 80 columns; the scope's most important key comes first.
func TestHelpLineKeepsSaveHelpQuit(t *testing.T) {
	k := DefaultKeyMaps()
	for _, w := range []int{80, 100, 120, 200} {
		for s := ScopeSidebar; s < ScopeEditing; s++ {
			bs := k.fitHelp(s, w)
			var keys []string
			width := -3
			for _, b := range bs {
				keys = append(keys, b.Help().Key)
				width += 3 + ansi.StringWidth(b.Help().Key) + 1 + ansi.StringWidth(b.Help().Desc)
			}
			line := strings.Join(keys, " ")
			if !strings.HasSuffix(line, "s ? q") || width > w {
				t.Errorf("scope %d at %d columns: %q, %d wide", s, w, line, width)
			}
			if own, _ := k.helpParts(s); len(bs) < 4 || bs[0].Help().Key != own[0].Help().Key {
				t.Errorf("scope %d at %d columns lost its first key: %q", s, w, line)
			}
		}
	}
}

func TestFitMiddleTellsPrefixesApart(t *testing.T) {
	a, b := fitMiddle("discount_reduces_net_revenue", 16), fitMiddle("discount_reduces_net_twice", 16)
	if a == b || ansi.StringWidth(a) != 16 || !strings.HasSuffix(a, "revenue") {
		t.Errorf("fitMiddle: %q and %q", a, b)
	}
	if got := fitMiddle("short", 8); got != "short   " {
		t.Errorf("fitMiddle(short) = %q", got)
	}
}
