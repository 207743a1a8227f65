package styles

import (
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestMarksAreOneCellAndDistinct(t *testing.T) {
	m := DefaultMarks()
	seen := map[string]bool{}
	for _, s := range []string{m.Null, m.Invalid, m.Missing, m.Unexpected, m.Changed, m.Ellipsis, m.Newline} {
		if ansi.StringWidth(s) != 1 {
			t.Errorf("mark %q is %d cells", s, ansi.StringWidth(s))
		}
		if seen[s] {
			t.Errorf("mark %q used twice", s)
		}
		seen[s] = true
	}
}

// Without colour, the cell kinds must still differ by text attributes.
func TestCellKindsDifferWithoutColour(t *testing.T) {
	for _, dark := range []bool{true, false} {
		g := NewStyles(dark).Grid
		attrs := func(bold, faint, italic, underline bool) [4]bool { return [4]bool{bold, faint, italic, underline} }
		seen := map[[4]bool]string{}
		for name, s := range map[string]struct{ b, f, i, u bool }{
			"default":  {g.Default.GetBold(), g.Default.GetFaint(), g.Default.GetItalic(), g.Default.GetUnderline()},
			"override": {g.Override.GetBold(), g.Override.GetFaint(), g.Override.GetItalic(), g.Override.GetUnderline()},
			"null":     {g.Null.GetBold(), g.Null.GetFaint(), g.Null.GetItalic(), g.Null.GetUnderline()},
			"invalid":  {g.Invalid.GetBold(), g.Invalid.GetFaint(), g.Invalid.GetItalic(), g.Invalid.GetUnderline()},
		} {
			a := attrs(s.b, s.f, s.i, s.u)
			if other, ok := seen[a]; ok {
				t.Errorf("dark=%v: %s and %s look alike without colour", dark, name, other)
			}
			seen[a] = name
		}
	}
}
