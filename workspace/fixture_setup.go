package workspace

import (
	"strings"

	"github.com/goccy/go-yaml/ast"
)

// setupPlace is where a fixture's setup: text starts in its file.
type setupPlace struct {
	line, col int // the value's first character (of a block: its | or >)
	indent    int // a block scalar's content indentation; 0 for a one-line value
	quoted    bool
}

func placeSetup(n ast.Node) setupPlace {
	p := setupPlace{}
	p.line, p.col = pos(n)
	if lit, ok := n.(*ast.LiteralNode); ok && lit.Value != nil {
		if tk := lit.Value.GetToken(); tk != nil {
			first, _, _ := strings.Cut(tk.Origin, "\n")
			p.indent = len(first) - len(strings.TrimLeft(first, " "))
		}
		return p
	}
	if tk := n.GetToken(); tk != nil {
		p.quoted = tk.Origin != "" && (strings.TrimSpace(tk.Origin)[0] == '"' || strings.TrimSpace(tk.Origin)[0] == '\'')
	}
	return p
}

// SetupPos is the file line and column of byte offset of Setup. It is exact
// for one-line values and block scalars (setup: |); in a quoted value with
// escapes, or a folded plain value, the column is approximate.
func (f *Fixture) SetupPos(offset int) (line, col int) {
	l, c := LineCol(f.Setup, offset)
	p := f.setup
	if p.line == 0 {
		return 1, 1
	}
	if p.indent > 0 {
		return p.line + l, p.indent + c
	}
	if l > 1 {
		return p.line + l - 1, c
	}
	if p.quoted {
		c++
	}
	return p.line, p.col + c - 1
}
