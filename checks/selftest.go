package checks

import (
	"fmt"
	"time"

	"github.com/jig-sql/jig/workspace"
	"github.com/jig-sql/jig/workspace/sqlmap"
)

// Self-testing a check (jig check --self-test) means seeing it fail on rows
// built to violate it and pass on rows built to satisfy it, on the real
// server. What violates a check is knowledge of the check type, so it lives
// here as plain data; engine inserts the rows (the row factory fills every
// column a Dataset leaves out) and runs the check's own statement.

// Dataset is rows for one table, written as a fixture's `given` writes them:
// column name to a YAML-like value (nil for NULL, string, int64, float64,
// bool). Columns a row leaves out get the row factory's defaults.
type Dataset struct {
	Table string
	Rows  []map[string]any
}

// Attempt is one try at violating or satisfying a check: its datasets are
// inserted together in one transaction that rolls back.
type Attempt struct {
	// Note says what the attempt does, for reports: "event_id = NULL".
	Note string
	// Data are the rows to insert, one Dataset per table.
	Data []Dataset
	// Absent are rows that must not exist beside Data: parent rows the row
	// factory would add for these values are left out, so a foreign key,
	// if the schema has one, sees its parent missing.
	Absent []Dataset
	// Direct marks an attempt built from the check's definition: when the
	// database rejects its rows with an integrity constraint, the schema
	// already guarantees what the check asks.
	Direct bool
}

// Recipe is how to self-test one check.
type Recipe struct {
	// Violate are tried in order until the check fails on one.
	Violate []Attempt
	// Satisfy are tried in order until the check passes on one.
	Satisfy []Attempt
	// CannotFail says why the parameters alone make the check always pass;
	// Violate is empty then.
	CannotFail string
	// Searched is true when Violate comes from a search over values of the
	// columns the check mentions rather than from the check's definition.
	Searched bool
	// Caveat is what the recipe could not ensure (rows passing `where`),
	// to report when no attempt violates the check.
	Caveat string
	// Constant is the expression of an expression check that names no
	// column or table: whether it holds cannot depend on the rows.
	Constant string
}

// Env is what Recipes knows about the database.
type Env struct {
	// Tables are the workspace's tables as the server describes them.
	Tables []workspace.Table
	// Query is the SQL of the query whose output the check reads, "" for
	// a check on a table; Inputs are then the tables the query reads.
	Query  string
	Inputs []string
	// Now is the clock freshness reads (the server's now(), near enough).
	Now time.Time
}

// MaxSelfTestRows bounds the rows a row_count attempt inserts.
const MaxSelfTestRows = 10_000

// table finds a table by name.
func (e Env) table(name string) *workspace.Table {
	for i := range e.Tables {
		if e.Tables[i].Name == name && e.Tables[i].Schema == "" || e.Tables[i].Schema+"."+e.Tables[i].Name == name || datasetTable(&e.Tables[i]) == name {
			return &e.Tables[i]
		}
	}
	return nil
}

// Recipes builds the rows that should make c fail and the rows that should
// make it pass. A check on a query's output gets a search over the query's
// input tables: only the query knows how input becomes output.
func Recipes(c Configured, env Env) (Recipe, error) {
	if rc, ok := c.Check.(*RowCount); ok && rc.alwaysTrue() {
		return Recipe{CannotFail: "row_count with only `min: 0` holds for every number of rows"}, nil
	}
	if env.Query != "" {
		return searchQuery(c, env)
	}
	t := env.table(c.Table)
	if t == nil {
		return Recipe{}, fmt.Errorf("%s: %q is neither a table of the schema nor a query", c.Name(), c.Table)
	}
	r, err := tableRecipe(c, t, env)
	if err != nil {
		return Recipe{}, fmt.Errorf("%s: %w", c.Name(), err)
	}
	if w := c.Check.Common().Where; w != "" && r.Caveat == "" && c.Kind != "sql" {
		r.Caveat = "the rows were not built to pass `where: " + w + "`"
	}
	return r, nil
}

// tableRecipe dispatches on the check type for a check on a table.
func tableRecipe(c Configured, t *workspace.Table, env Env) (Recipe, error) {
	switch ch := c.Check.(type) {
	case *NotNull:
		return notNullRecipe(ch, t)
	case *NotEmpty:
		return notEmptyRecipe(ch, t)
	case *Unique:
		return uniqueRecipe(ch, t)
	case *AcceptedValues:
		return acceptedRecipe(ch.Column, ch.Values, t)
	case *NotAcceptedValues:
		return notAcceptedRecipe(ch, t)
	case *Relationships:
		return relationshipsRecipe(ch, t, env)
	case *RowCount:
		return rowCountRecipe(ch, t)
	case *EqualRowCount:
		return equalRowCountRecipe(ch, t, env)
	case *AcceptedRange:
		return rangeRecipe(ch, t)
	case *Matches:
		return matchesRecipe(ch, t)
	case *Freshness:
		return freshnessRecipe(ch, t, env.Now)
	case *Expression:
		return searchExpression(ch, t, env), nil
	case *CustomSQL:
		return searchSQL(ch, t, env), nil
	}
	return Recipe{}, fmt.Errorf("no self-test recipe for check type %s", c.Kind)
}

// alwaysTrue reports whether the bounds accept every count: min 0 alone.
func (c *RowCount) alwaysTrue() bool {
	return c.Max == nil && c.Equal == nil && (c.Min == nil || *c.Min <= 0)
}

// column finds a column the check names.
func column(t *workspace.Table, name string) (*workspace.Column, error) {
	col, ok := t.Column(name)
	if !ok {
		return nil, fmt.Errorf("table %s has no column %q", t.Name, name)
	}
	return col, nil
}

// one is an attempt of one row in one table.
func one(note, table string, row map[string]any, direct bool) Attempt {
	return Attempt{Note: note, Direct: direct, Data: []Dataset{{Table: table, Rows: []map[string]any{row}}}}
}

// show writes a value as a note shows it: NULL, a quoted string, a number.
func show(v any) string {
	switch v := v.(type) {
	case nil:
		return "NULL"
	case string:
		return workspace.QuoteLiteral(v)
	}
	return fmt.Sprint(v)
}

// datasetTable names t in a Dataset: bare in the default schema, else
// schema.name as the user writes it (quoted where needed), which engine
// reads back as the user's name.
func datasetTable(t *workspace.Table) string {
	if t.Schema == "" {
		return t.Name
	}
	return sqlmap.Display(t.Schema) + "." + sqlmap.Display(t.Name)
}
