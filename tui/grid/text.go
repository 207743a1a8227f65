package grid

import (
	"strings"
	"unicode"

	"github.com/charmbracelet/x/ansi"
)

// display splits what a cell shows into a marker and its text, so no
// string is built for the common case.
func (m Model) display(c Cell) (mark, text string) {
	switch c.Kind {
	case Null:
		return "", m.marks.Null
	case Invalid:
		return m.marks.Invalid, c.Text
	}
	return "", c.Text
}

// plainASCII reports whether s is printable ASCII, where bytes are cells.
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if b := s[i]; b < 0x20 || b >= 0x7f {
			return false
		}
	}
	return true
}

// textWidth is the cells a marker and text take once made printable.
func (m Model) textWidth(mark, text string) int {
	if plainASCII(text) && plainASCII(mark) {
		return len(mark) + len(text)
	}
	return ansi.StringWidth(m.printable(mark + text))
}

// printable replaces line breaks with the newline mark and other control
// characters with spaces, so one value stays on one line of one cell.
func (m Model) printable(s string) string {
	if strings.IndexFunc(s, unicode.IsControl) < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteString(m.marks.Newline)
		case r == '\r':
		case unicode.IsControl(r):
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// fit writes marker and text into exactly w cells: truncated with the
// ellipsis mark when too long, padded when short (on the left when
// right-aligned).
func (m Model) fit(b *strings.Builder, mark, text string, w int, right bool) {
	if w <= 0 {
		return
	}
	var s string
	n := 0
	if plainASCII(text) && plainASCII(mark) && len(mark)+len(text) <= w {
		n = len(mark) + len(text)
	} else {
		s = m.printable(mark + text)
		if ansi.StringWidth(s) > w {
			s = ansi.Truncate(s, w, m.marks.Ellipsis)
		}
		n = ansi.StringWidth(s)
	}
	if right {
		spaces(b, w-n)
	}
	if s != "" || n == 0 {
		b.WriteString(s)
	} else {
		b.WriteString(mark)
		b.WriteString(text)
	}
	if !right {
		spaces(b, w-n)
	}
}

const blanks = "                                                                "

// spaces writes n spaces without allocating.
func spaces(b *strings.Builder, n int) {
	for n > 0 {
		k := min(n, len(blanks))
		b.WriteString(blanks[:k])
		n -= k
	}
}
