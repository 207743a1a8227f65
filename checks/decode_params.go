package checks

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/token"
	"github.com/jig-sql/jig/workspace/diag"
)

// paramDecoder fills one check struct from its YAML, remembering where each
// parameter was written so later errors can point at it.
type paramDecoder struct {
	d      *decoder
	kind   string
	rv     reflect.Value
	fields []field
	at     map[string]ast.Node // parameter name -> its value node
	bad    bool                // a parameter failed to decode
}

// decodeCheck decodes the check's value (a map, a shorthand value or
// nothing) and the sibling options, then checks required and valid values.
// Parameters misplaced beside the check were reported already: they count
// as given, so they are not reported missing too.
func (d *decoder) decodeCheck(c Check, def Definition, keys entryKeys, misplaced []string) map[string]ParamAt {
	rv := reflect.ValueOf(c).Elem()
	p := &paramDecoder{d: d, kind: def.Kind, rv: rv, fields: allFields(rv.Type()), at: map[string]ast.Node{}}
	for _, name := range misplaced {
		p.at[name], p.bad = keys.check.Key, true
	}
	val := unwrap(keys.check.Value)
	if kvs, ok := pairs(val); ok {
		for _, kv := range kvs {
			p.param(kv)
		}
	} else if _, null := val.(*ast.NullNode); !null && val != nil {
		p.shorthand(def, val)
	}
	for _, kv := range keys.options {
		p.param(kv)
	}
	if p.bad || p.missing(keys.check.Key) {
		return nil
	}
	for _, e := range append(c.validate(), c.Common().validate()...) {
		var n ast.Node = keys.check.Key
		if at, ok := p.at[e.param]; ok {
			n = at
		}
		d.errorf(n, e.hint, "%s: %s", def.Kind, e.msg)
	}
	return p.positions(keys.check.Key)
}

// ParamAt is where a parameter, or one element of a list parameter, was
// written, and whether YAML read it as a string (quoted, or a plain word)
// rather than a number or boolean.
type ParamAt struct {
	Pos    Pos
	String bool
	Quoted bool // written in quotes: the text starts one column later
	// Indent is a block scalar's indentation (| or >); Pos is then its first
	// content line. 0 for flow scalars.
	Indent int
}

// positions maps each given parameter ("values") and each element of a list
// ("values.0") to where it was written; "" is the check's own key.
func (p *paramDecoder) positions(key ast.Node) map[string]ParamAt {
	out := map[string]ParamAt{"": {Pos: p.d.pos(key)}}
	for name, n := range p.at {
		v := unwrap(n)
		at := ParamAt{Pos: p.d.pos(v), String: isStringNode(v), Quoted: isQuoted(v)}
		if lit, ok := v.(*ast.LiteralNode); ok && lit.Value != nil && lit.Value.Token != nil {
			// The content starts on a line after the indicator; its token's
			// Origin is the lines as written, indentation included.
			origin := lit.Value.Token.Origin
			body := strings.TrimLeft(origin, "\n")
			at.Pos.Line += 1 + len(origin) - len(body)
			// An entry decoded alone (a fixture's check) starts at col0:
			// its lines are the file's, shifted left by as much.
			at.Indent = len(body) - len(strings.TrimLeft(body, " ")) + p.d.col0
			at.Pos.Col = at.Indent + 1
		}
		out[name] = at
		if seq, ok := v.(*ast.SequenceNode); ok {
			for i, e := range seq.Values {
				e = unwrap(e)
				out[name+"."+strconv.Itoa(i)] = ParamAt{Pos: p.d.pos(e), String: isStringNode(e)}
			}
		}
	}
	return out
}

// isQuoted reports whether n was written in single or double quotes.
func isQuoted(n ast.Node) bool {
	tk := n.GetToken()
	return tk != nil && (tk.Type == token.DoubleQuoteType || tk.Type == token.SingleQuoteType)
}

// isStringNode reports whether YAML reads n as a string.
func isStringNode(n ast.Node) bool {
	switch n.(type) {
	case *ast.StringNode, *ast.LiteralNode, *ast.TagNode:
		return true
	}
	return false
}

// param decodes one `name: value` pair into its field.
func (p *paramDecoder) param(kv *ast.MappingValueNode) {
	name := keyText(kv.Key)
	i := slices.IndexFunc(p.fields, func(f field) bool { return f.name == name })
	if i < 0 {
		p.bad = true
		p.d.errorf(kv.Key, p.hintFor(name), "%s: unknown parameter `%s`", p.kind, name)
		return
	}
	if _, dup := p.at[name]; dup {
		p.bad = true
		p.d.errorf(kv.Key, "", "%s: `%s` is given twice", p.kind, name)
		return
	}
	p.set(p.fields[i], kv.Value)
}

// shorthand decodes a bare value into the check's one obvious parameter.
func (p *paramDecoder) shorthand(def Definition, val ast.Node) {
	if def.Shorthand == "" {
		p.bad = true
		p.d.errorf(val, "write `"+def.Kind+": {"+strings.Join(names(fieldsOf(p.rv.Type())), ": ..., ")+": ...}`",
			"%s takes a map of parameters, got %s", def.Kind, describe(val))
		return
	}
	i := slices.IndexFunc(p.fields, func(f field) bool { return f.name == def.Shorthand })
	p.set(p.fields[i], val)
}

// set decodes a value node into a field, recording its position.
func (p *paramDecoder) set(f field, n ast.Node) {
	p.at[f.name] = n
	v := unwrap(n)
	fv := p.rv.FieldByIndex(f.index)
	msg := setValue(v, fv)
	if msg == "" && fv.Kind() == reflect.String && isBlank(fv.String()) {
		msg = "is empty"
	}
	if msg == "" && strings.ContainsRune(fmt.Sprint(fv.Interface()), 0) {
		msg = "holds a NUL byte, which Postgres cannot receive"
	}
	if msg != "" {
		p.bad = true
		p.d.errorf(v, "", "%s: `%s` %s", p.kind, f.name, msg)
	}
}

// missing reports required parameters that were not given.
func (p *paramDecoder) missing(at ast.Node) bool {
	found := false
	for _, f := range p.fields {
		if _, ok := p.at[f.name]; f.required && !ok {
			found = true
			p.d.errorf(at, "", "%s: missing required parameter `%s` (%s)", p.kind, f.name, typeName(f.typ))
		}
	}
	return found
}

// hintFor suggests the nearest parameter name, or lists them all.
func (p *paramDecoder) hintFor(name string) string {
	if h := diag.DidYouMean(name, names(p.fields)); h != "" {
		return h
	}
	return p.kind + " takes " + strings.Join(names(p.fields), ", ")
}
