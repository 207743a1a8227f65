package workspace

import (
	"strings"

	"github.com/jig-sql/jig/workspace/redshift"
)

// Table describes one table as the database reports it (engine fills it from
// pg_catalog) plus the metadata only the schema files carry (Redshift
// distribution and sort keys). rows, checks and the TUI read it; nobody
// mutates it after engine hands it out.
type Table struct {
	Schema      string
	Name        string
	Columns     []Column
	PrimaryKey  []string   // column names in key order; nil when there is none
	Unique      [][]string // every UNIQUE constraint or unique index, columns in order
	ForeignKeys []ForeignKey
	Checks      []CheckConstraint
	Comment     string
	Dist        redshift.Distribution // Redshift metadata from the schema files; zero when none
}

// Column is one column of a Table, in attnum order.
type Column struct {
	Name     string
	Type     Type
	NotNull  bool
	Default  string // the DEFAULT expression as Postgres prints it; "" when none
	Identity string // "" | "always" | "by default"
	// Generated is true for GENERATED ALWAYS AS (...) STORED columns, which
	// cannot be written at all.
	Generated bool
	Comment   string
}

// Type is a column type with its modifiers resolved.
type Type struct {
	// Name is the type as Postgres formats it (format_type), e.g.
	// "character varying(20)", "numeric(10,2)", "integer[]", "public.mood".
	Name string
	// Base is the element type's canonical short name (pg_type.typname of the
	// element, domains resolved to their base): int2, int4, int8, numeric,
	// float4, float8, bool, text, varchar, bpchar, date, time, timestamp,
	// timestamptz, interval, uuid, json, jsonb, bytea, inet, cidr, or the enum's
	// name, etc.
	Base string
	// Length is the varchar(n)/char(n) limit; 0 means unlimited.
	Length int
	// Precision and Scale are numeric(p,s); Precision 0 means unconstrained.
	Precision int
	Scale     int
	// ArrayDims is > 0 for array types.
	ArrayDims int
	// Enum holds the labels in sort order when Base is an enum.
	Enum []string
	// Domain is set when the column's declared type is a domain over Base.
	Domain *Domain
	// OID is the declared type's oid (the domain or array oid when it is one).
	OID uint32
}

// Domain describes a domain type: its own name, NOT NULL and CHECK expressions.
type Domain struct {
	Name    string
	NotNull bool
	Checks  []string // CHECK expressions as Postgres prints them, VALUE as the subject
}

// IsArray reports whether the type is an array.
func (t Type) IsArray() bool { return t.ArrayDims > 0 }

// IsEnum reports whether the element type is an enum.
func (t Type) IsEnum() bool { return len(t.Enum) > 0 }

// ForeignKey is a FOREIGN KEY constraint: Columns of this table reference
// RefColumns of RefTable (in RefSchema).
type ForeignKey struct {
	Name       string
	Columns    []string
	RefSchema  string
	RefTable   string
	RefColumns []string
}

// CheckConstraint is a table or column CHECK constraint.
type CheckConstraint struct {
	Name       string
	Expression string   // as pg_get_constraintdef prints it, without the CHECK keyword
	Columns    []string // the columns it mentions
}

// Column returns the named column and whether it exists.
func (t *Table) Column(name string) (*Column, bool) {
	for i := range t.Columns {
		if t.Columns[i].Name == name {
			return &t.Columns[i], true
		}
	}
	return nil, false
}

// QualifiedName is schema.name, each part quoted for SQL.
func (t *Table) QualifiedName() string {
	if t.Schema == "" {
		return QuoteIdent(t.Name)
	}
	return QuoteIdent(t.Schema) + "." + QuoteIdent(t.Name)
}

// IsKey reports whether column is part of the primary key or a unique key.
func (t *Table) IsKey(column string) bool {
	for _, c := range t.PrimaryKey {
		if c == column {
			return true
		}
	}
	for _, u := range t.Unique {
		for _, c := range u {
			if c == column {
				return true
			}
		}
	}
	return false
}

// QuoteIdent quotes an SQL identifier the way Postgres does: always in double
// quotes, embedded quotes doubled. jig never puts a name into SQL any other way.
func QuoteIdent(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// QuoteLiteral quotes an SQL string literal, doubling embedded quotes. It uses
// the standard form (standard_conforming_strings is on in every server jig
// talks to), so a backslash is just a backslash.
func QuoteLiteral(s string) string {
	return `'` + strings.ReplaceAll(s, `'`, `''`) + `'`
}
