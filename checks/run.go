package checks

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// Querier runs one statement and returns its result as text, NULL as nil.
// engine satisfies it; checks never opens a connection itself.
type Querier interface {
	Query(ctx context.Context, sql string) (columns []string, rows [][]*string, err error)
}

// Status is the outcome of one check.
type Status string

// The statuses of a Result.
const (
	StatusPass  Status = "pass"
	StatusFail  Status = "fail"  // failing rows, severity error
	StatusWarn  Status = "warn"  // failing rows, severity warn
	StatusError Status = "error" // the check could not run
)

// Sample is a few failing rows, values as text (NULL as nil). Postgres sends
// them as JSON, so timestamps read 2024-01-01T00:00:00 and nested values are
// JSON text.
type Sample struct {
	Columns []string
	Rows    [][]*string
}

// Result is the outcome of one configured check.
type Result struct {
	Name    string // the check's name, given or derived (not_null(event_id))
	Kind    string
	Target  string
	Pos     Pos
	Status  Status
	Failing int64
	Sample  Sample
	SQL     string // the statement run, for "show me the SQL"
	Took    time.Duration
	Err     error
}

// RunOption adjusts Run.
type RunOption func(*runConfig)

type runConfig struct {
	dialect Dialect
	resolve Resolver
}

// WithDialect compiles for d (default Postgres).
func WithDialect(d Dialect) RunOption { return func(c *runConfig) { c.dialect = d } }

// WithResolver resolves target and relation names (default: all are tables).
func WithResolver(r Resolver) RunOption { return func(c *runConfig) { c.resolve = r } }

// Run runs checks one after the other, one statement each, and returns a
// Result per check in the same order. A check that cannot run gets
// StatusError; the others still run. Once ctx is done the rest are errors.
func Run(ctx context.Context, q Querier, checks []Configured, opts ...RunOption) []Result {
	cfg := runConfig{resolve: resolveTable}
	for _, o := range opts {
		o(&cfg)
	}
	out := make([]Result, len(checks))
	for i, c := range checks {
		out[i] = runOne(ctx, q, c, cfg)
	}
	return out
}

// runOne compiles and runs one check.
func runOne(ctx context.Context, q Querier, c Configured, cfg runConfig) Result {
	r := Result{Name: c.Name(), Kind: c.Kind, Target: c.Table, Pos: c.Pos, Status: StatusError}
	if err := ctx.Err(); err != nil {
		r.Err = err
		return r
	}
	target, err := cfg.resolve(c.Table)
	if err == nil {
		r.SQL, err = c.Compile(target, cfg.dialect, cfg.resolve)
	}
	if err != nil {
		r.Err = fmt.Errorf("%s: %w", r.Name, err)
		return r
	}
	start := time.Now()
	cols, rows, err := q.Query(ctx, r.SQL)
	r.Took = time.Since(start)
	if err == nil {
		r.Failing, r.Sample, err = readResult(cols, rows)
	} else {
		err = reposition(err, c, r.SQL)
	}
	if err != nil {
		r.Err = fmt.Errorf("%s: %w", r.Name, err)
		return r
	}
	r.Status = c.Check.Common().StatusFor(r.Failing)
	return r
}

// readResult reads the one row of failing count and JSON sample.
func readResult(cols []string, rows [][]*string) (int64, Sample, error) {
	if len(rows) != 1 || len(rows[0]) != 2 || rows[0][0] == nil {
		return 0, Sample{}, fmt.Errorf("expected one row of (failing, sample), got %d rows of %v", len(rows), cols)
	}
	n, err := strconv.ParseInt(*rows[0][0], 10, 64)
	if err != nil {
		return 0, Sample{}, fmt.Errorf("reading failing count: %w", err)
	}
	if rows[0][1] == nil {
		return n, Sample{}, nil
	}
	s, err := ParseSample([]byte(*rows[0][1]))
	return n, s, err
}

// ParseSample reads a JSON array of row objects (json_agg's output) into a
// Sample, keeping the column order of the first row.
func ParseSample(data []byte) (Sample, error) {
	var raw []json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return Sample{}, fmt.Errorf("reading sample: %w", err)
	}
	var s Sample
	for _, obj := range raw {
		keys, vals, err := objectFields(obj)
		if err != nil {
			return Sample{}, fmt.Errorf("reading sample: %w", err)
		}
		if s.Columns == nil {
			s.Columns = keys
		}
		s.Rows = append(s.Rows, vals)
	}
	return s, nil
}

// objectFields reads one JSON object's keys in order, values as text.
func objectFields(obj []byte) ([]string, []*string, error) {
	dec := json.NewDecoder(bytes.NewReader(obj))
	dec.UseNumber()
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, nil, fmt.Errorf("sample row is not an object: %s", obj)
	}
	var keys []string
	var vals []*string
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, nil, err
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, nil, err
		}
		keys = append(keys, t.(string))
		vals = append(vals, jsonText(v))
	}
	return keys, vals, nil
}

// jsonText is a JSON value as a cell's text: strings unquoted, null nil.
func jsonText(v json.RawMessage) *string {
	switch {
	case string(v) == "null":
		return nil
	case len(v) > 0 && v[0] == '"':
		var s string
		_ = json.Unmarshal(v, &s)
		return &s
	}
	s := string(v)
	return &s
}

// Repositioner is an error that can move its position from the statement a
// check compiled to onto the file it came from (engine's SQLError is one).
type Repositioner interface {
	Reposition(file, source string, pos func(offset int) (line, col int)) error
}

// reposition places a Querier's error at the check's YAML (see SourcePos).
func reposition(err error, c Configured, sql string) error {
	var rp Repositioner
	if !errors.As(err, &rp) || c.Pos.File == "" {
		return err
	}
	source, pos := c.SourcePos(sql)
	return rp.Reposition(c.Pos.File, source, pos)
}
