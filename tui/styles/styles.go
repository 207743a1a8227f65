package styles

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"
)

// Styles is the whole theme. Build it once with NewStyles and rebuild it only
// when the terminal reports a different background (tea.BackgroundColorMsg).
type Styles struct {
	IsDark bool
	Marks  Marks
	Pane   PaneStyles
	Grid   GridStyles
	Status StatusStyles
	Help   HelpStyles
	Edit   EditStyles
	SQL    SQLStyles
}

// Marks are the characters that carry meaning without colour.
type Marks struct {
	Null       string // a SQL NULL, never confused with the text "null" or ""
	Invalid    string // prefix of a cell whose text does not parse as its type
	Missing    string // gutter mark: an expected row the result lacks
	Unexpected string // gutter mark: a result row nobody expected
	Changed    string // gutter mark: a row present in both but different
	Parent     string // gutter mark: an input row made for a foreign key
	Ellipsis   string // tail of a truncated value
	Newline    string // shown in place of a line break inside a cell
}

// PaneStyles frame the workbench panes.
type PaneStyles struct {
	Focused      lipgloss.Style // border of the pane that receives keys
	Blurred      lipgloss.Style // border of every other pane
	Title        lipgloss.Style // pane title when focused
	TitleBlurred lipgloss.Style // pane title otherwise
}

// GridStyles style the data grid. Cell styles must stay attribute-only
// (colours and text attributes, no padding, width or borders): the grid
// pre-renders them into escape sequences once, for speed.
type GridStyles struct {
	Header      lipgloss.Style // column name
	HeaderKey   lipgloss.Style // name of a frozen key column
	HeaderType  lipgloss.Style // type and badges line
	HeaderFocus lipgloss.Style // name of the cursor's column
	Line        lipgloss.Style // separators and rules
	Gutter      lipgloss.Style // row numbers
	Value       lipgloss.Style // a plain value (result grids)
	Default     lipgloss.Style // a value the row factory chose
	Override    lipgloss.Style // a value the user typed
	Null        lipgloss.Style // the NULL mark
	Invalid     lipgloss.Style // a cell that does not parse
	Missing     lipgloss.Style // row expected but absent
	Unexpected  lipgloss.Style // row present but not expected
	Changed     lipgloss.Style // row present in both, different
	ChangedCell lipgloss.Style // the differing cell of a changed row
	Selected    lipgloss.Style // the cursor's row
	Cursor      lipgloss.Style // the cursor cell, grid focused
	CursorBlur  lipgloss.Style // the cursor cell, grid blurred
	Empty       lipgloss.Style // the "no rows" placeholder
}

// StatusStyles style the status bar.
type StatusStyles struct {
	Bar           lipgloss.Style // the whole line
	OK            lipgloss.Style // ready, last run succeeded
	Busy          lipgloss.Style // a step or query in progress, spinner
	Error         lipgloss.Style // the one error line
	Muted         lipgloss.Style // secondary facts (timings, counts)
	ProgressFull  color.Color
	ProgressEmpty color.Color
}

// HelpStyles style the short help line and the full help screen.
type HelpStyles struct {
	Model help.Styles    // for bubbles/help.Model
	Title lipgloss.Style // screen title
	Group lipgloss.Style // group heading on the full screen
	Key   lipgloss.Style // a key on the full screen
	Desc  lipgloss.Style // its description
}

// EditStyles style the in-cell text editor.
type EditStyles struct {
	Text   lipgloss.Style
	Cursor lipgloss.Style
}

// SQLStyles colour the query's SQL by token kind. Keywords are bold as well
// as coloured, so the SQL keeps its shape without colour (NO_COLOR).
type SQLStyles struct {
	Text     lipgloss.Style // identifiers and everything else
	Keyword  lipgloss.Style // SELECT, FROM, AS, AND…
	Function lipgloss.Style // SUM, coalesce…
	String   lipgloss.Style // 'paid'
	Number   lipgloss.Style // 42, 0.5
	Comment  lipgloss.Style // -- and /* */
	Operator lipgloss.Style // + = ( ) , ;
}
