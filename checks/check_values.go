package checks

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml/parser"

	"github.com/jig-sql/jig/workspace"
)

// NotNull fails every row whose column is NULL. It is the only check that
// looks at NULLs: every other column check skips them, so pair it with
// those when a value is required.
type NotNull struct {
	Options `yaml:",inline"`
	// Column is the column that must not be NULL.
	Column string `yaml:"column" required:"true"`
}

// Kind is "not_null".
func (*NotNull) Kind() string      { return "not_null" }
func (c *NotNull) subject() string { return c.Column }
func (c *NotNull) validate() []paramError {
	return nil
}
func (c *NotNull) failures(b *builder) (string, error) {
	return "SELECT * FROM " + targetCTE + " WHERE " + b.ident(c.Column) + " IS NULL", nil
}

// NotEmpty fails rows whose column is an empty string or only white space
// (POSIX [[:space:]]: spaces, tabs, newlines). NULL passes: use not_null too.
type NotEmpty struct {
	Options `yaml:",inline"`
	// Column is the text column that must not be empty or blank.
	Column string `yaml:"column" required:"true"`
}

// Kind is "not_empty".
func (*NotEmpty) Kind() string             { return "not_empty" }
func (c *NotEmpty) subject() string        { return c.Column }
func (c *NotEmpty) validate() []paramError { return nil }
func (c *NotEmpty) failures(b *builder) (string, error) {
	return "SELECT * FROM " + targetCTE + " WHERE " + b.ident(c.Column) + " ~ '^[[:space:]]*$'", nil
}

// AcceptedValues fails rows whose column holds a value outside the list.
// NULL passes (as in dbt): use not_null too. Values are compared as the
// column's type: `values: [1, 2]` works on an integer column.
type AcceptedValues struct {
	Options `yaml:",inline"`
	// Column is the column whose values are checked.
	Column string `yaml:"column" required:"true"`
	// Values are the accepted values; a value outside them fails the row.
	Values []string `yaml:"values" required:"true"`
}

// Kind is "accepted_values".
func (*AcceptedValues) Kind() string             { return "accepted_values" }
func (c *AcceptedValues) subject() string        { return c.Column }
func (c *AcceptedValues) validate() []paramError { return nil }
func (c *AcceptedValues) failures(b *builder) (string, error) {
	return "SELECT * FROM " + targetCTE + " WHERE " + b.ident(c.Column) + " NOT IN " + inList(c.Values), nil
}

// NotAcceptedValues fails rows whose column holds one of the listed values.
// NULL passes.
type NotAcceptedValues struct {
	Options `yaml:",inline"`
	// Column is the column whose values are checked.
	Column string `yaml:"column" required:"true"`
	// Values are the forbidden values; a row holding one fails.
	Values []string `yaml:"values" required:"true"`
}

// Kind is "not_accepted_values".
func (*NotAcceptedValues) Kind() string             { return "not_accepted_values" }
func (c *NotAcceptedValues) subject() string        { return c.Column }
func (c *NotAcceptedValues) validate() []paramError { return nil }
func (c *NotAcceptedValues) failures(b *builder) (string, error) {
	return "SELECT * FROM " + targetCTE + " WHERE " + b.ident(c.Column) + " IN " + inList(c.Values), nil
}

// Value is a scalar bound from the config. A number is written into SQL as a
// number; anything else (a date, a timestamp) as a string literal that
// Postgres reads as the column's type.
type Value struct {
	Text   string
	Number bool
}

// sql renders the value as an SQL literal.
func (v Value) sql() string {
	if v.Number {
		return v.Text
	}
	return workspace.QuoteLiteral(v.Text)
}

// MarshalYAML writes a number bare and anything else as a quoted string, so
// the YAML reads back as the same Value.
func (v Value) MarshalYAML() ([]byte, error) {
	if v.Number {
		return []byte(v.Text), nil
	}
	return []byte(strconv.Quote(v.Text)), nil
}

// UnmarshalYAML reads a scalar the way the checks decoder does, so a
// number keeps its written form.
func (v *Value) UnmarshalYAML(data []byte) error {
	f, err := parser.ParseBytes(data, 0)
	if err != nil {
		return err
	}
	if len(f.Docs) == 1 && f.Docs[0].Body != nil {
		if val, ok := scalarValue(unwrap(f.Docs[0].Body)); ok {
			*v = val
			return nil
		}
	}
	return fmt.Errorf("expected a number or a string, got %s", strings.TrimSpace(string(data)))
}
