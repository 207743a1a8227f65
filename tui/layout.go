package tui

// rect is a pane's place on screen, in cells.
type rect struct{ x, y, w, h int }

// contains reports whether the point is inside r.
func (r rect) contains(x, y int) bool {
	return x >= r.x && x < r.x+r.w && y >= r.y && y < r.y+r.h
}

// layout is where every pane goes for one terminal size. The sidebar and
// checks share the left column; the input grid is on top at the right,
// the query and result below it, side by side. The status bar and help
// line take the last two rows.
type layout struct {
	sidebar, checks, input, query, result rect
	main                                  rect // everything above the status bar
	status, help                          rect
}

// Minimum sizes that keep every pane usable; below them panes just clip.
const (
	minSidebar = 20
	maxSidebar = 34
)

func computeLayout(w, h int) layout {
	mh := max(h-2, 0)
	sw := min(max(w/4, minSidebar), maxSidebar, w)
	rw := max(w-sw, 0)
	checksH := min(max(mh*2/5, 5), mh)
	inputH := mh / 2
	if mh >= 30 {
		inputH = mh * 9 / 20
	}
	queryW := min(max(rw/3, 20), rw)
	var l layout
	l.main = rect{0, 0, w, mh}
	l.sidebar = rect{0, 0, sw, mh - checksH}
	l.checks = rect{0, mh - checksH, sw, checksH}
	l.input = rect{sw, 0, rw, inputH}
	l.query = rect{sw, inputH, queryW, mh - inputH}
	l.result = rect{sw + queryW, inputH, rw - queryW, mh - inputH}
	l.status = rect{0, mh, w, min(1, max(h-mh, 0))}
	l.help = rect{0, mh + 1, w, min(1, max(h-mh-1, 0))}
	return l
}

// rectOf is the place of a pane by its scope.
func (l layout) rectOf(s Scope) rect {
	switch s {
	case ScopeSidebar:
		return l.sidebar
	case ScopeInput:
		return l.input
	case ScopeQuery:
		return l.query
	case ScopeResult:
		return l.result
	case ScopeChecks:
		return l.checks
	}
	return rect{}
}

// paneAt is the pane under a point, if any.
func (l layout) paneAt(x, y int) (Scope, bool) {
	for _, s := range []Scope{ScopeSidebar, ScopeInput, ScopeQuery, ScopeResult, ScopeChecks} {
		if l.rectOf(s).contains(x, y) {
			return s, true
		}
	}
	return 0, false
}
