package grid

// minColumnWidth keeps a column wide enough to show "ab…".
const minColumnWidth = 3

// maxHeaderWidth bounds how far a column's name or its type and badges
// widen it past the value cap: headers are cut only beyond it.
const maxHeaderWidth = 40

// measure sets column widths from the headers, the first rows (up to the
// sample size) and the visible rows. Nothing else is read, whatever the
// source's length.
func (m *Model) measure() {
	m.widths = m.widths[:0]
	for i, c := range m.cols {
		w := max(m.textWidth("", c.Name), m.textWidth("", m.types[i]), minColumnWidth)
		m.widths = append(m.widths, min(w, max(m.maxWidth, maxHeaderWidth)))
	}
	m.widen(0, min(m.n, m.sample))
	m.grow()
}

// grow widens columns for the rows in view; widths never shrink while the
// user scrolls, so columns do not jump.
func (m *Model) grow() {
	m.widen(m.rowOff, min(m.n, m.rowOff+m.bodyHeight()))
}

// Grow widens columns for the rows in view, for a source that has filled
// in rows it showed as placeholders (a result page that arrived): widths
// follow the data wherever the user scrolls, not the first page only.
func (m *Model) Grow() {
	m.grow()
	m.scrollColumns()
}

func (m *Model) widen(from, to int) {
	if m.src == nil {
		return
	}
	for r := from; r < to; r++ {
		for c := range m.cols {
			if m.widths[c] >= m.maxWidth {
				continue
			}
			w := m.textWidth(m.display(m.src.Cell(r, c)))
			m.widths[c] = min(max(m.widths[c], w), m.maxWidth)
		}
	}
}

// typeLine is the second header line: the type and the badges.
func typeLine(c Column) string {
	b := c.Badges.String()
	switch {
	case b == "":
		return c.Type
	case c.Type == "":
		return b
	}
	return c.Type + " " + b
}
