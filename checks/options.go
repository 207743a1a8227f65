package checks

import (
	"fmt"

	"github.com/jig-sql/jig/workspace"
	"github.com/jig-sql/jig/workspace/diag"
)

// Severity says what a failing check does to a run.
type Severity string

// The severities a check can have.
const (
	// SeverityError makes a failing check fail the run (`jig test` exits non-zero).
	SeverityError Severity = "error"
	// SeverityWarn reports a failing check without failing the run.
	SeverityWarn Severity = "warn"
)

// DefaultSample is how many failing rows a check returns when `sample` is not given.
const DefaultSample = 5

// MaxSample bounds `sample`: the sample is for a person to read, not an export.
const MaxSample = 100

// Options are the settings every check accepts beside its own parameters,
// written as sibling keys of the check in a list item or inside its map.
type Options struct {
	// Name identifies the check in results; the default is the check type and
	// its subject, e.g. not_null(event_id).
	Name string `yaml:"name,omitempty"`
	// Severity is error (a failure fails the run, the default) or warn (a
	// failure is reported and the run still passes).
	Severity Severity `yaml:"severity,omitempty"`
	// Where is an SQL boolean expression: only rows for which it is true are
	// checked (for sql, it filters the rows the query returns).
	Where string `yaml:"where,omitempty"`
	// Sample is how many failing rows to return beside the count: 0 to 100,
	// default 5.
	Sample *int `yaml:"sample,omitempty"`
	// WarnIf is dbt's warn_if: a failing-row count meeting it (an operator
	// and a whole number: ">10", ">=5", "!=0", the default) makes the check
	// warn, unless it fails by ErrorIf.
	WarnIf string `yaml:"warn_if,omitempty"`
	// ErrorIf is dbt's error_if: a failing-row count meeting it (">10",
	// "!=0", the default) fails the check; a count under it only warns (by
	// WarnIf) or passes. With severity warn it is not used.
	ErrorIf string `yaml:"error_if,omitempty"`
}

// Common returns the options, so every check type gets them by embedding.
func (o *Options) Common() *Options { return o }

// SeverityOrDefault is the severity with the default applied.
func (o *Options) SeverityOrDefault() Severity {
	if o.Severity == "" {
		return SeverityError
	}
	return o.Severity
}

// SampleSize is the number of failing rows to return, default applied.
func (o *Options) SampleSize() int {
	if o.Sample == nil {
		return DefaultSample
	}
	return *o.Sample
}

// optionNames are the YAML keys of Options, in documentation order.
var optionNames = []string{"name", "severity", "where", "sample", "warn_if", "error_if"}

// validate reports option values that are of the right type but not allowed.
func (o *Options) validate() []paramError {
	var errs []paramError
	switch o.Severity {
	case "", SeverityError, SeverityWarn:
	default:
		errs = append(errs, paramError{param: "severity",
			msg:  fmt.Sprintf("`severity` must be error or warn, got %q", string(o.Severity)),
			hint: diag.DidYouMean(string(o.Severity), []string{"error", "warn"})})
	}
	if o.Sample != nil && (*o.Sample < 0 || *o.Sample > MaxSample) {
		errs = append(errs, paramError{param: "sample",
			msg: fmt.Sprintf("`sample` must be between 0 and %d, got %d", MaxSample, *o.Sample)})
	}
	errs = append(errs, o.thresholdErrors()...)
	if o.Where != "" && isBlank(o.Where) {
		errs = append(errs, paramError{param: "where", msg: "`where` is blank"})
	}
	return append(errs, fragmentErrors("where", o.Where)...)
}

// fragmentErrors reports user SQL that would not stay one piece inside the
// check's statement: each check compiles to exactly one statement, so a
// semicolon, an unbalanced parenthesis or an open string cannot get through.
func fragmentErrors(param, sql string) []paramError {
	off, msg := workspace.FragmentProblem(sql)
	if off < 0 {
		return nil
	}
	near := []rune(sql[off:])
	if len(near) > 20 {
		near = append(near[:20], '…')
	}
	return []paramError{{param: param, msg: fmt.Sprintf("`%s` %s (at %q)", param, msg, string(near)),
		hint: "write one SQL expression (or, for sql, one query) with its parentheses and quotes closed"}}
}

// paramError is a mistake in one parameter's value, found after decoding; the
// decoder turns it into a ConfigError at that parameter's position.
type paramError struct {
	param string // YAML name; "" means the check as a whole
	msg   string
	hint  string
}
