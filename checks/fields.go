package checks

import (
	"fmt"
	"math"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml/ast"
)

// field is one YAML parameter of a check struct, found by reflection.
type field struct {
	name     string
	index    []int
	typ      reflect.Type
	required bool
}

// fieldsOf lists a struct's own YAML fields, skipping embedded Options.
func fieldsOf(t reflect.Type) []field {
	var out []field
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Anonymous {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		out = append(out, field{name: name, index: f.Index, typ: f.Type, required: f.Tag.Get("required") == "true"})
	}
	return out
}

// allFields lists a check struct's fields followed by the embedded options.
func allFields(t reflect.Type) []field {
	out := fieldsOf(t)
	if o, ok := t.FieldByName("Options"); ok && o.Anonymous {
		for _, f := range fieldsOf(o.Type) {
			f.index = append(append([]int(nil), o.Index...), f.index...)
			out = append(out, f)
		}
	}
	return out
}

// names lists the fields' YAML names.
func names(fs []field) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.name
	}
	return out
}

var (
	severityType = reflect.TypeOf(Severity(""))
	valueType    = reflect.TypeOf(&Value{})
)

// typeName says in words what a parameter of type t must be.
func typeName(t reflect.Type) string {
	switch {
	case t == severityType:
		return "error or warn"
	case t == valueType:
		return "number or string"
	case t.Kind() == reflect.String:
		return "string"
	case t.Kind() == reflect.Slice:
		return "list of strings"
	case t.Kind() == reflect.Bool, t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Bool:
		return "boolean"
	default:
		return "integer"
	}
}

// numberRE is a number as SQL writes it; YAML spellings beyond it (0x1F,
// .inf) are not passed through.
var numberRE = regexp.MustCompile(`^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$`)

// setValue decodes a YAML node into v, of one of the parameter types, or
// says what was expected instead.
func setValue(n ast.Node, v reflect.Value) (msg string) {
	t := v.Type()
	expected := func() string { return "must be " + article(typeName(t)) + ", got " + describe(n) }
	switch {
	case t == valueType:
		val, ok := scalarValue(n)
		if !ok {
			return expected()
		}
		v.Set(reflect.ValueOf(&val))
	case t.Kind() == reflect.String:
		s, ok := scalarText(n)
		if !ok {
			return expected()
		}
		v.SetString(s)
	case t.Kind() == reflect.Slice:
		return setList(n, v)
	case t.Kind() == reflect.Bool || t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Bool:
		b, ok := n.(*ast.BoolNode)
		if !ok {
			return expected()
		}
		setMaybePointer(v, reflect.ValueOf(b.Value))
	default:
		i, ok := integer(n)
		if !ok {
			return expected()
		}
		setMaybePointer(v, reflect.ValueOf(i))
	}
	return ""
}

// setMaybePointer stores x (bool or int64) in v, allocating when v is a pointer.
func setMaybePointer(v, x reflect.Value) {
	if v.Kind() == reflect.Pointer {
		p := reflect.New(v.Type().Elem())
		p.Elem().Set(x.Convert(v.Type().Elem()))
		v.Set(p)
		return
	}
	v.Set(x.Convert(v.Type()))
}

// integer reads an integer node that fits in an int64.
func integer(n ast.Node) (int64, bool) {
	in, ok := n.(*ast.IntegerNode)
	if !ok {
		return 0, false
	}
	switch x := in.Value.(type) {
	case int64:
		return x, true
	case uint64:
		return int64(x), x <= math.MaxInt64
	}
	return 0, false
}

// scalarText is the text of a string, number or boolean node.
func scalarText(n ast.Node) (string, bool) {
	switch n := n.(type) {
	case *ast.StringNode:
		return n.Value, true
	case *ast.LiteralNode:
		return n.Value.Value, true
	case *ast.IntegerNode:
		return fmt.Sprint(n.Value), true
	case *ast.FloatNode:
		return floatText(n), true
	case *ast.BoolNode:
		return strconv.FormatBool(n.Value), true
	}
	return "", false
}

// floatText keeps a float as written when SQL can read it that way.
func floatText(n *ast.FloatNode) string {
	if numberRE.MatchString(n.GetToken().Value) {
		return n.GetToken().Value
	}
	return strconv.FormatFloat(n.Value, 'g', -1, 64)
}

// scalarValue reads a Value: numbers keep their written form.
func scalarValue(n ast.Node) (Value, bool) {
	switch n := n.(type) {
	case *ast.IntegerNode:
		return Value{Text: fmt.Sprint(n.Value), Number: true}, true
	case *ast.FloatNode:
		return Value{Text: floatText(n), Number: numberRE.MatchString(floatText(n))}, true
	case *ast.StringNode, *ast.LiteralNode:
		s, _ := scalarText(n)
		return Value{Text: s}, true
	}
	return Value{}, false
}

// setList decodes a list of scalars, or one scalar as a list of one.
func setList(n ast.Node, v reflect.Value) string {
	if s, ok := scalarText(n); ok {
		v.Set(reflect.ValueOf([]string{s}))
		return ""
	}
	seq, ok := n.(*ast.SequenceNode)
	if !ok {
		return "must be a list of strings, got " + describe(n)
	}
	if len(seq.Values) == 0 {
		return "is an empty list: give at least one value"
	}
	out := make([]string, len(seq.Values))
	for i, item := range seq.Values {
		s, ok := scalarText(unwrap(item))
		if !ok {
			return fmt.Sprintf("must be a list of strings, but item %d is %s", i+1, describe(unwrap(item)))
		}
		out[i] = s
	}
	v.Set(reflect.ValueOf(out))
	return ""
}

// describe names the kind of a YAML node for an error message.
func describe(n ast.Node) string {
	switch n := n.(type) {
	case nil, *ast.NullNode:
		return "nothing (null)"
	case *ast.MappingNode, *ast.MappingValueNode:
		return "a map"
	case *ast.SequenceNode:
		return "a list"
	case *ast.BoolNode:
		return "a boolean"
	case *ast.IntegerNode:
		return "an integer"
	case *ast.FloatNode:
		return "a number"
	case *ast.StringNode:
		return fmt.Sprintf("a string %q", n.Value)
	case *ast.LiteralNode:
		return "a string"
	case *ast.AliasNode:
		return "an alias"
	}
	return "a " + strings.ToLower(n.Type().String())
}

// article puts "a" or "an" before a type name.
func article(s string) string {
	switch {
	case strings.HasPrefix(s, "list"), strings.HasPrefix(s, "error"):
		return s
	case strings.IndexAny(s[:1], "aeiou") == 0:
		return "an " + s
	}
	return "a " + s
}

// unwrap looks through tags and anchors to the node that holds the value.
func unwrap(n ast.Node) ast.Node {
	for {
		switch x := n.(type) {
		case *ast.TagNode:
			n = x.Value
		case *ast.AnchorNode:
			n = x.Value
		default:
			return n
		}
	}
}
