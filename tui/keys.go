package tui

import (
	"charm.land/bubbles/v2/key"
	"github.com/jig-sql/jig/tui/grid"
	"github.com/jig-sql/jig/tui/textedit"
)

// Scope is where keys are read: the focused pane, or the cell editor, which
// overrides every pane while open.
type Scope int

// The scopes, one per pane plus the editor.
const (
	ScopeSidebar Scope = iota
	ScopeInput
	ScopeQuery
	ScopeResult
	ScopeChecks
	ScopeEditing
	ScopeQueryEdit // the query's inline editor
)

// GlobalKeys work in every scope but ScopeEditing, where only Cancel does:
// while a cell is edited, q and s are letters.
type GlobalKeys struct {
	NextPane key.Binding
	PrevPane key.Binding
	Save     key.Binding
	Help     key.Binding
	Quit     key.Binding
	Cancel   key.Binding // cancel the running query; quit when none runs
	Zoom     key.Binding // the focused pane takes the whole window, and back
}

// InputKeys edit the fixture's input rows in the input grid.
type InputKeys struct {
	Nav          grid.KeyMap
	Edit         key.Binding
	AddRow       key.Binding
	DuplicateRow key.Binding
	DeleteRow    key.Binding
	SetNull      key.Binding
	Revert       key.Binding
	Undo         key.Binding
	Redo         key.Binding
	Open         key.Binding
	NextTable    key.Binding
	PrevTable    key.Binding
	// Mock makes the tab's upstream query a mock (rows replace it), or
	// the real query again.
	Mock key.Binding
	// OpenQuery opens the tab's upstream query in the workbench.
	OpenQuery key.Binding
}

// QueryKeys scroll the query's SQL.
type QueryKeys struct {
	Up    key.Binding
	Down  key.Binding
	Left  key.Binding
	Right key.Binding
	Home  key.Binding
	// Editor opens the query file in $VISUAL or $EDITOR.
	Editor key.Binding
	// EditInline edits the query in the pane (QueryEditKeys apply).
	EditInline key.Binding
}

// QueryEditKeys work while the query is edited in its pane; every other
// key is text (q is a letter).
type QueryEditKeys struct {
	Save   key.Binding
	Cancel key.Binding
}

// DialogKeys answer the quit confirmation and close overlays.
type DialogKeys struct {
	Yes   key.Binding
	No    key.Binding
	Close key.Binding
}

// SidebarKeys pick a query, table or fixture.
type SidebarKeys struct {
	Up     key.Binding
	Down   key.Binding
	Select key.Binding
}

// ResultKeys browse the result and accept it as expected.
type ResultKeys struct {
	Nav    grid.KeyMap
	Open   key.Binding
	Accept key.Binding
}

// ChecksKeys browse the checks.
type ChecksKeys struct {
	Up          key.Binding
	Down        key.Binding
	ShowFailing key.Binding
}

// KeyMaps is every binding of the workbench, as data.
type KeyMaps struct {
	Global  GlobalKeys
	Input   InputKeys
	Sidebar SidebarKeys
	Result  ResultKeys
	Checks  ChecksKeys
	Query   QueryKeys
	QEdit   QueryEditKeys
	Dialog  DialogKeys
	Edit    textedit.KeyMap
}

// DefaultKeyMaps returns the workbench's bindings.
func DefaultKeyMaps() KeyMaps {
	b := key.NewBinding
	k, h := key.WithKeys, key.WithHelp
	nav := grid.DefaultKeyMap()
	open := b(k("o"), h("o", "open full value"))
	return KeyMaps{
		Global: GlobalKeys{
			NextPane: b(k("tab"), h("tab", "next pane")),
			PrevPane: b(k("shift+tab"), h("shift+tab", "previous pane")),
			Save:     b(k("s", "ctrl+s"), h("s", "save fixture")),
			Help:     b(k("?"), h("?", "all keys")),
			Quit:     b(k("q"), h("q", "quit")),
			Cancel:   b(k("ctrl+c"), h("ctrl+c", "cancel query / quit")),
			Zoom:     b(k("z"), h("z", "zoom pane")),
		},
		Input: InputKeys{
			Nav:          nav,
			Edit:         b(k("enter"), h("enter", "edit cell")),
			AddRow:       b(k("a"), h("a", "add a row at the end")),
			DuplicateRow: b(k("d"), h("d", "copy the row to the end")),
			DeleteRow:    b(k("x", "delete"), h("x/del", "delete row")),
			SetNull:      b(k("n"), h("n", "set NULL")),
			Revert:       b(k("r"), h("r", "revert to default")),
			Undo:         b(k("u"), h("u", "undo")),
			Redo:         b(k("ctrl+r"), h("ctrl+r", "redo")),
			Open:         open,
			NextTable:    b(k("]"), h("]", "next table")),
			PrevTable:    b(k("["), h("[", "previous table")),
			Mock:         b(k("m"), h("m", "mock the query / unmock")),
			OpenQuery:    b(k("O"), h("O", "open the tab's query")),
		},
		Query: QueryKeys{
			Up:         b(k("up", "k"), h("↑/k", "scroll up")),
			Down:       b(k("down", "j"), h("↓/j", "scroll down")),
			Left:       b(k("left", "h"), h("←/h", "scroll left")),
			Right:      b(k("right", "l"), h("→/l", "scroll right")),
			Home:       b(k("home", "0"), h("home", "line start")),
			Editor:     b(k("E"), h("E", "edit in $EDITOR")),
			EditInline: b(k("e"), h("e", "edit here")),
		},
		QEdit: QueryEditKeys{
			Save:   b(k("ctrl+s"), h("ctrl+s", "save the query")),
			Cancel: b(k("esc"), h("esc", "stop editing, keep the file")),
		},
		Dialog: DialogKeys{
			Yes:   b(k("y"), h("y", "yes")),
			No:    b(k("n", "esc"), h("n/esc", "no")),
			Close: b(k("esc", "q", "o", "enter"), h("esc", "close")),
		},
		Sidebar: SidebarKeys{
			Up:     b(k("up", "k"), h("↑/k", "up")),
			Down:   b(k("down", "j"), h("↓/j", "down")),
			Select: b(k("enter"), h("enter", "open")),
		},
		Result: ResultKeys{
			Nav:    nav,
			Open:   open,
			Accept: b(k("e"), h("e", "accept as expected")),
		},
		Checks: ChecksKeys{
			Up:          b(k("up", "k"), h("↑/k", "up")),
			Down:        b(k("down", "j"), h("↓/j", "down")),
			ShowFailing: b(k("c", "enter"), h("c/enter", "show failing rows")),
		},
		Edit: textedit.DefaultKeyMap(),
	}
}
