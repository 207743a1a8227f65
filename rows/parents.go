package rows

import (
	"strconv"
	"strings"
)

// Origin says why the factory added a parent row: which child row's
// foreign key needs it. Row is the child's 0-based position among its
// table's rows, or -1 when the parent serves every row that leaves the key
// to the factory.
type Origin struct {
	Table   string   // the child table
	Row     int      // the child row, or -1
	Columns []string // the child's foreign key columns
}

// String words an origin for a screen: "for orders row 1 (customer_id)".
func (o Origin) String() string {
	cols := strings.Join(o.Columns, ", ")
	if o.Row < 0 {
		return "for " + o.Table + " (" + cols + ")"
	}
	return "for " + o.Table + " row " + strconv.Itoa(o.Row+1) + " (" + cols + ")"
}

// pinGiven looks for a given row that would, left to its defaults, hold
// tuple in the referenced columns, and pins those cells to it. A child's
// override of a key then points at the row the user sees with that key:
// the factory adds no hidden parent for it, and the given row keeps the
// key instead of being pushed to another value. It reports whether a row
// was pinned (or already was).
func (tp *tplan) pinGiven(names []string, tuple []Value) bool {
	pos, ok := tp.ct.positions(names)
	if !ok {
		return false
	}
	for _, j := range pos {
		if tp.ct.leave[j] || tp.ct.fkCol[j] {
			return false // the value is the database's or another table's
		}
	}
	for i, ov := range tp.given {
		if pinnable(ov, names) && tp.defaultsMatch(i, pos, tuple) {
			if tp.pinned[i] == nil {
				tp.pinned[i] = Override{}
			}
			for c, name := range names {
				tp.pinned[i][name] = tuple[c]
			}
			return true
		}
	}
	return false
}

// pinnable reports whether a given row leaves every named column to the
// factory.
func pinnable(ov Override, names []string) bool {
	for _, name := range names {
		if v, ok := ov[name]; ok && !v.Default {
			return false
		}
	}
	return true
}

// defaultsMatch reports whether row i's first-draw defaults of the columns
// at pos are tuple.
func (tp *tplan) defaultsMatch(i int, pos []int, tuple []Value) bool {
	for c, j := range pos {
		if tp.ct.gens[j].value(i, 0).Text != tuple[c].Text || tuple[c].Null || tuple[c].Default {
			return false
		}
	}
	return true
}

// withPins is row i's override with the cells pinned for children added.
func (tp *tplan) withPins(i int, ov Override) Override {
	pin := tp.pinned[i]
	if len(pin) == 0 {
		return ov
	}
	out := make(Override, len(ov)+len(pin))
	for k, v := range ov {
		out[k] = v
	}
	for k, v := range pin {
		out[k] = v
	}
	return out
}

// unpin shows pinned cells as the defaults they are: the user did not set
// them, the factory kept them for a child.
func (tp *tplan) unpin(i int, row *Row) {
	for name := range tp.pinned[i] {
		if _, own := tp.given[i][name]; !own {
			row.Overridden[tp.ct.idx[name]] = false
		}
	}
}
