package textedit

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// View renders the text with the cursor, padded to the width when one is
// set, scrolled so the cursor is always in view.
func (m Model) View() string {
	from, to := m.window()
	var b strings.Builder
	b.WriteString(m.st.Text.Render(string(m.value[from:m.pos])))
	under := " "
	if m.pos < len(m.value) {
		under = string(m.value[m.pos])
	}
	if m.focused {
		b.WriteString(m.st.Cursor.Render(under))
	} else {
		b.WriteString(m.st.Text.Render(under))
	}
	if m.pos < to {
		b.WriteString(m.st.Text.Render(string(m.value[m.pos+1 : to])))
	}
	out := b.String()
	if pad := m.width - ansi.StringWidth(out); m.width > 0 && pad > 0 {
		out += strings.Repeat(" ", pad)
	}
	return out
}

// window picks the runes [from, to) to show: as many as fit, the cursor
// cell (a space past the end) included.
func (m Model) window() (from, to int) {
	if m.width <= 0 {
		return 0, len(m.value)
	}
	used := 1 // the cursor cell
	if m.pos < len(m.value) {
		used = runeWidth(m.value[m.pos])
	}
	from = m.pos
	for from > 0 && used+runeWidth(m.value[from-1]) <= m.width {
		from--
		used += runeWidth(m.value[from])
	}
	to = min(m.pos+1, len(m.value))
	for to < len(m.value) && used+runeWidth(m.value[to]) <= m.width {
		used += runeWidth(m.value[to])
		to++
	}
	return from, to
}

func runeWidth(r rune) int {
	if r < 0x80 {
		return 1
	}
	return ansi.StringWidth(string(r))
}
