package checks

import (
	"fmt"
	"strconv"

	"github.com/jig-sql/jig/rows"
	"github.com/jig-sql/jig/workspace"
	"github.com/jig-sql/jig/workspace/diag"
)

// SchemaLookup finds what a check's name refers to: the table (nil when the
// name is a query, whose columns are known only once it runs) and whether
// the name is a table or query of the workspace at all.
type SchemaLookup func(name string) (table *workspace.Table, known bool)

// ValidateSchema checks every parameter that names a column, a table or a
// value against the schema: columns that exist, values of the column's type,
// matches and not_empty on text, freshness on a date or timestamp. Each
// mistake is an error at the parameter, naming the column's type.
func ValidateSchema(cfg []Configured, lookup SchemaLookup) error {
	var errs diag.Errors
	for _, c := range cfg {
		v := &schemaCheck{c: c, lookup: lookup, errs: &errs, names: map[*workspace.Table]string{}}
		t, known := lookup(c.Table)
		switch {
		case !known:
			continue // an unknown target is reported where it is resolved
		case t == nil:
			v.others() // a query: its columns are known once it runs
		default:
			v.names[t] = c.Table // named as the check names it (web.sessions)
			v.check(t)
		}
	}
	return errs.Err()
}

// schemaCheck validates one configured check.
type schemaCheck struct {
	c      Configured
	lookup SchemaLookup
	errs   *diag.Errors
	names  map[*workspace.Table]string // each table as the check names it
}

// errorf reports a mistake at parameter param ("" for the check itself).
func (v *schemaCheck) errorf(param, hint, format string, args ...any) {
	at, ok := v.c.Params[param]
	if !ok {
		at = ParamAt{Pos: v.c.Pos}
	}
	*v.errs = append(*v.errs, &diag.PosError{File: at.Pos.File, Line: at.Pos.Line, Col: at.Pos.Col,
		Msg: v.c.Kind + ": " + fmt.Sprintf(format, args...), Hint: hint})
}

// tableName is t's name as the check writes it: events, web.sessions.
func (v *schemaCheck) tableName(t *workspace.Table) string {
	if name, ok := v.names[t]; ok {
		return name
	}
	return t.Name
}

// column finds a column named by param, reporting it when missing.
func (v *schemaCheck) column(t *workspace.Table, param, name string) *workspace.Column {
	col, ok := t.Column(name)
	if !ok {
		v.errorf(param, diag.DidYouMean(name, columnNames(t)), "%s has no column `%s`", v.tableName(t), name)
		return nil
	}
	return col
}

func columnNames(t *workspace.Table) []string {
	out := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		out[i] = c.Name
	}
	return out
}

func (v *schemaCheck) check(t *workspace.Table) {
	switch c := v.c.Check.(type) {
	case *NotNull:
		v.column(t, "column", c.Column)
	case *NotEmpty:
		v.textColumn(t, c.Column)
	case *Matches:
		v.textColumn(t, c.Column)
	case *Unique:
		for i, name := range c.Columns {
			v.column(t, v.listParam("columns", i), name)
		}
	case *AcceptedValues:
		v.values(t, c.Column, c.Values)
	case *NotAcceptedValues:
		v.values(t, c.Column, c.Values)
	case *AcceptedRange:
		v.rangeBounds(t, c)
	case *Freshness:
		if col := v.column(t, "column", c.Column); col != nil && !isTimeType(col.Type) {
			v.errorf("column", "", "column %s is %s; freshness needs a date or timestamp column", col.Name, col.Type.Name)
		}
	case *Relationships:
		v.relationships(t, c)
	case *EqualRowCount:
		if name := c.other(); name != "" {
			v.relation(map[bool]string{true: "to", false: "table"}[c.To != ""], name)
		}
	}
}

// listParam is the Params key of element i of a list parameter; a list of
// one may have been written as a bare value (unique: id).
func (v *schemaCheck) listParam(name string, i int) string {
	key := name + "." + strconv.Itoa(i)
	if _, ok := v.c.Params[key]; ok {
		return key
	}
	return name
}

func (v *schemaCheck) textColumn(t *workspace.Table, name string) {
	if col := v.column(t, "column", name); col != nil && !isTextType(col.Type) {
		v.errorf("column", "", "column %s is %s; %s needs a text column", col.Name, col.Type.Name, v.c.Kind)
	}
}

// values checks each listed value against the column's type; an unquoted
// number or boolean for a text column is a YAML slip (values: [1, 2]).
func (v *schemaCheck) values(t *workspace.Table, column string, values []string) {
	col := v.column(t, "column", column)
	if col == nil {
		return
	}
	for i, val := range values {
		param := v.listParam("values", i)
		if at, ok := v.c.Params[param]; ok && !at.String && isTextType(col.Type) {
			v.errorf(param, "write it as a string: '"+val+"'", "value %s is a number, but column %s is %s: quote it", val, col.Name, col.Type.Name)
			continue
		}
		if _, err := rows.Parse(col.Type, val); err != nil {
			v.errorf(param, "", "value %s does not fit column %s (%s): %v", val, col.Name, col.Type.Name, err)
		}
	}
}

func (v *schemaCheck) rangeBounds(t *workspace.Table, c *AcceptedRange) {
	col := v.column(t, "column", c.Column)
	if col == nil {
		return
	}
	for param, b := range map[string]*Value{"min": c.Min, "max": c.Max} {
		if b == nil {
			continue
		}
		if _, err := rows.Parse(col.Type, b.Text); err != nil {
			v.errorf(param, "", "`%s` %s does not fit column %s (%s): %v", param, b.Text, col.Name, col.Type.Name, err)
		}
	}
}

// others checks the relations a check names besides its target (and
// their columns), for a target whose columns are not known: a query.
func (v *schemaCheck) others() {
	switch c := v.c.Check.(type) {
	case *Relationships:
		v.related(c)
	case *EqualRowCount:
		v.check(nil)
	}
}

func (v *schemaCheck) relationships(t *workspace.Table, c *Relationships) {
	v.column(t, "column", c.Column)
	v.related(c)
}

// related checks a relationship's `to` and its field.
func (v *schemaCheck) related(c *Relationships) {
	other := v.relation("to", c.To)
	if other == nil {
		return
	}
	field, param := c.Field, "field"
	if field == "" {
		field, param = c.Column, "to"
	}
	v.column(other, param, field)
}

// relation checks that name is a table or query; it returns the table.
func (v *schemaCheck) relation(param, name string) *workspace.Table {
	t, known := v.lookup(name)
	if !known {
		v.errorf(param, "", "`%s` %s is not a table or query of the workspace", param, name)
	}
	if t != nil {
		v.names[t] = name
	}
	return t
}

func isTextType(t workspace.Type) bool {
	switch t.Base {
	case "text", "varchar", "bpchar", "name", "citext":
		return !t.IsArray()
	}
	return false
}

func isTimeType(t workspace.Type) bool {
	switch t.Base {
	case "date", "timestamp", "timestamptz":
		return !t.IsArray()
	}
	return false
}
