package tui

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/jig-sql/jig/tui/styles"
)

// framer draws pane borders. The escape sequences of the border styles are
// computed once per theme, so a frame costs string concatenation only.
type framer struct {
	focused, blurred         [2]string // pre, post of the border colour
	title, titleBlur         [2]string
	tl, tr, bl, br, hz, vert string
}

func newFramer(st styles.Styles) framer {
	b := lipgloss.RoundedBorder()
	return framer{
		focused:   split(lipgloss.NewStyle().Foreground(st.Pane.Focused.GetBorderTopForeground())),
		blurred:   split(lipgloss.NewStyle().Foreground(st.Pane.Blurred.GetBorderTopForeground())),
		title:     split(st.Pane.Title),
		titleBlur: split(st.Pane.TitleBlurred),
		tl:        b.TopLeft, tr: b.TopRight, bl: b.BottomLeft, br: b.BottomRight,
		hz: b.Top, vert: b.Left,
	}
}

// split reduces a style to the sequences before and after its text.
func split(s lipgloss.Style) [2]string {
	r := s.Render("X")
	i := strings.Index(r, "X")
	return [2]string{r[:i], r[i+1:]}
}

// frame draws body (lines of exactly w-2 cells) inside a w×h border with
// title on the top edge and info on the right of it. Missing lines are
// blank; extra lines are dropped.
func (f framer) frame(title, info string, body []string, w, h int, focused bool) []string {
	if w < 2 || h < 2 {
		return blankLines(w, h)
	}
	col, tc := f.blurred, f.titleBlur
	if focused {
		col, tc = f.focused, f.title
	}
	out := make([]string, 0, h)
	out = append(out, f.top(title, info, w, col, tc))
	inner := w - 2
	for i := 0; i < h-2; i++ {
		line := ""
		if i < len(body) {
			line = body[i]
		} else {
			line = strings.Repeat(" ", inner)
		}
		out = append(out, col[0]+f.vert+col[1]+line+col[0]+f.vert+col[1])
	}
	out = append(out, col[0]+f.bl+strings.Repeat(f.hz, inner)+f.br+col[1])
	return out
}

// top is the top border: ╭─ title ──── info ─╮.
func (f framer) top(title, info string, w int, col, tc [2]string) string {
	inner := w - 2
	title = ansi.Truncate(title, max(inner-3, 0), "…") // "─ title " fits inside
	tw := ansi.StringWidth(title)
	used := 0
	var b strings.Builder
	b.WriteString(col[0] + f.tl + col[1])
	if tw > 0 {
		b.WriteString(col[0] + f.hz + col[1] + " " + tc[0] + title + tc[1] + " ")
		used = tw + 3
	}
	info = ansi.Truncate(info, max(inner-used-3, 0), "…")
	iw := ansi.StringWidth(info)
	fill := inner - used
	if iw > 0 {
		fill -= iw + 3
	}
	b.WriteString(col[0] + strings.Repeat(f.hz, max(fill, 0)) + col[1])
	if iw > 0 {
		b.WriteString(" " + info + " " + col[0] + f.hz + col[1])
	}
	b.WriteString(col[0] + f.tr + col[1])
	return b.String()
}

// fitLine pads or truncates s to exactly w cells.
func fitLine(s string, w int) string {
	if w <= 0 {
		return ""
	}
	sw := ansi.StringWidth(s)
	if sw > w {
		s = ansi.Truncate(s, w, "…")
		sw = ansi.StringWidth(s)
	}
	return s + strings.Repeat(" ", w-sw)
}

// blankLines is h lines of w spaces.
func blankLines(w, h int) []string {
	out := make([]string, max(h, 0))
	for i := range out {
		out[i] = strings.Repeat(" ", max(w, 0))
	}
	return out
}

// splitLines splits a rendered block into lines.
func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// wrap breaks text into lines of at most w cells (words kept whole when
// they fit), for error messages in narrow panes.
func wrap(text string, w int) []string {
	if w <= 0 {
		return nil
	}
	var out []string
	for _, para := range strings.Split(text, "\n") {
		wrapped := ansi.Wrap(para, w, "")
		out = append(out, strings.Split(wrapped, "\n")...)
	}
	return out
}
