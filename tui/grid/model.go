package grid

import (
	"github.com/jig-sql/jig/tui/styles"
	"github.com/jig-sql/jig/tui/textedit"
)

// Lines above the first row: column names, types and badges, a rule.
const headerLines = 3

// headerLines is the header's height: names, types and the rule, or
// without the types line when no column has a type or badge (a check's
// failing rows), so no empty line is drawn where types belong.
func (m Model) headerLines() int {
	if m.noTypes {
		return headerLines - 1
	}
	return headerLines
}

// Model is a grid over a Source with a cell cursor. Its zero value is not
// usable; call New.
type Model struct {
	KeyMap KeyMap

	id      string
	src     Source
	cols    []Column
	n       int      // src.Len() as of the last Refresh
	right   []bool   // right-align numbers
	types   []string // second header line per column
	noTypes bool     // no column has a types line: the header skips it
	widths  []int

	marks  styles.Marks
	paints *paints

	width, height  int
	frozen         int
	maxWidth       int
	sample         int
	row, col       int
	rowOff, colOff int // first body row shown; first scrolling column shown
	focused        bool
	editor         textedit.Model
}

// Option configures a Model in New.
type Option func(*Model)

// WithID names the grid in the messages it sends, so a parent hosting two
// grids can tell them apart.
func WithID(id string) Option { return func(m *Model) { m.id = id } }

// WithFrozen keeps the first n columns (the key columns) in view while the
// others scroll sideways.
func WithFrozen(n int) Option { return func(m *Model) { m.frozen = max(n, 0) } }

// WithMaxColumnWidth caps a column's width in cells; longer values end in
// an ellipsis. The default is 30.
func WithMaxColumnWidth(w int) Option { return func(m *Model) { m.maxWidth = max(w, 3) } }

// WithSample sets how many leading rows, besides the visible ones, are
// measured for column widths. The default is 64.
func WithSample(n int) Option { return func(m *Model) { m.sample = max(n, 0) } }

// WithKeyMap replaces DefaultKeyMap.
func WithKeyMap(k KeyMap) Option { return func(m *Model) { m.KeyMap = k } }

// New returns a blurred grid over src (nil means empty) drawn with st.
func New(src Source, st styles.Styles, opts ...Option) Model {
	m := Model{
		KeyMap:   DefaultKeyMap(),
		maxWidth: 30,
		sample:   64,
		editor:   textedit.New(st.Edit),
	}
	for _, o := range opts {
		o(&m)
	}
	m.SetStyles(st)
	m.SetSource(src)
	return m
}

// SetStyles swaps the theme, e.g. after the terminal reports its background.
func (m *Model) SetStyles(st styles.Styles) {
	m.marks = st.Marks
	m.paints = newPaints(st.Grid)
	keys := m.editor.KeyMap
	m.editor = textedit.New(st.Edit)
	m.editor.KeyMap = keys
}

// SetSource shows another source, keeping the cursor where it can.
func (m *Model) SetSource(src Source) {
	m.src = src
	m.Refresh()
}

// Refresh re-reads the source's columns and length after its data changed.
func (m *Model) Refresh() {
	m.cols, m.n = nil, 0
	if m.src != nil {
		m.cols, m.n = m.src.Columns(), m.src.Len()
	}
	m.right, m.types = m.right[:0], m.types[:0]
	m.noTypes = len(m.cols) > 0
	for _, c := range m.cols {
		m.right = append(m.right, isNumeric(c.Type))
		m.types = append(m.types, typeLine(c))
		m.noTypes = m.noTypes && typeLine(c) == ""
	}
	m.measure()
	m.follow()
}

// SetSize sets the grid's outer size in cells, header included.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(w, 0), max(h, 0)
	m.follow()
}

// SetFrozen changes how many leading columns stay in view.
func (m *Model) SetFrozen(n int) {
	m.frozen = max(n, 0)
	m.follow()
}

// Width is the grid's width in cells.
func (m Model) Width() int { return m.width }

// Height is the grid's height in cells.
func (m Model) Height() int { return m.height }

// Source is the data shown.
func (m Model) Source() Source { return m.src }

// Len is the number of rows, as of the last Refresh.
func (m Model) Len() int { return m.n }

// Focus makes the grid take keys and draw a strong cursor.
func (m *Model) Focus() { m.focused = true }

// Blur stops the grid taking keys; an edit in progress is abandoned.
func (m *Model) Blur() {
	m.focused = false
	m.editor.Stop()
}

// Focused reports whether the grid takes keys.
func (m Model) Focused() bool { return m.focused }

// Current is the cursor's cell, e.g. to open its full value. On a grid with
// no rows it is (0, col): check Len first.
func (m Model) Current() (row, col int) { return m.row, m.col }

// SetCursor moves the cursor, clamped to the data, and scrolls to it.
func (m *Model) SetCursor(row, col int) {
	m.row, m.col = row, col
	m.follow()
}

// bodyHeight is how many rows fit under the header.
func (m Model) bodyHeight() int { return max(m.height-m.headerLines(), 0) }
