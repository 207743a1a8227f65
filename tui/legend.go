package tui

import (
	"charm.land/bubbles/v2/key"
	"github.com/jig-sql/jig/tui/help"
	"github.com/jig-sql/jig/tui/styles"
)

// legend explains, on the ? screen, every mark and shade the panes use:
// what a user cannot look up anywhere else.
func legend(mk styles.Marks) []help.Group {
	entry := func(mark, desc string) key.Binding {
		// The mark stands in as the binding's key: legend entries are
		// never matched against key presses, only shown.
		return key.NewBinding(key.WithKeys(mark), key.WithHelp(mark, desc))
	}
	return []help.Group{
		{Title: "Input cells", Bindings: []key.Binding{
			entry("bright", "you typed it (override)"),
			entry("dim", "the row factory chose it"),
			entry(mk.Null, "SQL NULL, not text"),
			entry(mk.Invalid, "not of the column's type"),
			entry(mk.Parent, "a parent made for a FK (dim)"),
			entry(mk.Invalid+" row", "refused by the database"),
			entry("◇ ◆", "a query tab: real, mocked"),
		}},
		{Title: "Result rows", Bindings: []key.Binding{
			entry(mk.Changed, "differs; cells underlined"),
			entry(mk.Unexpected, "in the result, unexpected"),
			entry(mk.Missing, "expected, but missing"),
			entry(mk.Ellipsis, "cut: o opens it whole"),
			entry("◂ ▸", "more columns that way"),
			entry("║", "end of the key columns"),
		}},
		{Title: "Marks", Bindings: []key.Binding{
			entry("✓ ✗", "passes, fails"),
			entry("▲", "a check warns only"),
			entry("!", "errored: see its message"),
			entry("●", "unsaved changes: s saves"),
			entry("▸", "selected or open"),
			entry("↑ ↓", "queries it reads, that read it"),
		}},
	}
}
