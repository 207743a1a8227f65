package tui

import (
	bhelp "charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"github.com/jig-sql/jig/tui/help"
)

// scopeHelp is a bubbles/help KeyMap made of bindings lists.
type scopeHelp struct {
	short []key.Binding
	full  [][]key.Binding
}

func (s scopeHelp) ShortHelp() []key.Binding  { return s.short }
func (s scopeHelp) FullHelp() [][]key.Binding { return s.full }

// Help is the help line's key map for a scope: the scope's own keys, then
// the global ones that apply there.
func (k KeyMaps) Help(s Scope) bhelp.KeyMap {
	g := k.Global
	global := []key.Binding{g.NextPane, g.Save, g.Help, g.Quit}
	var own []key.Binding
	switch s {
	case ScopeEditing:
		own, global = k.Edit.ShortHelp(), []key.Binding{g.Cancel}
	case ScopeInput:
		own = []key.Binding{k.Input.Edit, k.Input.AddRow, k.Input.DeleteRow, k.Input.SetNull, k.Input.Revert, k.Input.Undo, k.Input.NextTable}
	case ScopeSidebar:
		own = []key.Binding{k.Sidebar.Up, k.Sidebar.Down, k.Sidebar.Select}
	case ScopeResult:
		own = []key.Binding{k.Result.Accept, k.Result.Open}
	case ScopeChecks:
		own = []key.Binding{k.Checks.ShowFailing}
	case ScopeQuery:
		own = []key.Binding{k.Query.EditInline, k.Query.Editor, k.Query.Up, k.Query.Down}
	case ScopeQueryEdit:
		own, global = []key.Binding{k.QEdit.Save, k.QEdit.Cancel}, []key.Binding{g.Cancel}
	}
	short := append(append([]key.Binding{}, own...), global...)
	return scopeHelp{short: short, full: [][]key.Binding{own, global}}
}

// Groups lists every binding for the ? screen, one group per scope.
func (k KeyMaps) Groups() []help.Group {
	g, in, nav := k.Global, k.Input, k.Input.Nav
	return []help.Group{
		{Title: "Everywhere", Bindings: []key.Binding{g.NextPane, g.PrevPane, g.Save, g.Help, g.Quit, g.Cancel}},
		{Title: "Moving in a grid", Bindings: []key.Binding{nav.Up, nav.Down, nav.Left, nav.Right,
			nav.Home, nav.End, nav.PageUp, nav.PageDown, nav.Top, nav.Bottom}},
		{Title: "Input rows", Bindings: []key.Binding{in.Edit, in.AddRow, in.DuplicateRow, in.DeleteRow,
			in.SetNull, in.Revert, in.Undo, in.Redo, in.Open, in.NextTable, in.PrevTable}},
		{Title: "Editing a cell", Bindings: []key.Binding{k.Edit.Commit, k.Edit.Cancel}},
		{Title: "Result", Bindings: []key.Binding{k.Result.Accept, k.Result.Open}},
		{Title: "Checks", Bindings: []key.Binding{k.Checks.Up, k.Checks.Down, k.Checks.ShowFailing}},
		{Title: "Sidebar", Bindings: []key.Binding{k.Sidebar.Up, k.Sidebar.Down, k.Sidebar.Select}},
		{Title: "Query", Bindings: []key.Binding{k.Query.Up, k.Query.Down, k.Query.EditInline, k.Query.Editor}},
		{Title: "Editing the query", Bindings: []key.Binding{k.QEdit.Save, k.QEdit.Cancel}},
		{Title: "Dialogs", Bindings: []key.Binding{k.Dialog.Yes, k.Dialog.No, k.Dialog.Close}},
	}
}

// scopeBindings is every binding active in a scope, for conflict checks.
func (k KeyMaps) scopeBindings(s Scope) []key.Binding {
	g, nav := k.Global, k.Input.Nav
	global := []key.Binding{g.NextPane, g.PrevPane, g.Save, g.Help, g.Quit, g.Cancel}
	navs := []key.Binding{nav.Up, nav.Down, nav.Left, nav.Right, nav.Home, nav.End,
		nav.PageUp, nav.PageDown, nav.Top, nav.Bottom}
	in := k.Input
	switch s {
	case ScopeEditing:
		return []key.Binding{k.Edit.Commit, k.Edit.Cancel, g.Cancel}
	case ScopeInput:
		return append(append(global, navs...), in.Edit, in.AddRow, in.DuplicateRow,
			in.DeleteRow, in.SetNull, in.Revert, in.Undo, in.Redo, in.Open, in.NextTable, in.PrevTable)
	case ScopeResult:
		return append(append(global, navs...), k.Result.Accept, k.Result.Open)
	case ScopeChecks:
		return append(global, k.Checks.Up, k.Checks.Down, k.Checks.ShowFailing)
	case ScopeSidebar:
		return append(global, k.Sidebar.Up, k.Sidebar.Down, k.Sidebar.Select)
	case ScopeQuery:
		return append(global, k.Query.Up, k.Query.Down, k.Query.EditInline, k.Query.Editor)
	case ScopeQueryEdit:
		return []key.Binding{k.QEdit.Save, k.QEdit.Cancel, g.Cancel}
	}
	return global
}
