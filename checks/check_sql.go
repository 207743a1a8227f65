package checks

import (
	"fmt"
	"regexp"

	"github.com/jig-sql/jig/workspace"
)

// Expression fails rows for which an SQL boolean expression over the row is
// false. NULL counts as true, as in a CHECK constraint: write
// `coalesce(expr, false)` to fail NULLs too.
type Expression struct {
	Options `yaml:",inline"`
	// Expression is an SQL boolean expression over one row's columns.
	Expression string `yaml:"expression" required:"true"`
}

// Kind is "expression".
func (*Expression) Kind() string      { return "expression" }
func (c *Expression) subject() string { return c.Expression }
func (c *Expression) validate() []paramError {
	if isBlank(c.Expression) {
		return []paramError{{param: "expression", msg: "`expression` is blank"}}
	}
	return onePiece("expression", c.Expression)
}

func (c *Expression) failures(*builder) (string, error) {
	return "SELECT * FROM " + targetCTE + " WHERE NOT (" + fragment(c.Expression) + ")", nil
}

// CustomSQL runs any query; every row it returns is a failure. The query may
// read the checked rows as jig_target. NULLs mean whatever the query makes
// of them. `where` filters the rows it returns.
type CustomSQL struct {
	Options `yaml:",inline"`
	// SQL is a query whose rows are the failures.
	SQL string `yaml:"sql" required:"true"`
}

// Kind is "sql".
func (*CustomSQL) Kind() string      { return "sql" }
func (c *CustomSQL) subject() string { return "" }
func (c *CustomSQL) validate() []paramError {
	if isBlank(trimQuery(c.SQL)) {
		return []paramError{{param: "sql", msg: "`sql` is blank"}}
	}
	return onePiece("sql", c.SQL)
}

func (c *CustomSQL) failures(*builder) (string, error) {
	s := "SELECT * FROM (\n" + oneQuery(c.SQL) + "\n) AS q"
	if c.Where != "" {
		s += " WHERE (" + fragment(c.Where) + ")"
	}
	return s, nil
}

// Freshness fails when the newest value of a timestamp or date column is
// older than max_age before now, or when there is no value at all (an empty
// target, or only NULLs, is not fresh). The failing row carries the newest
// value. NULLs are otherwise ignored.
type Freshness struct {
	Options `yaml:",inline"`
	// Column is the timestamp or date column holding when a row arrived.
	Column string `yaml:"column" required:"true"`
	// MaxAge is how old the newest value may be, as an interval: "24 hours".
	MaxAge string `yaml:"max_age" required:"true"`
}

// intervalRE accepts the interval spellings Postgres and Redshift share.
var intervalRE = regexp.MustCompile(`(?i)^\s*(\d+(\.\d+)?\s*(microseconds?|milliseconds?|seconds?|secs?|minutes?|mins?|hours?|days?|weeks?|months?|years?)\s*)+$`)

// Kind is "freshness".
func (*Freshness) Kind() string      { return "freshness" }
func (c *Freshness) subject() string { return c.Column }
func (c *Freshness) validate() []paramError {
	if !intervalRE.MatchString(c.MaxAge) {
		return []paramError{{param: "max_age",
			msg: fmt.Sprintf("`max_age` must be an interval such as \"24 hours\" or \"7 days\", got %q", c.MaxAge)}}
	}
	return nil
}

func (c *Freshness) failures(b *builder) (string, error) {
	newest := "max(" + b.ident(c.Column) + ")"
	return "SELECT " + newest + " AS newest FROM " + targetCTE + " HAVING " + newest + " IS NULL OR " +
		newest + " < " + b.now() + " - interval " + workspace.QuoteLiteral(c.MaxAge), nil
}
