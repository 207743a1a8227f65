package checks

import (
	_ "embed"
	"reflect"
	"strings"
)

// Check is one data-quality check with its parameters: a pointer to one of
// the structs in the registry (NotNull, Unique, ...). Its SQL is built by
// Configured.SQL; the unexported methods keep the set of checks to the ones
// this package can compile and document.
type Check interface {
	// Kind is the check's registry name, the key that introduces it in YAML.
	Kind() string
	// Common returns the options every check has (promoted from Options).
	Common() *Options
	subject() string
	validate() []paramError
	failures(b *builder) (string, error)
}

// Definition describes one check type of the registry.
type Definition struct {
	// Kind is the YAML key, e.g. "accepted_values".
	Kind string
	// Summary is a one-line description for help screens.
	Summary string
	// Shorthand is the parameter a bare value sets (`not_null: event_id`
	// sets column); "" when the check only takes a map.
	Shorthand string
	new       func() Check
}

// New returns a zero value of the check's struct.
func (d Definition) New() Check { return d.new() }

// registry lists every check type, in the order help shows them.
var registry = []Definition{
	{"not_null", "no NULL in a column", "column", func() Check { return &NotNull{} }},
	{"unique", "no duplicate values of one or more columns", "columns", func() Check { return &Unique{} }},
	{"accepted_values", "a column holds only listed values", "", func() Check { return &AcceptedValues{} }},
	{"not_accepted_values", "a column never holds listed values", "", func() Check { return &NotAcceptedValues{} }},
	{"relationships", "every value exists in another relation's column", "", func() Check { return &Relationships{} }},
	{"row_count", "the number of rows is within bounds", "", func() Check { return &RowCount{} }},
	{"equal_row_count", "as many rows as another relation or query", "to", func() Check { return &EqualRowCount{} }},
	{"accepted_range", "a column's values lie between min and max", "", func() Check { return &AcceptedRange{} }},
	{"matches", "a text column matches a POSIX regular expression", "", func() Check { return &Matches{} }},
	{"not_empty", "no empty or blank strings in a column", "column", func() Check { return &NotEmpty{} }},
	{"expression", "a boolean SQL expression holds on every row", "expression", func() Check { return &Expression{} }},
	{"freshness", "the newest timestamp is recent enough", "", func() Check { return &Freshness{} }},
	{"sql", "a query returns no rows", "sql", func() Check { return &CustomSQL{} }},
}

// Definitions returns the registry, in help order.
func Definitions() []Definition { return append([]Definition(nil), registry...) }

// Lookup finds a check type by its YAML key.
func Lookup(kind string) (Definition, bool) {
	for _, d := range registry {
		if d.Kind == kind {
			return d, true
		}
	}
	return Definition{}, false
}

// kinds lists the registry's YAML keys.
func kinds() []string {
	out := make([]string, len(registry))
	for i, d := range registry {
		out[i] = d.Kind
	}
	return out
}

// Param documents one parameter of a check type, from its struct field.
type Param struct {
	// Name is the YAML key.
	Name string
	// Type says what the value must be, e.g. "list of strings".
	Type string
	// Required is true when the check cannot be decoded without it.
	Required bool
	// Doc is the field's doc comment.
	Doc string
}

// paramDocs holds each field's doc comment, "kind.param<TAB>doc" a line,
// generated from the source by `go test -run TestParams -update`: the
// comments stay the one place parameters are documented.
//
//go:embed params.txt
var paramDocs string

// Params lists the check's own parameters (not the common options), in field order.
func (d Definition) Params() []Param {
	return paramsOf(reflect.TypeOf(d.new()).Elem(), d.Kind)
}

// OptionParams lists the options every check accepts.
func OptionParams() []Param { return paramsOf(reflect.TypeOf(Options{}), "options") }

// paramsOf builds the parameter list of a struct type from its fields.
func paramsOf(t reflect.Type, prefix string) []Param {
	var out []Param
	for _, f := range fieldsOf(t) {
		out = append(out, Param{Name: f.name, Type: typeName(f.typ), Required: f.required,
			Doc: lookupDoc(prefix + "." + f.name)})
	}
	return out
}

// lookupDoc finds a parameter's doc comment in paramDocs.
func lookupDoc(key string) string {
	for _, line := range strings.Split(paramDocs, "\n") {
		if k, doc, ok := strings.Cut(line, "\t"); ok && k == key {
			return doc
		}
	}
	return ""
}

// Name is the check's `name`, or its kind and subject: not_null(event_id).
func (c Configured) Name() string {
	if n := c.Check.Common().Name; n != "" {
		return n
	}
	s := c.Check.subject()
	if r := []rune(s); len(r) > 40 {
		s = string(r[:37]) + "..."
	}
	if s == "" {
		return c.Kind
	}
	return c.Kind + "(" + s + ")"
}

// SQL compiles the check for Postgres, reading target; other relations it
// names are taken to be tables.
func (c Configured) SQL(target Target) (string, error) {
	return c.Compile(target, Postgres, nil)
}

// Compile builds the one statement that returns the failing count and a
// sample of failing rows (columns failing, sample) for dialect d. resolve
// finds the relations a check names besides its target; nil means tables.
func (c Configured) Compile(target Target, d Dialect, resolve Resolver) (string, error) {
	return compile(c.Check, target, d, resolve)
}
