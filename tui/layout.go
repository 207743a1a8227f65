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
// line take the last two rows. A zoomed layout gives one pane the whole
// main area and the others nothing.
type layout struct {
	sidebar, checks, input, query, result rect
	main                                  rect // everything above the status bar
	status, help                          rect
}

// wants are the widths the panes' content asks for, border included; 0
// means no preference. The layout meets them as far as the terminal allows.
type wants struct {
	side   int // the sidebar and checks column
	query  int // the query's longest line with its gutter
	code   int // the same for its longest line that is not a comment
	result int // the result grid's columns
}

// Bounds that keep every pane usable; below them panes just clip.
const (
	minSidebar = 20
	maxSidebar = 34
	minResult  = 24 // a result narrower than this shows too little to read
)

func computeLayout(w, h int, wt wants) layout {
	mh := max(h-2, 0)
	sw := sidebarWidth(w, wt)
	rw := max(w-sw, 0)
	checksH := min(max(mh*2/5, 5), mh)
	inputH := mh / 2
	if mh >= 30 {
		inputH = mh * 9 / 20
	}
	queryW := splitBottom(rw, wt)
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

// sidebarWidth is the left column's width: what its lines ask, up to 22
// cells at 80 columns, 34 at 120 and a quarter of wider terminals; but it
// gives back what it took beyond the default (a quarter, 20 to 30) when
// the query and the result need it to show whole.
func sidebarWidth(w int, wt wants) int {
	base := min(max(w/4, minSidebar), maxSidebar, w)
	if wt.side <= 0 {
		return base
	}
	sw := min(max(wt.side, minSidebar), max(min(w*2/7, maxSidebar), w/4), w)
	if need := wt.query + wt.result; need > 0 && w-sw < need {
		sw = min(sw, max(min(base, 30), w-need))
	}
	return sw
}

// splitBottom is the query's share of the rw cells under the input grid.
// When both panes fit they get what they ask and share what is left. When
// they do not, the query's code comes first (it is what is being
// debugged), then the result, then the query's comments; the result keeps
// at least a third of the width (all of it when it is narrow) and scrolls
// sideways, as the query does.
func splitBottom(rw int, wt wants) int {
	if wt.query <= 0 || wt.result <= 0 {
		return min(max(rw/3, 20), rw)
	}
	if wt.query+wt.result <= rw {
		return wt.query + (rw-wt.query-wt.result)/2
	}
	keep := min(wt.result, max(rw/3, minResult))
	if wt.result <= rw*2/5 { // a narrow result is shown whole
		keep = wt.result
	}
	code := min(max(wt.code, 20), wt.query)
	r := max(rw-wt.query, min(wt.result, rw-code), keep)
	return max(rw-r, min(20, rw))
}

// zoomed is the layout with pane s over the whole main area.
func (l layout) zoomed(s Scope) layout {
	z := l
	z.sidebar, z.checks, z.input, z.query, z.result = rect{}, rect{}, rect{}, rect{}, rect{}
	switch s {
	case ScopeSidebar:
		z.sidebar = l.main
	case ScopeInput:
		z.input = l.main
	case ScopeQuery:
		z.query = l.main
	case ScopeResult:
		z.result = l.main
	case ScopeChecks:
		z.checks = l.main
	}
	return z
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
