package grid

import "strings"

// span is one column as drawn: its content starts at x+1 and is w cells
// wide; cut means the column did not fit and is shown in part.
type span struct {
	col, x, w int
	cut       bool
}

// slot is the cells a column of content width w takes: a space either side
// and the separator after it.
func slot(w int) int { return w + 3 }

// gutterWidth is the row-number gutter: digits, a space, the diff mark, a
// space; the separator comes after it.
func (m Model) gutterWidth() int {
	d := 1
	for n := m.n; n >= 10; n /= 10 {
		d++
	}
	return d + 3
}

// frozenCount is how many leading columns are frozen for this source.
func (m Model) frozenCount() int { return min(m.frozen, len(m.cols)) }

// layout lists the columns on screen, left to right, appending to dst.
func (m Model) layout(dst []span) []span {
	x := m.gutterWidth() + 1
	place := func(c int) bool {
		left := m.width - x
		w := m.widths[c]
		if slot(w) <= left {
			dst = append(dst, span{col: c, x: x, w: w})
			x += slot(w)
			return true
		}
		if left-1 >= 1 { // shown in part, if only as "…", rather than a blank stub
			dst = append(dst, span{col: c, x: x, w: left - 1, cut: true})
		}
		x = m.width
		return false
	}
	for c := range m.frozenCount() {
		if !place(c) {
			return dst
		}
	}
	for c := m.colOff; c < len(m.cols); c++ {
		if !place(c) {
			break
		}
	}
	return dst
}

// fits reports whether columns from colOff to c show in full.
func (m Model) fits(from, c int) bool {
	x := m.gutterWidth() + 1
	for i := range m.frozenCount() {
		x += slot(m.widths[i])
	}
	for i := from; i <= c; i++ {
		x += slot(m.widths[i])
	}
	return x <= m.width
}

// CellAt maps a point relative to the grid's top-left corner to a cell.
// ok is false on the header, the gutter, or past the data.
func (m Model) CellAt(x, y int) (row, col int, ok bool) {
	row = m.rowOff + y - m.headerLines()
	if y < m.headerLines() || y >= m.height || row >= m.n {
		return 0, 0, false
	}
	var buf [32]span
	for _, s := range m.layout(buf[:0]) {
		if x >= s.x && x < s.x+s.w+2 {
			return row, s.col, true
		}
	}
	return 0, 0, false
}

// Click moves the cursor to the cell under a point relative to the grid,
// reporting whether there was one.
func (m *Model) Click(x, y int) bool {
	row, col, ok := m.CellAt(x, y)
	if ok {
		m.SetCursor(row, col)
	}
	return ok
}

// isNumeric says whether a column's values read better right-aligned.
func isNumeric(typ string) bool {
	t := strings.ToLower(typ)
	for _, p := range []string{"int", "smallint", "bigint", "numeric", "decimal", "real", "double", "float", "money", "serial"} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return false
}

// NaturalWidth is the width that shows every column whole at the widths
// measured so far: what a host asks its layout for.
func (m Model) NaturalWidth() int {
	if len(m.cols) == 0 {
		return 0
	}
	x := m.gutterWidth() + 1
	for _, w := range m.widths {
		x += slot(w)
	}
	return x
}
