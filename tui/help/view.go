package help

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// columnGap separates the columns of groups.
const columnGap = 4

// View renders the title, the groups flowed into as many columns as fit,
// and a footer saying how to scroll when they do not fit in height.
func (m Model) View() string {
	if m.width == 0 || m.height == 0 {
		return ""
	}
	lines := m.lines()
	body := lines[m.offset:min(m.offset+m.bodyHeight(), len(lines))]
	out := make([]string, 0, m.height)
	out = append(out, m.st.Title.Render("jig — keys"))
	out = append(out, body...)
	for len(out) < m.height-1 {
		out = append(out, "")
	}
	footer := "? or esc closes"
	if len(lines) > m.bodyHeight() {
		footer = "↑/↓ scroll · " + footer
	}
	out = append(out, m.st.Desc.Render(footer))
	for i, l := range out[:m.height] {
		l = ansi.Truncate(l, m.width, "…")
		out[i] = l + strings.Repeat(" ", m.width-ansi.StringWidth(l))
	}
	return strings.Join(out[:m.height], "\n")
}

// lines lays the groups out in balanced columns and returns the result one
// line per element.
func (m Model) lines() []string {
	blocks := make([]string, 0, len(m.groups))
	colWidth := 0
	for _, g := range m.groups {
		if b := m.block(g); b != "" {
			blocks = append(blocks, b)
			colWidth = max(colWidth, lipgloss.Width(b))
		}
	}
	if len(blocks) == 0 {
		return nil
	}
	ncols := max(min((m.width+columnGap)/(colWidth+columnGap), len(blocks)), 1)
	cols := balance(blocks, ncols)
	gap := strings.Repeat(" ", columnGap)
	parts := make([]string, 0, 2*len(cols))
	for i, c := range cols {
		if i > 0 {
			parts = append(parts, gap)
		}
		parts = append(parts, lipgloss.NewStyle().Width(colWidth).Render(strings.Join(c, "\n\n")))
	}
	return strings.Split(lipgloss.JoinHorizontal(lipgloss.Top, parts...), "\n")
}

// balance packs blocks, in order, into at most n columns, making the
// tallest column as short as it can be.
func balance(blocks []string, n int) [][]string {
	heights := make([]int, len(blocks))
	lo, hi := 0, 0
	for i, b := range blocks {
		heights[i] = lipgloss.Height(b) + 1 // a blank line between blocks
		lo, hi = max(lo, heights[i]), hi+heights[i]
	}
	for lo < hi { // smallest column height that needs at most n columns
		mid := (lo + hi) / 2
		if len(pack(heights, mid)) <= n {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	var cols [][]string
	for _, c := range pack(heights, lo) {
		cols = append(cols, blocks[c[0]:c[1]])
	}
	return cols
}

// pack splits heights greedily into runs [from, to) no taller than limit.
func pack(heights []int, limit int) [][2]int {
	var runs [][2]int
	from, h := 0, 0
	for i, bh := range heights {
		if h > 0 && h+bh > limit {
			runs = append(runs, [2]int{from, i})
			from, h = i, 0
		}
		h += bh
	}
	return append(runs, [2]int{from, len(heights)})
}

// block renders one group: its title, then key and description aligned.
func (m Model) block(g Group) string {
	var bs []key.Binding
	keyWidth := 0
	for _, b := range g.Bindings {
		if b.Enabled() && b.Help().Key != "" {
			bs = append(bs, b)
			keyWidth = max(keyWidth, ansi.StringWidth(b.Help().Key))
		}
	}
	if len(bs) == 0 {
		return ""
	}
	lines := []string{m.st.Group.Render(g.Title)}
	for _, b := range bs {
		k := b.Help().Key
		pad := strings.Repeat(" ", keyWidth-ansi.StringWidth(k))
		lines = append(lines, m.st.Key.Render(k)+pad+"  "+m.st.Desc.Render(b.Help().Desc))
	}
	return strings.Join(lines, "\n")
}
