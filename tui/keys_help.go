package tui

import (
	bhelp "charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"
	"github.com/jig-sql/jig/tui/help"
	"github.com/jig-sql/jig/tui/styles"
)

// scopeHelp is a bubbles/help KeyMap made of bindings lists.
type scopeHelp struct {
	short []key.Binding
	full  [][]key.Binding
}

func (s scopeHelp) ShortHelp() []key.Binding  { return s.short }
func (s scopeHelp) FullHelp() [][]key.Binding { return s.full }

// Help is the help line's key map for a scope: the scope's own keys, most
// important first (zoom and pane among them), then save, help and quit,
// which the line always keeps (see fitHelp).
func (k KeyMaps) Help(s Scope) bhelp.KeyMap {
	own, always := k.helpParts(s)
	short := append(append([]key.Binding{}, own...), always...)
	return scopeHelp{short: short, full: [][]key.Binding{own, always}}
}

// helpParts splits a scope's help line by priority: the scope's own keys
// in the order they matter, and the keys the line never drops. The line
// words them briefly; the ? screen has the full descriptions.
func (k KeyMaps) helpParts(s Scope) (own, always []key.Binding) {
	g, in := k.Global, k.Input
	always = []key.Binding{brief(g.Save, "save"), brief(g.Help, "help"), brief(g.Quit, "quit")}
	pane := []key.Binding{brief(g.Zoom, "zoom"), brief(g.NextPane, "pane")}
	switch s {
	case ScopeEditing:
		return k.Edit.ShortHelp(), []key.Binding{g.Cancel}
	case ScopeInput:
		own = []key.Binding{brief(in.Edit, "edit"), brief(in.AddRow, "add row"), brief(in.DeleteRow, "delete")}
		own = append(own, pane...)
		own = append(own, brief(in.DuplicateRow, "duplicate"), brief(in.SetNull, "NULL"),
			brief(in.Undo, "undo"), brief(in.Revert, "revert"), brief(in.NextTable, "next table"), brief(in.Mock, "mock"),
			brief(in.OpenQuery, "open query"), brief(in.Open, "open"))
	case ScopeSidebar:
		own = append([]key.Binding{brief(k.Sidebar.Select, "open")}, pane...)
		own = append(own, k.Sidebar.Down, k.Sidebar.Up)
	case ScopeResult:
		own = append([]key.Binding{brief(k.Result.Accept, "accept as expected"), brief(k.Result.Open, "open value")}, pane...)
	case ScopeChecks:
		own = append([]key.Binding{k.Checks.ShowFailing}, pane...)
	case ScopeQuery:
		own = append([]key.Binding{brief(k.Query.EditInline, "edit"), brief(k.Query.Editor, "$EDITOR")}, pane...)
		own = append(own, k.Query.Right, k.Query.Down, k.Query.Left, k.Query.Up)
	case ScopeQueryEdit:
		return []key.Binding{k.QEdit.Save, k.QEdit.Cancel}, []key.Binding{g.Cancel}
	}
	return own, always
}

// brief is b with a shorter description, for the help line.
func brief(b key.Binding, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(b.Keys()...), key.WithHelp(b.Help().Key, desc))
}

// fitHelp picks the bindings of a scope's help line that fit in w cells
// when drawn "key desc • key desc": the own keys are dropped from the
// least important; save, help and quit always stay, last.
func (k KeyMaps) fitHelp(s Scope, w int) []key.Binding {
	own, always := k.helpParts(s)
	width := func(bs ...[]key.Binding) int {
		n := 0
		for _, l := range bs {
			for _, b := range l {
				if n > 0 {
					n += 3 // " • "
				}
				n += ansi.StringWidth(b.Help().Key) + 1 + ansi.StringWidth(b.Help().Desc)
			}
		}
		return n
	}
	n := len(own)
	for n > 0 && width(own[:n], always) > w {
		n--
	}
	return append(append([]key.Binding{}, own[:n]...), always...)
}

// Groups lists every binding for the ? screen, one group per scope.
func (k KeyMaps) Groups() []help.Group {
	g, in, nav := k.Global, k.Input, k.Input.Nav
	return []help.Group{
		{Title: "Everywhere", Bindings: []key.Binding{g.NextPane, g.PrevPane, g.Zoom, g.Save, g.Help, g.Quit, g.Cancel}},
		{Title: "Moving in a grid", Bindings: []key.Binding{nav.Up, nav.Down, nav.Left, nav.Right,
			nav.Home, nav.End, nav.PageUp, nav.PageDown, nav.Top, nav.Bottom}},
		{Title: "Input rows", Bindings: []key.Binding{in.Edit, in.AddRow, in.DuplicateRow, in.DeleteRow,
			in.SetNull, in.Revert, in.Undo, in.Redo, in.Open, in.NextTable, in.PrevTable, in.Mock, in.OpenQuery}},
		{Title: "Editing a cell", Bindings: []key.Binding{k.Edit.Commit, k.Edit.Cancel}},
		{Title: "Result", Bindings: []key.Binding{k.Result.Accept, k.Result.Open}},
		{Title: "Checks", Bindings: []key.Binding{k.Checks.Up, k.Checks.Down, k.Checks.ShowFailing}},
		{Title: "Sidebar", Bindings: []key.Binding{k.Sidebar.Up, k.Sidebar.Down, k.Sidebar.Select}},
		{Title: "Query", Bindings: []key.Binding{k.Query.Up, k.Query.Down, k.Query.Left, k.Query.Right, k.Query.Home,
			k.Query.EditInline, k.Query.Editor}},
		{Title: "Editing the query", Bindings: []key.Binding{k.QEdit.Save, k.QEdit.Cancel}},
		{Title: "Dialogs", Bindings: []key.Binding{k.Dialog.Yes, k.Dialog.No, k.Dialog.Close}},
	}
}

// helpGroups is the whole ? screen: the keys, then what the marks mean.
func (k KeyMaps) helpGroups() []help.Group {
	return append(k.Groups(), legend(styles.DefaultMarks())...)
}

// scopeBindings is every binding active in a scope, for conflict checks.
func (k KeyMaps) scopeBindings(s Scope) []key.Binding {
	g, nav := k.Global, k.Input.Nav
	global := []key.Binding{g.NextPane, g.PrevPane, g.Save, g.Help, g.Quit, g.Cancel, g.Zoom}
	navs := []key.Binding{nav.Up, nav.Down, nav.Left, nav.Right, nav.Home, nav.End,
		nav.PageUp, nav.PageDown, nav.Top, nav.Bottom}
	in := k.Input
	switch s {
	case ScopeEditing:
		return []key.Binding{k.Edit.Commit, k.Edit.Cancel, g.Cancel}
	case ScopeInput:
		return append(append(global, navs...), in.Edit, in.AddRow, in.DuplicateRow,
			in.DeleteRow, in.SetNull, in.Revert, in.Undo, in.Redo, in.Open, in.NextTable, in.PrevTable, in.Mock, in.OpenQuery)
	case ScopeResult:
		return append(append(global, navs...), k.Result.Accept, k.Result.Open)
	case ScopeChecks:
		return append(global, k.Checks.Up, k.Checks.Down, k.Checks.ShowFailing)
	case ScopeSidebar:
		return append(global, k.Sidebar.Up, k.Sidebar.Down, k.Sidebar.Select)
	case ScopeQuery:
		return append(global, k.Query.Up, k.Query.Down, k.Query.Left, k.Query.Right, k.Query.Home,
			k.Query.EditInline, k.Query.Editor)
	case ScopeQueryEdit:
		return []key.Binding{k.QEdit.Save, k.QEdit.Cancel, g.Cancel}
	}
	return global
}
