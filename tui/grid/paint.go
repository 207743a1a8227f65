package grid

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/jig-sql/jig/tui/styles"
)

// paint is a style reduced to the escape sequences around its text.
// Rendering a frame writes pre, text, post into one builder instead of
// calling lipgloss per cell, which keeps a frame to a few allocations.
type paint struct{ pre, post string }

func newPaint(s lipgloss.Style) paint {
	const probe = "X" // SGR sequences never contain it
	r := s.Render(probe)
	i := strings.Index(r, probe)
	return paint{pre: r[:i], post: r[i+len(probe):]}
}

// write writes text in this paint.
func (p paint) write(b *strings.Builder, text string) {
	b.WriteString(p.pre)
	b.WriteString(text)
	b.WriteString(p.post)
}

// cellState is how the cursor relates to a cell.
type cellState uint8

const (
	plain cellState = iota
	selected
	cursor
	cursorBlur
	nStates
)

const (
	nMarks = int(BrokenRow) + 1
	nKinds = int(Invalid) + 1
	nDiffs = int(Changed) + 1
)

// paints holds every combination a cell or gutter can need, built once per
// theme; a frame only indexes into it.
type paints struct {
	cell                           [nStates][nMarks][nKinds][nDiffs]paint
	gutter                         [2][nMarks]paint // [selected][mark]
	header, headerKey, headerFocus paint
	headerType, line, empty        paint
}

func newPaints(g styles.GridStyles) *paints {
	p := &paints{
		header: newPaint(g.Header), headerKey: newPaint(g.HeaderKey),
		headerFocus: newPaint(g.HeaderFocus), headerType: newPaint(g.HeaderType),
		line: newPaint(g.Line), empty: newPaint(g.Empty),
	}
	for st := range nStates {
		for mk := range RowMark(nMarks) {
			for k := range Kind(nKinds) {
				for d := range Diff(nDiffs) {
					p.cell[st][mk][k][d] = newPaint(cellStyle(g, st, mk, k, d))
				}
			}
		}
	}
	for mk := range RowMark(nMarks) {
		base := markStyle(g, mk).Inherit(g.Gutter)
		p.gutter[0][mk] = newPaint(base)
		p.gutter[1][mk] = newPaint(base.Inherit(g.Selected))
	}
	return p
}

// cellStyle layers, strongest first: cursor, invalid, changed cell, row
// mark, kind; the selected row only fills what is left (its background).
func cellStyle(g styles.GridStyles, st cellState, mk RowMark, k Kind, d Diff) lipgloss.Style {
	s := kindStyle(g, k)
	s = markStyle(g, mk).Inherit(s)
	if d == Changed {
		s = g.ChangedCell.Inherit(s)
	}
	if k == Invalid {
		s = g.Invalid.Inherit(s)
	}
	switch st {
	case selected:
		s = s.Inherit(g.Selected)
	case cursor:
		s = g.Cursor.Inherit(s)
	case cursorBlur:
		s = g.CursorBlur.Inherit(s).Inherit(g.Selected)
	}
	return s
}

func kindStyle(g styles.GridStyles, k Kind) lipgloss.Style {
	switch k {
	case Default:
		return g.Default
	case Override:
		return g.Override
	case Null:
		return g.Null
	case Invalid:
		return g.Invalid
	}
	return g.Value
}

func markStyle(g styles.GridStyles, mk RowMark) lipgloss.Style {
	switch mk {
	case Missing:
		return g.Missing
	case Unexpected:
		return g.Unexpected
	case ChangedRow:
		return g.Changed
	case ParentRow:
		return g.Default
	case BrokenRow:
		return g.Missing
	}
	return lipgloss.NewStyle()
}
