package checks

import (
	"fmt"
	"strings"

	"github.com/jig-sql/jig/workspace"
)

// Dialect is the SQL dialect a check compiles to.
type Dialect int

// The dialects jig compiles checks for.
const (
	// Postgres returns the failing count and a JSON sample of failing rows.
	Postgres Dialect = iota
	// Redshift returns the failing count only (sample is NULL): Redshift has
	// no json_agg and no way to serialise a row of unknown shape.
	Redshift
)

// Every check compiles to one statement of this shape:
//
//	WITH jig_target AS (the checked rows: table or query, filtered by where),
//	     [jig_ref_1 AS (a query another relation resolved to), ...]
//	     jig_failures AS (the check's failing rows)
//	SELECT <count of jig_failures> AS failing, <sample of jig_failures> AS sample
//
// jig_failures is read twice, so Postgres materialises it: the table is
// scanned once and only failing rows are kept. The jig_ prefix keeps the CTE
// names away from the user's own tables.
const (
	targetCTE   = "jig_target"
	failuresCTE = "jig_failures"
)

// builder collects what one check's statement needs besides its failures
// query: the dialect and the relations it refers to.
type builder struct {
	dialect Dialect
	resolve Resolver
	refs    []string // extra CTEs, "jig_ref_1 AS (...)"
}

// ident quotes a column name.
func (b *builder) ident(name string) string { return workspace.QuoteIdent(name) }

// relation returns SQL naming another relation a check refers to (a table, or
// a CTE holding the query the name resolves to).
func (b *builder) relation(name string) (string, error) {
	t, err := b.resolve(name)
	if err != nil {
		return "", fmt.Errorf("resolving %q: %w", name, err)
	}
	if !t.IsQuery() {
		return t.relation(), nil
	}
	return b.query(t.Query), nil
}

// query adds a CTE for user query text and returns its name.
func (b *builder) query(text string) string {
	name := fmt.Sprintf("jig_ref_%d", len(b.refs)+1)
	b.refs = append(b.refs, name+" AS (\n"+trimQuery(text)+"\n)")
	return name
}

// now is the current time in the dialect: Redshift's now() is deprecated and
// runs on the leader node only.
func (b *builder) now() string {
	if b.dialect == Redshift {
		return "getdate()"
	}
	return "now()"
}

// compile builds the statement for check c reading target t.
func compile(c Check, t Target, d Dialect, resolve Resolver) (string, error) {
	if resolve == nil {
		resolve = resolveTable
	}
	if t.Table == "" && t.Query == "" {
		return "", fmt.Errorf("%s: target %q is neither a table nor a query", c.Kind(), t.Name)
	}
	b := &builder{dialect: d, resolve: resolve}
	fail, err := c.failures(b)
	if err != nil {
		return "", fmt.Errorf("%s: %w", c.Kind(), err)
	}
	var sb strings.Builder
	sb.WriteString("WITH " + targetCTE + " AS (\n  " + targetSelect(c, t) + "\n)")
	for _, r := range b.refs {
		sb.WriteString(",\n" + r)
	}
	sb.WriteString(",\n" + failuresCTE + " AS (\n  " + fail + "\n)\n")
	sb.WriteString(finalSelect(d, c.Common().SampleSize()))
	if err := oneStatement(sb.String()); err != nil {
		return "", fmt.Errorf("%s: %w", c.Kind(), err)
	}
	return sb.String(), nil
}

// targetSelect reads the checked rows. The sql check applies `where` to its
// own output instead, so its target is unfiltered.
func targetSelect(c Check, t Target) string {
	s := "SELECT * FROM " + t.relation()
	if w := c.Common().Where; w != "" && c.Kind() != "sql" {
		s += " WHERE (" + fragment(w) + ")"
	}
	return s
}

// finalSelect returns the count and the sample in one row.
func finalSelect(d Dialect, sample int) string {
	if d == Redshift {
		return "SELECT count(*) AS failing, CAST(NULL AS VARCHAR) AS sample FROM " + failuresCTE
	}
	// jig_sample.* is always the whole row: a bare jig_sample would read a
	// column of that name if the rows had one.
	return fmt.Sprintf("SELECT (SELECT count(*) FROM %s) AS failing,\n"+
		"  (SELECT coalesce(json_agg(jig_sample.*), '[]') FROM (SELECT * FROM %s LIMIT %d) AS jig_sample) AS sample",
		failuresCTE, failuresCTE, sample)
}

// inList renders values as a parenthesised list of string literals. They are
// left untyped so Postgres reads each as the column's type: '3' compares
// with an integer column, 'chrome' with text, 'happy' with an enum.
func inList(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = workspace.QuoteLiteral(v)
	}
	return "(" + strings.Join(q, ", ") + ")"
}
