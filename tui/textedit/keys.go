package textedit

import "charm.land/bubbles/v2/key"

// KeyMap is the editor's bindings. Keys not bound here that carry text are
// inserted, so the map lists only commands.
type KeyMap struct {
	Commit        key.Binding
	Cancel        key.Binding
	Left          key.Binding
	Right         key.Binding
	Home          key.Binding
	End           key.Binding
	Backspace     key.Binding
	Delete        key.Binding
	DeleteWord    key.Binding
	DeleteToStart key.Binding
	DeleteToEnd   key.Binding
}

// DefaultKeyMap returns readline-like bindings.
func DefaultKeyMap() KeyMap {
	b := key.NewBinding
	k, h := key.WithKeys, key.WithHelp
	return KeyMap{
		Commit:        b(k("enter"), h("enter", "commit")),
		Cancel:        b(k("esc"), h("esc", "cancel")),
		Left:          b(k("left", "ctrl+b")),
		Right:         b(k("right", "ctrl+f")),
		Home:          b(k("home", "ctrl+a")),
		End:           b(k("end", "ctrl+e")),
		Backspace:     b(k("backspace", "ctrl+h")),
		Delete:        b(k("delete", "ctrl+d")),
		DeleteWord:    b(k("ctrl+w", "alt+backspace")),
		DeleteToStart: b(k("ctrl+u")),
		DeleteToEnd:   b(k("ctrl+k")),
	}
}

// ShortHelp lists the keys worth showing while editing.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Commit, k.Cancel} }

// FullHelp is ShortHelp as one group.
func (k KeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }
