package grid

import "charm.land/bubbles/v2/key"

// KeyMap is the grid's navigation. Editing commands (add row, set NULL…)
// belong to the pane hosting the grid, not to the grid.
type KeyMap struct {
	Up       key.Binding
	Down     key.Binding
	Left     key.Binding
	Right    key.Binding
	Home     key.Binding // first column
	End      key.Binding // last column
	PageUp   key.Binding
	PageDown key.Binding
	Top      key.Binding // first row
	Bottom   key.Binding // last row
}

// DefaultKeyMap returns arrows and vi keys.
func DefaultKeyMap() KeyMap {
	b := key.NewBinding
	k, h := key.WithKeys, key.WithHelp
	return KeyMap{
		Up:       b(k("up", "k"), h("↑/k", "up")),
		Down:     b(k("down", "j"), h("↓/j", "down")),
		Left:     b(k("left", "h"), h("←/h", "left")),
		Right:    b(k("right", "l"), h("→/l", "right")),
		Home:     b(k("home", "0"), h("home", "first column")),
		End:      b(k("end", "$"), h("end", "last column")),
		PageUp:   b(k("pgup", "ctrl+u"), h("pgup", "page up")),
		PageDown: b(k("pgdown", "ctrl+d"), h("pgdn", "page down")),
		Top:      b(k("g"), h("g", "top")),
		Bottom:   b(k("G"), h("G", "bottom")),
	}
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.Left, k.Right}
}

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.Left, k.Right},
		{k.Home, k.End, k.PageUp, k.PageDown, k.Top, k.Bottom},
	}
}
