package checks

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"strconv"

	"github.com/jig-sql/jig/workspace"
)

// AcceptedRange fails rows whose column lies outside [min, max]. Bounds are
// inclusive unless `exclusive` is set; min_inclusive and max_inclusive
// override it per bound. A bound may be a number or a string Postgres reads
// as the column's type (a date, a timestamp). NULL passes.
type AcceptedRange struct {
	Options `yaml:",inline"`
	// Column is the column whose values must lie in the range.
	Column string `yaml:"column" required:"true"`
	// Min is the lowest accepted value; omit it for no lower bound.
	Min *Value `yaml:"min,omitempty"`
	// Max is the highest accepted value; omit it for no upper bound.
	Max *Value `yaml:"max,omitempty"`
	// Exclusive makes both bounds exclusive (default false: inclusive).
	Exclusive bool `yaml:"exclusive,omitempty"`
	// MinInclusive says whether min itself is accepted; overrides exclusive.
	MinInclusive *bool `yaml:"min_inclusive,omitempty"`
	// MaxInclusive says whether max itself is accepted; overrides exclusive.
	MaxInclusive *bool `yaml:"max_inclusive,omitempty"`
}

// Kind is "accepted_range".
func (*AcceptedRange) Kind() string      { return "accepted_range" }
func (c *AcceptedRange) subject() string { return c.Column }

// inclusive resolves whether a bound is inclusive.
func (c *AcceptedRange) inclusive(override *bool) bool {
	if override != nil {
		return *override
	}
	return !c.Exclusive
}

func (c *AcceptedRange) validate() []paramError {
	if c.Min == nil && c.Max == nil {
		return []paramError{{msg: "needs `min`, `max` or both"}}
	}
	if c.Min == nil || c.Max == nil || !c.Min.Number || !c.Max.Number {
		return nil
	}
	lo, _ := strconv.ParseFloat(c.Min.Text, 64)
	hi, _ := strconv.ParseFloat(c.Max.Text, 64)
	empty := lo == hi && !(c.inclusive(c.MinInclusive) && c.inclusive(c.MaxInclusive))
	if lo > hi || empty {
		return []paramError{{param: "min",
			msg: fmt.Sprintf("`min` %s and `max` %s accept no value at all", c.Min.Text, c.Max.Text)}}
	}
	return nil
}

func (c *AcceptedRange) failures(b *builder) (string, error) {
	col := b.ident(c.Column)
	var conds []string
	if c.Min != nil {
		op := "<"
		if !c.inclusive(c.MinInclusive) {
			op = "<="
		}
		conds = append(conds, col+" "+op+" "+c.Min.sql())
	}
	if c.Max != nil {
		op := ">"
		if !c.inclusive(c.MaxInclusive) {
			op = ">="
		}
		conds = append(conds, col+" "+op+" "+c.Max.sql())
	}
	where := conds[0]
	if len(conds) == 2 {
		where = conds[0] + " OR " + conds[1]
	}
	return "SELECT * FROM " + targetCTE + " WHERE " + where, nil
}

// Matches fails rows whose column does not match a POSIX regular expression
// (Postgres `~`, case-sensitive; Redshift supports it too). NULL passes. The
// column must be text: cast others in an expression check instead.
type Matches struct {
	Options `yaml:",inline"`
	// Column is the text column to match.
	Column string `yaml:"column" required:"true"`
	// Pattern is the POSIX regular expression every value must match;
	// anchor it with ^ and $ to match whole values.
	Pattern string `yaml:"pattern" required:"true"`
}

// Kind is "matches".
func (*Matches) Kind() string      { return "matches" }
func (c *Matches) subject() string { return c.Column }

// validate compiles the pattern with Go's RE2 as a first pass. Postgres
// speaks POSIX ARE, which accepts a little more (lookahead, backreferences):
// RE2 errors about those are let through for Postgres to judge.
func (c *Matches) validate() []paramError {
	_, err := regexp.Compile(c.Pattern)
	if err == nil {
		return nil
	}
	if se, ok := err.(*syntax.Error); ok {
		switch se.Code {
		case syntax.ErrInvalidPerlOp, syntax.ErrInvalidEscape, syntax.ErrInvalidNamedCapture:
			return nil
		}
	}
	return []paramError{{param: "pattern",
		msg: fmt.Sprintf("`pattern` is not a valid regular expression: %v", err)}}
}

func (c *Matches) failures(b *builder) (string, error) {
	return "SELECT * FROM " + targetCTE + " WHERE " + b.ident(c.Column) + " !~ " +
		workspace.QuoteLiteral(c.Pattern), nil
}
