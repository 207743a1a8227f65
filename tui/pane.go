package tui

import (
	tea "charm.land/bubbletea/v2"
	"github.com/jig-sql/jig/tui/styles"
)

// pane is what the root model needs of each pane: it sizes them, tells
// them their focus, sends them keys and mouse events while they have the
// focus, and lays their views out. A pane's View is exactly its size,
// border included.
type pane interface {
	SetSize(w, h int)
	Focus()
	Blur()
	Update(msg tea.Msg) tea.Cmd
	View() []string
}

// theme is shared by every pane: the styles, the border painter and the
// keys. The root rebuilds it when the terminal reports its background.
type theme struct {
	st   styles.Styles
	fr   framer
	keys KeyMaps
}

func newTheme(st styles.Styles, keys KeyMaps) *theme {
	return &theme{st: st, fr: newFramer(st), keys: keys}
}

// box is the common part of a pane: its size and focus.
type box struct {
	w, h    int
	focused bool
}

// SetSize implements pane.
func (b *box) SetSize(w, h int) { b.w, b.h = max(w, 0), max(h, 0) }

// Focus implements pane.
func (b *box) Focus() { b.focused = true }

// Blur implements pane.
func (b *box) Blur() { b.focused = false }

// inner is the size inside the border.
func (b *box) inner() (w, h int) { return max(b.w-2, 0), max(b.h-2, 0) }

// Intents: what a pane asks the root to do. Panes never reach into other
// panes or the engine; they return one of these as a command.
type (
	selectQueryMsg    struct{ name string }
	selectTableMsg    struct{ name string }
	openFixtureMsg    struct{ name string }
	sessionChangedMsg struct{}
	// editQueryMsg asks to edit the query: inline, or in $EDITOR.
	editQueryMsg   struct{ inline bool }
	acceptMsg      struct{}
	showOverlayMsg struct{ ov overlay }
	pagesWantedMsg struct{}
	// deferredMsg runs fn on the UI goroutine: what a confirmed question does.
	deferredMsg struct{ fn func() tea.Cmd }
	// noticeMsg is news for the help line, until the next key.
	noticeMsg struct{ text string }
)

// emit is a command that delivers msg.
func emit(msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } }
