package rows

import "github.com/jig-sql/jig/workspace"

// Value is one cell: the Postgres text input form of a value, SQL NULL, or
// "left to the database". The three states never mix: a Null value has an
// empty Text, and the text "null" or "" is an ordinary non-NULL value.
type Value struct {
	// Text is the value as Postgres reads it in a literal ('42', '2024-01-31',
	// '{a,b}', '\x0102'); meaningful only when Null and Default are false.
	Text string
	// Null is SQL NULL.
	Null bool
	// Default leaves the cell to the database: its DEFAULT expression,
	// identity or generated value. INSERT writes DEFAULT or omits the column.
	Default bool
}

// Text returns a non-NULL value with the given text.
func Text(s string) Value { return Value{Text: s} }

// Null is SQL NULL.
var Null = Value{Null: true}

// DatabaseDefault leaves a cell to the database's DEFAULT.
var DatabaseDefault = Value{Default: true}

// String shows a value for people and logs: NULL and DEFAULT as keywords,
// text as is. It is not SQL; use InsertSQL for that.
func (v Value) String() string {
	switch {
	case v.Null:
		return "NULL"
	case v.Default:
		return "DEFAULT"
	}
	return v.Text
}

// Override holds the cells a fixture row sets itself, by column name. Every
// column it does not name is filled by the factory.
type Override map[string]Value

// TableOverrides is the given rows of one table of a fixture, in order.
// Table is a table name, or schema.name when names clash.
type TableOverrides struct {
	Table string
	Rows  []Override
}

// Row is one complete row: a value for every column of its table, in the
// table's column order.
type Row struct {
	Values []Value
	// Overridden marks, per column, the cells that came from an Override
	// (the TUI shows them bright and factory defaults dim).
	Overridden []bool
	// Generated is true for a row the factory added so that a foreign key
	// of another row has something to point at.
	Generated bool
	// MadeFor says which child row a Generated row serves.
	MadeFor *Origin
}

// TableRows is every row a dataset inserts into one table.
type TableRows struct {
	Table *workspace.Table
	Rows  []Row
}

// Dataset is a fixture's rows, complete, with the parent rows foreign keys
// need, in an order that inserts parents before children.
type Dataset struct {
	Tables []TableRows
	// Warnings are constraints the factory could not prove its defaults
	// meet; the insert may still succeed.
	Warnings []Warning
}

// Rows returns the rows of the named table in the dataset, or nil.
func (d *Dataset) Rows(table string) []Row {
	for _, tr := range d.Tables {
		if tr.Table.Name == table || qualified(tr.Table) == table {
			return tr.Rows
		}
	}
	return nil
}

// Warning says that a default may violate a constraint the factory cannot
// evaluate, and which column to override to be sure.
type Warning struct {
	Table      string
	Column     string
	Constraint string
	Message    string
}

// String is the warning as one line for people.
func (w Warning) String() string { return w.Message }

func qualified(t *workspace.Table) string {
	if t.Schema == "" {
		return t.Name
	}
	return t.Schema + "." + t.Name
}
