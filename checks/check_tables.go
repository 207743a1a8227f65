package checks

import (
	"fmt"
	"strings"
)

// Unique fails every combination of the columns that occurs more than once;
// each failing row is one duplicated combination with its occurrences. Like
// a UNIQUE constraint, a row with a NULL in any of the columns is skipped.
type Unique struct {
	Options `yaml:",inline"`
	// Columns are the column or columns whose values together must be unique.
	Columns []string `yaml:"columns" required:"true"`
}

// Kind is "unique".
func (*Unique) Kind() string      { return "unique" }
func (c *Unique) subject() string { return strings.Join(c.Columns, ", ") }
func (c *Unique) validate() []paramError {
	seen := map[string]bool{}
	for _, col := range c.Columns {
		if seen[col] {
			return []paramError{{param: "columns", msg: fmt.Sprintf("`columns` lists %q twice", col)}}
		}
		seen[col] = true
	}
	return nil
}

func (c *Unique) failures(b *builder) (string, error) {
	cols := make([]string, len(c.Columns))
	notNull := make([]string, len(c.Columns))
	for i, col := range c.Columns {
		cols[i] = b.ident(col)
		notNull[i] = cols[i] + " IS NOT NULL"
	}
	list := strings.Join(cols, ", ")
	return "SELECT " + list + ", count(*) AS occurrences FROM " + targetCTE +
		" WHERE " + strings.Join(notNull, " AND ") +
		" GROUP BY " + list + " HAVING count(*) > 1", nil
}

// RowCount fails when the number of rows is outside [min, max] or differs
// from equal; the one failing row carries the actual row_count. NULLs play
// no part: every row counts.
type RowCount struct {
	Options `yaml:",inline"`
	// Min is the fewest rows accepted.
	Min *int64 `yaml:"min,omitempty"`
	// Max is the most rows accepted.
	Max *int64 `yaml:"max,omitempty"`
	// Equal is the exact number of rows expected; not with min or max.
	Equal *int64 `yaml:"equal,omitempty"`
}

// Kind is "row_count".
func (*RowCount) Kind() string      { return "row_count" }
func (c *RowCount) subject() string { return "" }
func (c *RowCount) validate() []paramError {
	switch {
	case c.Min == nil && c.Max == nil && c.Equal == nil:
		return []paramError{{msg: "needs `min`, `max` or `equal`"}}
	case c.Equal != nil && (c.Min != nil || c.Max != nil):
		return []paramError{{param: "equal", msg: "`equal` cannot be combined with `min` or `max`"}}
	}
	for _, p := range []struct {
		name string
		v    *int64
	}{{"min", c.Min}, {"max", c.Max}, {"equal", c.Equal}} {
		if p.v != nil && *p.v < 0 {
			return []paramError{{param: p.name, msg: fmt.Sprintf("`%s` cannot be negative, got %d", p.name, *p.v)}}
		}
	}
	if c.Min != nil && c.Max != nil && *c.Min > *c.Max {
		return []paramError{{param: "min", msg: fmt.Sprintf("`min` %d is greater than `max` %d", *c.Min, *c.Max)}}
	}
	return nil
}

func (c *RowCount) failures(*builder) (string, error) {
	var conds []string
	if c.Min != nil {
		conds = append(conds, fmt.Sprintf("count(*) < %d", *c.Min))
	}
	if c.Max != nil {
		conds = append(conds, fmt.Sprintf("count(*) > %d", *c.Max))
	}
	if c.Equal != nil {
		conds = append(conds, fmt.Sprintf("count(*) <> %d", *c.Equal))
	}
	return "SELECT count(*) AS row_count FROM " + targetCTE + " HAVING " + strings.Join(conds, " OR "), nil
}

// EqualRowCount fails when the target and another relation (a table or query
// name given as `to`, or SQL given as `query`) have different row counts; the
// failing row carries both counts. `where` filters the target only.
type EqualRowCount struct {
	Options `yaml:",inline"`
	// To is the table or query name whose row count must match.
	To string `yaml:"to,omitempty"`
	// Query is SQL whose row count must match, instead of to.
	Query string `yaml:"query,omitempty"`
	// Table is another name for to, as earlier docs spelled it; give one of them.
	Table string `yaml:"table,omitempty"`
}

// other is the relation named by to or by its alias table.
func (c *EqualRowCount) other() string {
	if c.To != "" {
		return c.To
	}
	return c.Table
}

// Kind is "equal_row_count".
func (*EqualRowCount) Kind() string      { return "equal_row_count" }
func (c *EqualRowCount) subject() string { return c.other() }
func (c *EqualRowCount) validate() []paramError {
	switch {
	case c.To != "" && c.Table != "":
		return []paramError{{param: "table", msg: "`table` is another name for `to`: give one of them",
			hint: "write only `to: " + c.To + "` or only `to: " + c.Table + "`"}}
	case c.other() == "" && c.Query == "":
		return []paramError{{msg: "needs `to` (a table or query name) or `query` (SQL)"}}
	case c.other() != "" && c.Query != "":
		return []paramError{{param: "query", msg: "give `to` or `query`, not both"}}
	case c.Query != "":
		return fragmentErrors("query", trimQuery(c.Query))
	}
	return nil
}

func (c *EqualRowCount) failures(b *builder) (string, error) {
	other := ""
	if c.Query != "" {
		other = b.query(c.Query)
	} else {
		rel, err := b.relation(c.other())
		if err != nil {
			return "", err
		}
		other = rel
	}
	return "SELECT a.row_count, b.row_count AS other_row_count" +
		" FROM (SELECT count(*) AS row_count FROM " + targetCTE + ") AS a" +
		" CROSS JOIN (SELECT count(*) AS row_count FROM " + other + ") AS b" +
		" WHERE a.row_count <> b.row_count", nil
}

// Relationships fails rows whose column holds a value missing from another
// relation's field (a foreign key that is not declared). NULL passes, as with
// a FOREIGN KEY; NULLs in the other relation never match anything.
type Relationships struct {
	Options `yaml:",inline"`
	// Column is the referencing column of the target.
	Column string `yaml:"column" required:"true"`
	// To is the referenced table or query name.
	To string `yaml:"to" required:"true"`
	// Field is the referenced column of to; it defaults to column.
	Field string `yaml:"field,omitempty"`
}

// Kind is "relationships".
func (*Relationships) Kind() string             { return "relationships" }
func (c *Relationships) subject() string        { return c.Column }
func (c *Relationships) validate() []paramError { return nil }

func (c *Relationships) failures(b *builder) (string, error) {
	other, err := b.relation(c.To)
	if err != nil {
		return "", err
	}
	field := c.Field
	if field == "" {
		field = c.Column
	}
	col := "t." + b.ident(c.Column)
	return "SELECT t.* FROM " + targetCTE + " AS t WHERE " + col + " IS NOT NULL" +
		" AND NOT EXISTS (SELECT 1 FROM " + other + " AS p WHERE p." + b.ident(field) + " = " + col + ")", nil
}
