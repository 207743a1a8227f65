package dbt

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/jig-sql/jig/workspace/diag"
)

// node is a YAML value with its position: a scalar (Value is nil, string,
// int64, float64 or bool), a map (Keys/Map, in file order) or a list.
type node struct {
	Kind      nodeKind
	Value     any
	Keys      []string
	Map       map[string]*node
	KeyPos    map[string][2]int // line, col of each key
	List      []*node
	Line, Col int
	// Block is set for a block scalar (| or >): its text starts on the line
	// after Line.
	Block bool
}

type nodeKind int

const (
	scalarNode nodeKind = iota
	mapNode
	listNode
)

// parseYAML reads one YAML document into a node tree; a syntax error is
// reported at its position.
func parseYAML(file string, data []byte, errs *diag.Errors) *node {
	f, err := parser.ParseBytes(data, 0)
	if err != nil {
		line, col, msg := 1, 1, err.Error()
		var ye yaml.Error
		if errors.As(err, &ye) {
			msg = ye.GetMessage()
			if tk := ye.GetToken(); tk != nil && tk.Position != nil {
				line, col = tk.Position.Line, tk.Position.Column
			}
		}
		errs.Add(file, line, col, "", "invalid YAML: %s", msg)
		return nil
	}
	if len(f.Docs) == 0 || f.Docs[0].Body == nil {
		return nil
	}
	return convert(f.Docs[0].Body)
}

func convert(n ast.Node) *node {
	out := &node{}
	if tk := n.GetToken(); tk != nil && tk.Position != nil {
		out.Line, out.Col = tk.Position.Line, tk.Position.Column
	}
	switch v := n.(type) {
	case *ast.DocumentNode:
		return convert(v.Body)
	case *ast.TagNode:
		return convert(v.Value)
	case *ast.AnchorNode:
		return convert(v.Value)
	case *ast.MappingNode:
		out.Kind, out.Map, out.KeyPos = mapNode, map[string]*node{}, map[string][2]int{}
		for i, kv := range v.Values {
			out.addPair(kv)
			if i == 0 && !v.IsFlowStyle {
				out.Line, out.Col = out.KeyPos[out.Keys[0]][0], out.KeyPos[out.Keys[0]][1]
			}
		}
	case *ast.MappingValueNode:
		out.Kind, out.Map, out.KeyPos = mapNode, map[string]*node{}, map[string][2]int{}
		out.addPair(v)
		out.Line, out.Col = out.KeyPos[out.Keys[0]][0], out.KeyPos[out.Keys[0]][1]
	case *ast.SequenceNode:
		out.Kind = listNode
		for _, e := range v.Values {
			out.List = append(out.List, convert(e))
		}
	case *ast.LiteralNode:
		out.Value, out.Block = v.Value.Value, true
	case *ast.NullNode:
		out.Value = nil
	case *ast.BoolNode:
		out.Value = v.Value
	case *ast.IntegerNode:
		out.Value = toInt(v.Value)
	case *ast.FloatNode:
		out.Value = v.Value
	case ast.ScalarNode:
		out.Value = fmt.Sprint(v.GetValue())
	default:
		out.Value = n.String()
	}
	return out
}

func (out *node) addPair(kv *ast.MappingValueNode) {
	key := strings.TrimSpace(kv.Key.String())
	if s, ok := kv.Key.(ast.ScalarNode); ok {
		key = fmt.Sprint(s.GetValue())
	}
	line, col := 1, 1
	if tk := kv.Key.GetToken(); tk != nil && tk.Position != nil {
		line, col = tk.Position.Line, tk.Position.Column
	}
	if _, dup := out.Map[key]; !dup {
		out.Keys = append(out.Keys, key)
	}
	out.KeyPos[key] = [2]int{line, col}
	if kv.Value == nil {
		out.Map[key] = &node{Line: line, Col: col}
		return
	}
	out.Map[key] = convert(kv.Value)
}

func toInt(v any) any {
	switch n := v.(type) {
	case int64:
		return n
	case uint64:
		if n <= 1<<63-1 {
			return int64(n)
		}
		return strconv.FormatUint(n, 10)
	case int:
		return int64(n)
	}
	return v
}

// get returns the value under key of a map node, or nil.
func (n *node) get(key string) *node {
	if n == nil || n.Kind != mapNode {
		return nil
	}
	return n.Map[key]
}

// str is a scalar's text ("" for null, a map or a list).
func (n *node) str() string {
	if n == nil || n.Kind != scalarNode || n.Value == nil {
		return ""
	}
	return fmt.Sprint(n.Value)
}

// strs is a list of scalars' texts, or a single scalar as a list of one.
func (n *node) strs() []string {
	if n == nil {
		return nil
	}
	if n.Kind == scalarNode {
		if n.Value == nil {
			return nil
		}
		return []string{n.str()}
	}
	var out []string
	for _, e := range n.List {
		out = append(out, e.str())
	}
	return out
}

// plain converts the node to plain Go values (maps, slices, scalars), for
// Jinja vars.
func (n *node) plain() any {
	if n == nil {
		return nil
	}
	switch n.Kind {
	case mapNode:
		m := make(map[string]any, len(n.Keys))
		for _, k := range n.Keys {
			m[k] = n.Map[k].plain()
		}
		return m
	case listNode:
		l := make([]any, len(n.List))
		for i, e := range n.List {
			l[i] = e.plain()
		}
		return l
	}
	return n.Value
}
