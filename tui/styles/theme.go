package styles

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"
)

// palette is the handful of colours the theme is made of, resolved for one
// background. Keeping them here is what lets views stay colour-free.
type palette struct {
	fg, dim, faint, accent, subtle color.Color
	red, green, yellow, blue       color.Color
	redBg, greenBg, yellowBg       color.Color
}

func newPalette(isDark bool) palette {
	ld := lipgloss.LightDark(isDark)
	c := lipgloss.Color
	return palette{
		fg:       ld(c("#1F1F1F"), c("#E4E4E4")),
		dim:      ld(c("#7A7A7A"), c("#8A8A8A")),
		faint:    ld(c("#B8B8B8"), c("#4E4E4E")),
		accent:   ld(c("#5A3FD0"), c("#9D8CFF")),
		subtle:   ld(c("#ECEAF8"), c("#2A2740")),
		red:      ld(c("#C0262D"), c("#FF6B6B")),
		green:    ld(c("#1B7F3B"), c("#5FD787")),
		yellow:   ld(c("#9A6700"), c("#F2C94C")),
		blue:     ld(c("#1F5FBF"), c("#6CB6FF")),
		redBg:    ld(c("#FBE3E4"), c("#3D1F22")),
		greenBg:  ld(c("#E1F5E7"), c("#1C3324")),
		yellowBg: ld(c("#FFF4D6"), c("#3A3218")),
	}
}

// NewStyles builds the theme for a dark (isDark) or light background.
func NewStyles(isDark bool) Styles {
	p := newPalette(isDark)
	return Styles{
		IsDark: isDark,
		Marks:  DefaultMarks(),
		Pane:   paneStyles(p),
		Grid:   gridStyles(p),
		Status: statusStyles(p),
		Help:   helpStyles(p, isDark),
		Edit: EditStyles{
			Text:   lipgloss.NewStyle().Foreground(p.fg).Bold(true),
			Cursor: lipgloss.NewStyle().Reverse(true),
		},
		SQL: sqlStyles(p),
	}
}

func sqlStyles(p palette) SQLStyles {
	s := lipgloss.NewStyle
	return SQLStyles{
		Text:     s().Foreground(p.fg),
		Keyword:  s().Bold(true).Foreground(p.accent),
		Function: s().Foreground(p.blue),
		String:   s().Foreground(p.green),
		Number:   s().Foreground(p.yellow),
		Comment:  s().Italic(true).Foreground(p.dim),
		Operator: s().Foreground(p.dim),
	}
}

// DefaultMarks are the Unicode marks; each is one cell wide.
func DefaultMarks() Marks {
	return Marks{
		Null: "∅", Invalid: "!", Missing: "-", Unexpected: "+",
		Changed: "~", Ellipsis: "…", Newline: "↵",
		Parent: "^",
	}
}

func paneStyles(p palette) PaneStyles {
	border := lipgloss.NewStyle().Border(lipgloss.RoundedBorder())
	return PaneStyles{
		Focused:      border.BorderForeground(p.accent),
		Blurred:      border.BorderForeground(p.faint),
		Title:        lipgloss.NewStyle().Bold(true).Foreground(p.accent),
		TitleBlurred: lipgloss.NewStyle().Foreground(p.dim),
	}
}

func gridStyles(p palette) GridStyles {
	s := lipgloss.NewStyle
	return GridStyles{
		Header:      s().Bold(true).Foreground(p.fg),
		HeaderKey:   s().Bold(true).Underline(true).Foreground(p.accent),
		HeaderType:  s().Faint(true).Foreground(p.dim),
		HeaderFocus: s().Bold(true).Reverse(true),
		Line:        s().Foreground(p.faint),
		Gutter:      s().Foreground(p.dim),
		Value:       s().Foreground(p.fg),
		Default:     s().Faint(true).Foreground(p.dim),
		Override:    s().Bold(true).Foreground(p.fg),
		Null:        s().Faint(true).Italic(true).Foreground(p.dim),
		Invalid:     s().Bold(true).Underline(true).Foreground(p.red),
		Missing:     s().Foreground(p.red).Background(p.redBg),
		Unexpected:  s().Foreground(p.green).Background(p.greenBg),
		Changed:     s().Background(p.yellowBg),
		ChangedCell: s().Bold(true).Underline(true).Foreground(p.yellow),
		Selected:    s().Background(p.subtle),
		Cursor:      s().Reverse(true).Bold(true),
		CursorBlur:  s().Underline(true),
		Empty:       s().Faint(true).Italic(true).Foreground(p.dim),
	}
}

func statusStyles(p palette) StatusStyles {
	s := lipgloss.NewStyle
	return StatusStyles{
		Bar:           s().Foreground(p.fg),
		OK:            s().Foreground(p.green),
		Busy:          s().Foreground(p.blue),
		Error:         s().Bold(true).Foreground(p.red),
		Muted:         s().Foreground(p.dim),
		ProgressFull:  p.accent,
		ProgressEmpty: p.faint,
	}
}

func helpStyles(p palette, isDark bool) HelpStyles {
	s := lipgloss.NewStyle
	return HelpStyles{
		Model: help.DefaultStyles(isDark),
		Title: s().Bold(true).Foreground(p.accent),
		Group: s().Bold(true).Underline(true).Foreground(p.fg),
		Key:   s().Bold(true).Foreground(p.accent),
		Desc:  s().Foreground(p.dim),
	}
}
