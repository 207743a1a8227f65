package engine

import (
	"context"
	"strings"

	"github.com/jig-sql/jig/workspace"
	"github.com/jig-sql/jig/workspace/diag"
	"github.com/jig-sql/jig/workspace/sqlmap"
	"github.com/jig-sql/jig/workspace/sqlscan"
)

// table finds the table a user names: events (the default schema),
// public.events, atomic.events, "Atomic"."Events"; unquoted parts fold to
// lower case as Postgres folds them. A name that does not read as SQL
// (or finds nothing) is tried as written, so a key "Events" still finds a
// table created as "Events".
func (s *Suite) table(name string) *workspace.Table {
	if schema, table, ok := splitName(name); ok {
		if t := s.tableIn(schema, table); t != nil {
			return t
		}
	}
	return s.tableIn("", name)
}

// tableIn is the table schema.name ("" for the default schema), as
// Postgres names them (folded).
func (s *Suite) tableIn(schema, name string) *workspace.Table {
	for i := range s.Tables {
		if s.Tables[i].Name == name && s.Tables[i].Schema == schema {
			return &s.Tables[i]
		}
	}
	return nil
}

// splitName reads name as a table name in SQL: name or schema.name, each
// part quoted or not; public is the default schema ("").
func splitName(name string) (schema, table string, ok bool) {
	toks := sqlscan.ScanSignificant(name)
	isName := func(t sqlscan.Token) bool { return t.Kind == sqlscan.Ident || t.Kind == sqlscan.QuotedIdent }
	switch {
	case len(toks) == 1 && isName(toks[0]):
		return "", toks[0].Name(), true
	case len(toks) == 3 && isName(toks[0]) && toks[1].IsSymbol(".") && isName(toks[2]):
		schema = toks[0].Name()
		if schema == "public" {
			schema = ""
		}
		return schema, toks[2].Name(), true
	}
	return "", "", false
}

// UserName is a table's name as the user writes it: events, atomic.events.
func UserName(t *workspace.Table) string {
	if t.Schema == "" {
		return t.Name
	}
	return sqlmap.Display(t.Schema) + "." + sqlmap.Display(t.Name)
}

// Table is the table a user names (see table), nil when there is none.
func (s *Suite) Table(name string) *workspace.Table { return s.table(name) }

// FactoryName is the table's name for the row factory (rows.Factory keys).
func FactoryName(t *workspace.Table) string { return factoryName(t) }

func factoryName(t *workspace.Table) string {
	if t.Schema == "" {
		return t.Name
	}
	return t.Schema + "." + t.Name
}

func (s *Suite) tableNames() []string {
	names := make([]string, len(s.Tables))
	for i := range s.Tables {
		names[i] = UserName(&s.Tables[i])
	}
	return names
}

// targetKey identifies what a check or fixture names: a table however it
// is spelled (events, public.events), else the name (a query).
func (s *Suite) targetKey(name string) string {
	if t := s.table(name); t != nil {
		return "table " + t.Schema + "\x00" + t.Name
	}
	return "query " + name
}

// relTable is the table Postgres names by its bare relation name in an
// error (TableName): the default schema's, else the first of that name.
func (s *Suite) relTable(rel string) *workspace.Table {
	if t := s.tableIn("", rel); t != nil {
		return t
	}
	for i := range s.Tables {
		if s.Tables[i].Name == rel {
			return &s.Tables[i]
		}
	}
	return nil
}

// tableHint suggests a table for a name that finds none: the same name in
// a declared schema (a bare name is only the default schema's), else the
// nearest name.
func (s *Suite) tableHint(name string) string {
	if schema, table, ok := splitName(name); ok && schema == "" {
		var in []string
		for i := range s.Tables {
			if s.Tables[i].Name == table && s.Tables[i].Schema != "" {
				in = append(in, UserName(&s.Tables[i]))
			}
		}
		if len(in) > 0 {
			return "did you mean " + strings.Join(in, " or ") + "? A name without a schema is the default schema's table"
		}
	}
	return diag.DidYouMean(name, s.tableNames())
}

// describeAll describes the tables of all the worker's schemas, named as
// the user writes them (unqualify), with the Redshift keys the schema
// files declare.
func describeAll(ctx context.Context, w *worker, ws *workspace.Workspace) ([]workspace.Table, error) {
	var tables []workspace.Table
	for _, schema := range w.schemas() {
		t, err := DescribeWorkspace(ctx, w.conn, schema, ws.Schema)
		if err != nil {
			return nil, err
		}
		tables = append(tables, t...)
	}
	unqualify(tables, w.names.m)
	for i := range tables {
		for _, f := range ws.Schema {
			if d, ok := f.Distribution(tables[i].Schema, tables[i].Name); ok && tables[i].Schema != "" {
				tables[i].Dist = d
				break
			}
		}
	}
	return tables, nil
}

// unqualify replaces the worker's schema names in the descriptions by the
// user's: "" for the main schema, atomic for atomic's private copy. Rows
// and checks then name tables as the user does, and each worker sends them
// under its own names.
func unqualify(tables []workspace.Table, m *sqlmap.Mapper) {
	for i := range tables {
		t := &tables[i]
		t.Schema, _ = m.User(t.Schema)
		for j := range t.ForeignKeys {
			fk := &t.ForeignKeys[j]
			if user, ok := m.User(fk.RefSchema); ok {
				fk.RefSchema = user
			}
		}
		for j := range t.Columns {
			c := &t.Columns[j]
			c.Type.Name = m.Unmap(c.Type.Name)
			if c.Type.Domain != nil {
				c.Type.Domain.Name = m.Unmap(c.Type.Domain.Name)
			}
		}
		if m.Shortened() {
			lengthen(t, m)
		}
	}
}

// lengthen gives a table the names written in the schema files where jig
// sent shorter ones (names over 63 bytes, see sqlmap.Short).
func lengthen(t *workspace.Table, m *sqlmap.Mapper) {
	long := func(names []string) {
		for i := range names {
			names[i] = m.Long(names[i])
		}
	}
	t.Name = m.Long(t.Name)
	for j := range t.Columns {
		t.Columns[j].Name = m.Long(t.Columns[j].Name)
	}
	long(t.PrimaryKey)
	for _, u := range t.Unique {
		long(u)
	}
	for j := range t.ForeignKeys {
		fk := &t.ForeignKeys[j]
		fk.RefTable = m.Long(fk.RefTable)
		long(fk.Columns)
		long(fk.RefColumns)
	}
	for j := range t.Checks {
		ck := &t.Checks[j]
		ck.Expression = m.Unmap(ck.Expression)
		long(ck.Columns)
	}
}
