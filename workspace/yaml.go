package workspace

import (
	"encoding/json"
	"errors"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/jig-sql/jig/workspace/diag"
)

// ydec decodes a YAML tree strictly, collecting positioned errors instead of
// stopping at the first: every workspace file is reported in full in one run.
type ydec struct {
	file string
	errs *diag.Errors
}

// parse parses one YAML document and returns its body (nil for an empty
// file, or on a syntax error, which is reported positioned).
func (d *ydec) parse(data []byte) ast.Node {
	n, _ := d.parseOK(data)
	return n
}

// parseOK is parse, also telling whether the text was valid YAML.
func (d *ydec) parseOK(data []byte) (ast.Node, bool) {
	f, err := parser.ParseBytes(data, parser.ParseComments)
	if err != nil {
		line, col, msg := 1, 1, err.Error()
		var ye yaml.Error
		if errors.As(err, &ye) {
			msg = ye.GetMessage()
			if tk := ye.GetToken(); tk != nil && tk.Position != nil {
				line, col = tk.Position.Line, tk.Position.Column
			}
		}
		d.errs.Add(d.file, line, col, "", "invalid YAML: %s", msg)
		return nil, false
	}
	if len(f.Docs) == 0 {
		return nil, true
	}
	if len(f.Docs) > 1 {
		d.errAt(f.Docs[1], "", "only one YAML document is allowed per file")
	}
	return f.Docs[0].Body, true
}

// pos is the node's 1-based line and column.
func pos(n ast.Node) (int, int) {
	if n == nil {
		return 1, 1
	}
	if m, ok := n.(*ast.MappingNode); ok && !m.IsFlowStyle && len(m.Values) > 0 {
		n = m.Values[0].Key
	}
	if doc, ok := n.(*ast.DocumentNode); ok && doc.Body == nil {
		// An empty second document ("0\r---"): DocumentNode.GetToken
		// would dereference its missing body; its "---" is the place.
		if doc.Start != nil && doc.Start.Position != nil {
			return doc.Start.Position.Line, doc.Start.Position.Column
		}
		return 1, 1
	}
	if tk := n.GetToken(); tk != nil && tk.Position != nil {
		return tk.Position.Line, tk.Position.Column
	}
	return 1, 1
}

func (d *ydec) errAt(n ast.Node, hint, format string, args ...any) {
	line, col := pos(n)
	d.errs.Add(d.file, line, col, hint, format, args...)
}

// unwrap strips anchors and comments and rejects what jig files never need.
func (d *ydec) unwrap(n ast.Node) ast.Node {
	for {
		switch v := n.(type) {
		case *ast.AnchorNode:
			n = v.Value
		case *ast.CommentGroupNode:
			return nil
		case *ast.AliasNode:
			d.errAt(n, "write the value out", "YAML aliases are not supported")
			return nil
		case *ast.TagNode:
			if v.Start != nil && (v.Start.Value == "!!str" || v.Start.Value == "!str") {
				return n
			}
			d.errAt(n, "", "YAML tag %s is not supported", v.Start.Value)
			return nil
		default:
			return n
		}
	}
}

// kind describes a node for "expected X, got Y" messages.
func kind(n ast.Node) string {
	switch n.(type) {
	case nil, *ast.NullNode:
		return "null"
	case *ast.MappingNode, *ast.MappingValueNode:
		return "a mapping"
	case *ast.SequenceNode:
		return "a list"
	case *ast.StringNode, *ast.LiteralNode, *ast.TagNode:
		return "a string"
	case *ast.IntegerNode:
		return "an integer"
	case *ast.FloatNode, *ast.InfinityNode, *ast.NanNode:
		return "a number"
	case *ast.BoolNode:
		return "a boolean"
	}
	return "an unsupported value"
}

// pairs returns a mapping's entries, or reports that n is not a mapping.
func (d *ydec) pairs(n ast.Node, what string) ([]*ast.MappingValueNode, bool) {
	switch v := d.unwrap(n).(type) {
	case *ast.MappingNode:
		return v.Values, true
	case *ast.MappingValueNode:
		return []*ast.MappingValueNode{v}, true
	case nil:
		return nil, true // empty value: an empty mapping
	case *ast.NullNode:
		return nil, true
	default:
		d.errAt(n, "", "%s: expected a mapping, got %s", what, kind(v))
		return nil, false
	}
}

// keyName returns a mapping key as text.
func keyName(kv *ast.MappingValueNode) string {
	if kv.Key == nil {
		return ""
	}
	if tk := kv.Key.GetToken(); tk != nil {
		return tk.Value
	}
	return kv.Key.String()
}

// fields walks a mapping whose keys must be among known, reporting unknown
// keys with the nearest valid name, and duplicate keys.
func (d *ydec) fields(n ast.Node, what string, known []string, fn func(key string, kv *ast.MappingValueNode)) {
	kvs, _ := d.pairs(n, what)
	seen := map[string]bool{}
	for _, kv := range kvs {
		k := keyName(kv)
		switch {
		case !contains(known, k):
			d.errAt(kv.Key, diag.DidYouMean(k, known), "unknown key `%s` in %s", k, what)
		case seen[k]:
			d.errAt(kv.Key, "", "duplicate key `%s` in %s", k, what)
		default:
			seen[k] = true
			fn(k, kv)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// str decodes a string; numbers and booleans are accepted as their text
// (version: 17 means "17").
func (d *ydec) str(n ast.Node, what string) (string, bool) {
	switch v := d.unwrap(n).(type) {
	case *ast.StringNode:
		return v.Value, true
	case *ast.LiteralNode:
		return v.Value.Value, true
	case *ast.TagNode:
		return tagText(v), true
	case *ast.IntegerNode, *ast.FloatNode:
		return v.GetToken().Value, true
	case nil:
		return "", false
	default:
		d.errAt(n, "", "%s: expected a string, got %s", what, kind(v))
		return "", false
	}
}

func (d *ydec) boolean(n ast.Node, what string) (bool, bool) {
	if v, ok := d.unwrap(n).(*ast.BoolNode); ok {
		return v.Value, true
	}
	d.errAt(n, "", "%s: expected true or false, got %s", what, kind(n))
	return false, false
}

func (d *ydec) integer(n ast.Node, what string) (int64, bool) {
	if v, ok := d.unwrap(n).(*ast.IntegerNode); ok {
		if i, ok := asInt64(v); ok {
			return i, true
		}
		d.errAt(n, "", "%s: %s is out of range for a 64-bit integer", what, v.Token.Value)
		return 0, false
	}
	d.errAt(n, "", "%s: expected an integer, got %s", what, kind(n))
	return 0, false
}

func (d *ydec) number(n ast.Node, what string) (float64, bool) {
	switch v := d.unwrap(n).(type) {
	case *ast.IntegerNode:
		f, err := strconv.ParseFloat(v.Token.Value, 64)
		return f, err == nil
	case *ast.FloatNode:
		return v.Value, true
	}
	d.errAt(n, "", "%s: expected a number, got %s", what, kind(n))
	return 0, false
}

// value decodes any YAML value to JSON-ish Go: nil, string, int64,
// json.Number, float64, bool, []any, map[string]any. Integers beyond int64
// stay exact as their digits in a string; a float stays exact as written, a
// json.Number (float64 only for a spelling JSON has no form for).
func (d *ydec) value(n ast.Node) (any, bool) {
	switch v := d.unwrap(n).(type) {
	case nil, *ast.NullNode:
		return nil, true
	case *ast.StringNode:
		return v.Value, true
	case *ast.LiteralNode:
		return v.Value.Value, true
	case *ast.TagNode:
		return tagText(v), true
	case *ast.BoolNode:
		return v.Value, true
	case *ast.IntegerNode:
		if i, ok := asInt64(v); ok {
			return i, true
		}
		return v.Token.Value, true
	case *ast.FloatNode:
		if num, ok := exactNumber(v.GetToken().Value); ok {
			return num, true
		}
		return v.Value, true
	case *ast.InfinityNode:
		return v.Value, true
	case *ast.NanNode:
		return math.NaN(), true
	case *ast.SequenceNode:
		out := make([]any, 0, len(v.Values))
		ok := true
		for _, e := range v.Values {
			x, good := d.value(e)
			ok = ok && good
			out = append(out, x)
		}
		return out, ok
	case *ast.MappingNode, *ast.MappingValueNode:
		kvs, _ := d.pairs(v, "value")
		out := make(map[string]any, len(kvs))
		ok := true
		for _, kv := range kvs {
			x, good := d.value(kv.Value)
			ok = ok && good
			out[keyName(kv)] = x
		}
		return out, ok
	default:
		d.errAt(n, "", "unsupported YAML value %s", kind(v))
		return nil, false
	}
}

// tagText is the text of a !!str-tagged scalar.
func tagText(t *ast.TagNode) string {
	switch v := t.Value.(type) {
	case nil:
		return ""
	case *ast.StringNode:
		return v.Value
	case *ast.LiteralNode:
		return v.Value.Value
	default:
		if tk := v.GetToken(); tk != nil {
			return tk.Value
		}
		return v.String()
	}
}

// asInt64 returns an integer node's value when it fits in an int64 (the
// parser gives positive literals as uint64).
func asInt64(n *ast.IntegerNode) (int64, bool) {
	switch v := n.Value.(type) {
	case int64:
		return v, true
	case uint64:
		if v <= math.MaxInt64 {
			return int64(v), true
		}
	}
	return 0, false
}

// jsonNumberRE is a number as JSON writes it.
var jsonNumberRE = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$`)

// exactNumber is a YAML float token as a json.Number: the digits as written
// (a leading + dropped, .5 read as 0.5), so a numeric column gets them all.
func exactNumber(tok string) (json.Number, bool) {
	s := strings.TrimPrefix(tok, "+")
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	if strings.HasPrefix(s, ".") {
		s = "0" + s
	}
	if neg {
		s = "-" + s
	}
	if !jsonNumberRE.MatchString(s) {
		return "", false
	}
	return json.Number(s), true
}
