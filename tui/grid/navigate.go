package grid

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// wheelStep is how many rows one mouse-wheel notch scrolls.
const wheelStep = 3

// navigate applies one navigation key; it reports false for keys it does
// not own so the host can handle them.
func (m *Model) navigate(msg tea.KeyPressMsg) bool {
	k, page := m.KeyMap, max(m.bodyHeight(), 1)
	switch {
	case key.Matches(msg, k.Up):
		m.row--
	case key.Matches(msg, k.Down):
		m.row++
	case key.Matches(msg, k.Left):
		m.col--
	case key.Matches(msg, k.Right):
		m.col++
	case key.Matches(msg, k.Home):
		m.col, m.colOff = 0, 0
	case key.Matches(msg, k.End):
		m.col = len(m.cols) - 1
	case key.Matches(msg, k.PageUp):
		m.row, m.rowOff = m.row-page, m.rowOff-page
	case key.Matches(msg, k.PageDown):
		m.row, m.rowOff = m.row+page, m.rowOff+page
	case key.Matches(msg, k.Top):
		m.row = 0
	case key.Matches(msg, k.Bottom):
		m.row = m.n - 1
	default:
		return false
	}
	m.follow()
	return true
}

// wheel scrolls the view, dragging the cursor along only when it would
// leave the screen.
func (m *Model) wheel(msg tea.MouseWheelMsg) {
	switch msg.Button {
	case tea.MouseWheelUp:
		m.rowOff -= wheelStep
	case tea.MouseWheelDown:
		m.rowOff += wheelStep
	case tea.MouseWheelLeft:
		m.col--
	case tea.MouseWheelRight:
		m.col++
	default:
		return
	}
	m.clampOffsets()
	m.row = min(max(m.row, m.rowOff), m.rowOff+max(m.bodyHeight(), 1)-1)
	m.follow()
}

// follow clamps the cursor to the data and scrolls so it is in view; it
// runs after every change of cursor, size or data.
func (m *Model) follow() {
	m.row = min(max(m.row, 0), max(m.n-1, 0))
	m.col = min(max(m.col, 0), max(len(m.cols)-1, 0))
	m.clampOffsets()
	if h := m.bodyHeight(); h > 0 {
		if m.row < m.rowOff {
			m.rowOff = m.row
		} else if m.row >= m.rowOff+h {
			m.rowOff = m.row - h + 1
		}
	}
	m.grow()
	m.scrollColumns()
}

// clampOffsets keeps the scroll offsets inside the data.
func (m *Model) clampOffsets() {
	m.rowOff = min(max(m.rowOff, 0), max(m.n-m.bodyHeight(), 0))
	nf := m.frozenCount()
	m.colOff = min(max(m.colOff, nf), max(len(m.cols)-1, nf))
}

// scrollColumns brings the cursor's column fully into view.
func (m *Model) scrollColumns() {
	if len(m.cols) == 0 || m.col < m.frozenCount() {
		return
	}
	if m.col < m.colOff {
		m.colOff = m.col
	}
	for m.colOff < m.col && !m.fits(m.colOff, m.col) {
		m.colOff++
	}
}
