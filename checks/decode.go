package checks

import (
	"errors"
	"fmt"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// File is a decoded checks/*.yaml file.
type File struct {
	// Path is the file's path as given to DecodeFile, used in positions.
	Path string
	// Table is the `table:` key: a table of the schema or a query name.
	Table string
	// Checks are the entries of `checks:`, in file order.
	Checks []Configured
}

// Source is one file to decode: its path (for positions) and its bytes.
type Source struct {
	Path string
	Data []byte
}

// DecodeFile decodes a checks file strictly. On error it returns every
// mistake in the file as ConfigErrors, together with a File holding the
// entries that did decode, so a screen can show both.
func DecodeFile(path string, data []byte) (*File, error) {
	d := &decoder{path: path}
	f := d.file(data)
	return f, d.result()
}

// DecodeFiles decodes several files and reports the mistakes of all of them
// in one ConfigErrors, ordered by file and position.
func DecodeFiles(sources []Source) ([]*File, error) {
	var all ConfigErrors
	files := make([]*File, 0, len(sources))
	for _, s := range sources {
		f, err := DecodeFile(s.Path, s.Data)
		files = append(files, f)
		var ce ConfigErrors
		if errors.As(err, &ce) {
			all = append(all, ce...)
		}
	}
	return files, all.Err()
}

// DecodeEntries decodes a YAML list of checks, as under a fixture's
// `checks:`, where each entry may name its own target with a `table:` key.
// data must be the list alone; DecodeEntriesNode takes the node of a file
// the caller already parsed, keeping its positions.
func DecodeEntries(path string, data []byte) ([]Configured, error) {
	d := &decoder{path: path}
	body, ok := d.parse(data)
	if !ok || body == nil {
		return nil, d.result()
	}
	out := d.entries(body, true)
	return out, d.result()
}

// DecodeEntriesNode decodes a list of checks from a parsed YAML node (the
// value of a fixture's `checks:` key), entries with optional `table:` keys.
func DecodeEntriesNode(path string, node ast.Node) ([]Configured, error) {
	d := &decoder{path: path}
	out := d.entries(node, true)
	return out, d.result()
}

// DecodeEntry decodes one fixture check entry given as its own YAML text
// (workspace.CheckEntry): a map with one check and an optional `table:`.
// Line k, column c of data are reported as file line line+k-1, column
// c+col-1.
func DecodeEntry(path string, data []byte, line, col int) (Configured, error) {
	d := &decoder{path: path, line0: line - 1, col0: col - 1}
	body, ok := d.parse(data)
	if !ok {
		return Configured{}, d.result()
	}
	c, _ := d.entry(body, true)
	return c, d.result()
}

// decoder collects every error of one file. line0 and col0 shift positions
// when the YAML was cut out of a larger file.
type decoder struct {
	path        string
	line0, col0 int
	errs        ConfigErrors
}

// result is the collected errors, sorted, or nil.
func (d *decoder) result() error { return d.errs.Err() }

// errorf records an error at node n.
func (d *decoder) errorf(n ast.Node, hint, format string, args ...any) {
	line, col := position(n)
	d.errorAt(line, col, hint, fmt.Sprintf(format, args...))
}

// errorAt records an error at a position of the YAML being decoded.
func (d *decoder) errorAt(line, col int, hint, msg string) {
	d.errs = append(d.errs, &ConfigError{File: d.path, Line: line + d.line0, Col: col + d.col0, Msg: msg, Hint: hint})
}

// pos is where node n is in the file.
func (d *decoder) pos(n ast.Node) Pos {
	line, col := position(n)
	return Pos{File: d.path, Line: line + d.line0, Col: col + d.col0}
}

// parse reads YAML into the body of its only document.
func (d *decoder) parse(data []byte) (ast.Node, bool) {
	f, err := parser.ParseBytes(data, 0)
	if err != nil {
		var se *yaml.SyntaxError
		if errors.As(err, &se) && se.Token != nil && se.Token.Position != nil {
			d.errorAt(se.Token.Position.Line, se.Token.Position.Column, "", "invalid YAML: "+se.Message)
		} else {
			d.errorAt(1, 1, "", "invalid YAML: "+err.Error())
		}
		return nil, false
	}
	var bodies []ast.Node
	for _, doc := range f.Docs {
		if doc != nil && doc.Body != nil {
			bodies = append(bodies, doc.Body)
		}
	}
	if len(bodies) > 1 {
		d.errorf(bodies[1], "", "a checks file holds one YAML document; this is a second one")
	}
	if len(bodies) == 0 {
		return nil, true
	}
	return unwrap(bodies[0]), true
}

// position is where a node starts: a block map starts at its first key.
func position(n ast.Node) (int, int) {
	switch x := n.(type) {
	case nil:
		return 1, 1
	case *ast.MappingNode:
		if !x.IsFlowStyle && len(x.Values) > 0 {
			return position(x.Values[0].Key)
		}
	case *ast.MappingValueNode:
		return position(x.Key)
	case *ast.TagNode, *ast.AnchorNode:
		if tk := n.GetToken(); tk != nil {
			return tk.Position.Line, tk.Position.Column
		}
	}
	tk := n.GetToken()
	if tk == nil || tk.Position == nil {
		return 1, 1
	}
	return tk.Position.Line, tk.Position.Column
}

// pairs returns the key/value pairs of a map node.
func pairs(n ast.Node) ([]*ast.MappingValueNode, bool) {
	switch x := n.(type) {
	case *ast.MappingNode:
		return x.Values, true
	case *ast.MappingValueNode:
		return []*ast.MappingValueNode{x}, true
	}
	return nil, false
}

// keyText is a map key as text.
func keyText(k ast.MapKeyNode) string {
	var n ast.Node = k
	if mk, ok := k.(*ast.MappingKeyNode); ok {
		n = mk.Value
	}
	if s, ok := scalarText(unwrap(n)); ok {
		return s
	}
	return n.String()
}
