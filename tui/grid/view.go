package grid

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// View renders exactly Height lines of Width cells. It reads the source for
// the visible window only.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	if m.width < m.gutterWidth()+2 || m.height < m.headerLines() {
		return m.clipped()
	}
	var b strings.Builder
	b.Grow(m.width * m.height * 3)
	var buf [32]span
	spans := m.layout(buf[:0])
	m.headerView(&b, spans)
	lines := m.headerLines()
	if len(m.cols) > 0 && m.n == 0 {
		b.WriteByte('\n')
		m.paints.empty.write(&b, ansi.Truncate(" no rows", m.width, ""))
		spaces(&b, m.width-min(8, m.width))
		lines++
	}
	for r := m.rowOff; r < m.n && lines < m.height; r++ {
		b.WriteByte('\n')
		m.rowView(&b, spans, r)
		lines++
	}
	for ; lines < m.height; lines++ {
		b.WriteByte('\n')
		spaces(&b, m.width)
	}
	return b.String()
}

// clipped renders a grid too small for its own frame by drawing a
// minimal one and cutting it down; it is never on a hot path.
func (m Model) clipped() string {
	big := m
	big.width, big.height = max(m.width, m.gutterWidth()+2), max(m.height, m.headerLines())
	lines := strings.Split(big.View(), "\n")[:m.height]
	for i, l := range lines {
		l = ansi.Truncate(l, m.width, "")
		lines[i] = l + strings.Repeat(" ", m.width-ansi.StringWidth(l))
	}
	return strings.Join(lines, "\n")
}

// headerView writes the names line, the types line and the rule.
func (m Model) headerView(b *strings.Builder, spans []span) {
	gw := m.gutterWidth()
	m.scrollHints(b, spans, gw)
	x := m.cellsLine(b, spans, func(s span) {
		p := m.paints.header
		switch {
		case s.col == m.col:
			p = m.paints.headerFocus
		case s.col < m.frozenCount():
			p = m.paints.headerKey
		}
		m.writeCell(b, p, s, "", m.cols[s.col].Name)
	})
	spaces(b, m.width-x)
	b.WriteByte('\n')
	if !m.noTypes {
		spaces(b, gw)
		x = m.cellsLine(b, spans, func(s span) {
			m.writeCell(b, m.paints.headerType, s, "", m.types[s.col])
		})
		spaces(b, m.width-x)
		b.WriteByte('\n')
	}
	m.ruleView(b, spans, gw)
}

// scrollHints fills the names line's gutter: ◂ when columns are hidden on
// the left, ▸ when some are hidden on the right.
func (m Model) scrollHints(b *strings.Builder, spans []span, gw int) {
	left := m.colOff > m.frozenCount()
	right := len(spans) > 0 && (spans[len(spans)-1].cut || spans[len(spans)-1].col < len(m.cols)-1)
	hint := func(on bool, s string) {
		if on {
			m.paints.line.write(b, s)
		} else {
			b.WriteByte(' ')
		}
	}
	hint(left, "◂")
	spaces(b, gw-2)
	hint(right, "▸")
}

// cellsLine writes a separator then each column followed by its own,
// returning the width written including what precedes it on the line.
func (m Model) cellsLine(b *strings.Builder, spans []span, cell func(span)) int {
	x := m.gutterWidth()
	m.paints.line.write(b, "│")
	x++
	for _, s := range spans {
		cell(s)
		x = s.x + s.w + 1
		if !s.cut {
			m.paints.line.write(b, m.sep(s.col))
			x = s.x + slot(s.w)
		}
	}
	return x
}

// ruleView writes the line under the header.
func (m Model) ruleView(b *strings.Builder, spans []span, gw int) {
	b.WriteString(m.paints.line.pre)
	x := gw + 1
	for range gw {
		b.WriteString("─")
	}
	b.WriteString("┼")
	for _, s := range spans {
		n := s.w + 2
		if s.cut {
			n = s.w + 1
		}
		for range n {
			b.WriteString("─")
		}
		x += n
		if !s.cut {
			b.WriteString(m.junction(s.col))
			x++
		}
	}
	b.WriteString(m.paints.line.post)
	spaces(b, m.width-x)
}

// sep and junction mark the end of the frozen columns with a double line.
func (m Model) sep(col int) string {
	if col == m.frozenCount()-1 {
		return "║"
	}
	return "│"
}

func (m Model) junction(col int) string {
	if col == m.frozenCount()-1 {
		return "╫"
	}
	return "┼"
}

// rowView writes one data row: gutter, then each visible cell.
func (m Model) rowView(b *strings.Builder, spans []span, r int) {
	mark := min(m.src.RowMark(r), RowMark(nMarks-1))
	sel := 0
	if r == m.row {
		sel = 1
	}
	m.gutterView(b, r, mark, sel)
	x := m.cellsLine(b, spans, func(s span) {
		c := m.src.Cell(r, s.col)
		p := m.paints.cell[m.state(r, s.col)][mark][min(c.Kind, Kind(nKinds-1))][min(c.Diff, Diff(nDiffs-1))]
		if m.editor.Focused() && r == m.row && s.col == m.col {
			b.WriteString(p.pre)
			b.WriteByte(' ')
			if s.cut {
				b.WriteString(ansi.Truncate(m.editor.View(), s.w, ""))
				m.endCell(b, p, s)
				return
			}
			// The editor is one cell wider than the column: it takes the
			// right padding for the cursor.
			b.WriteString(ansi.Truncate(m.editor.View(), s.w+1, ""))
			b.WriteString(p.post)
			return
		}
		mk, text := m.display(c)
		m.writeCell(b, p, s, mk, text)
	})
	spaces(b, m.width-x)
}

// gutterView writes the 1-based row number and the row's diff mark.
func (m Model) gutterView(b *strings.Builder, r int, mark RowMark, sel int) {
	p := m.paints.gutter[sel][mark]
	var num [20]byte
	digits := strconv.AppendInt(num[:0], int64(r+1), 10)
	b.WriteString(p.pre)
	spaces(b, m.gutterWidth()-3-len(digits))
	b.Write(digits)
	b.WriteByte(' ')
	b.WriteString(m.markText(mark))
	b.WriteByte(' ')
	b.WriteString(p.post)
}

func (m Model) markText(mark RowMark) string {
	switch mark {
	case Missing:
		return m.marks.Missing
	case Unexpected:
		return m.marks.Unexpected
	case ChangedRow:
		return m.marks.Changed
	case ParentRow:
		return m.marks.Parent
	case BrokenRow:
		return m.marks.Invalid
	}
	return " "
}

// state is how the cursor relates to a cell.
func (m Model) state(r, c int) cellState {
	switch {
	case r != m.row:
		return plain
	case c != m.col:
		return selected
	case m.focused:
		return cursor
	}
	return cursorBlur
}

// writeCell writes a painted, padded cell; a cut cell has no right padding.
func (m Model) writeCell(b *strings.Builder, p paint, s span, mark, text string) {
	b.WriteString(p.pre)
	b.WriteByte(' ')
	m.fit(b, mark, text, s.w, m.right[s.col])
	m.endCell(b, p, s)
}

func (m Model) endCell(b *strings.Builder, p paint, s span) {
	if !s.cut {
		b.WriteByte(' ')
	}
	b.WriteString(p.post)
}
