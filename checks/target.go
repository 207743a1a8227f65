package checks

import (
	"strings"

	"github.com/jig-sql/jig/workspace"
)

// Target is what a check reads: a table, or the output of a query. It is a
// plain value so engine can build one for a table of the schema or for a query
// file without checks knowing where either came from.
type Target struct {
	// Name is the target as the config names it; results carry it.
	Name string
	// Schema and Table name a table; Schema may be empty (search_path).
	Schema string
	Table  string
	// Query is the text of a query whose output is checked; set instead of Table.
	Query string
}

// Resolver finds the Target for a name a check refers to: the file's `table:`
// and the other relation of relationships and equal_row_count.
type Resolver func(name string) (Target, error)

// TableTarget is a table target; "schema.table" is split at the first dot.
// It is the default Resolver, for callers that only check tables.
func TableTarget(name string) Target {
	schema, table, ok := strings.Cut(name, ".")
	if !ok {
		return Target{Name: name, Table: name}
	}
	return Target{Name: name, Schema: schema, Table: table}
}

// QueryTarget is a target reading the output of query, named name.
func QueryTarget(name, query string) Target {
	return Target{Name: name, Query: query}
}

// resolveTable is the Resolver used when none is given.
func resolveTable(name string) (Target, error) { return TableTarget(name), nil }

// IsQuery reports whether the target is a query's output.
func (t Target) IsQuery() bool { return t.Table == "" && t.Query != "" }

// relation is SQL that can stand after FROM: the quoted table name, or the
// query in parentheses with an alias.
func (t Target) relation() string {
	if t.IsQuery() {
		return "(\n" + trimQuery(t.Query) + "\n) AS jig_query"
	}
	tbl := workspace.Table{Schema: t.Schema, Name: t.Table}
	return tbl.QualifiedName()
}

// trimQuery drops surrounding space and trailing semicolons (and a comment
// after them), which would end the statement inside a subquery.
func trimQuery(q string) string { return workspace.TrimStatement(q) }

// fragment prepares user SQL for a pair of parentheses: a trailing line
// comment would swallow the closing parenthesis, so it gets a line of its own.
func fragment(sql string) string {
	sql = strings.TrimSpace(sql)
	if strings.Contains(sql, "--") {
		return sql + "\n"
	}
	return sql
}

// isBlank reports whether s holds only white space.
func isBlank(s string) bool { return strings.TrimSpace(s) == "" }
