package engine

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jig-sql/jig/checks"
)

// SelfTestOutcome is what a self-test concluded about one check.
type SelfTestOutcome string

// The outcomes of a self-test. Only Proven says the check was seen failing
// on real rows in the real server (and passing on others).
const (
	SelfTestProven     SelfTestOutcome = "proven"
	SelfTestCannotFail SelfTestOutcome = "cannot fail"
	SelfTestUnproven   SelfTestOutcome = "unproven"
	SelfTestError      SelfTestOutcome = "error"
)

// SelfTestResult is the self-test of one configured check.
type SelfTestResult struct {
	Name    string // the check's name, as checks.Result has it
	Kind    string
	Target  string
	Pos     checks.Pos
	Outcome SelfTestOutcome
	// Reason says why, in one line: the rows it failed and passed on, the
	// constraint that guarantees it, or what jig could not do.
	Reason string
	// Attempts counts the row sets inserted.
	Attempts int
}

// SelfTest proves, check by check, that each can fail: it inserts rows
// built to violate the check and rows built to satisfy it (checks.Recipes),
// each set in its own transaction that rolls back, and runs the check's own
// statement on them. An integrity constraint rejecting the violating rows
// means the schema already guarantees the check: it cannot fail.
func (r *Runner) SelfTest(ctx context.Context, cfg []checks.Configured) []SelfTestResult {
	inputs := r.selfTestInputs(ctx, cfg)
	out := make([]SelfTestResult, len(cfg))
	w, err := r.acquire(ctx)
	if err != nil {
		for i, c := range cfg {
			out[i] = selfTestResult(c, SelfTestError, err.Error())
		}
		return out
	}
	now := time.Now().UTC()
	for i, c := range cfg {
		out[i] = r.selfTestOne(ctx, w, c, checks.Env{Tables: r.Suite.Tables, Now: now}, inputs)
	}
	if w.conn.IsClosed() {
		r.drop(w)
	} else {
		r.release(w)
	}
	return out
}

// queryInput is a query target's SQL and the tables it reads, or why
// they are not known.
type queryInput struct {
	sql    string
	tables []string
	err    error
}

// queryInputs holds a queryInput per query target.
type queryInputs map[string]queryInput

// selfTestInputs asks the planner which tables each query target reads.
func (r *Runner) selfTestInputs(ctx context.Context, cfg []checks.Configured) queryInputs {
	in := queryInputs{}
	resolve := r.Suite.resolver()
	for _, c := range cfg {
		t, err := resolve(c.Table)
		if _, done := in[c.Table]; err != nil || !t.IsQuery() || done {
			continue
		}
		tables, err := r.QueryTables(ctx, t.Query)
		in[c.Table] = queryInput{t.Query, tables, err}
	}
	return in
}

func selfTestResult(c checks.Configured, o SelfTestOutcome, reason string) SelfTestResult {
	return SelfTestResult{Name: c.Name(), Kind: c.Kind, Target: c.Table, Pos: c.Pos, Outcome: o, Reason: reason}
}

// selfTestOne runs one check's recipe: violate first, then satisfy.
func (r *Runner) selfTestOne(ctx context.Context, w *worker, c checks.Configured, env checks.Env, in queryInputs) SelfTestResult {
	if q, ok := in[c.Table]; ok {
		if q.err != nil {
			return selfTestResult(c, SelfTestError, "reading the query's tables: "+q.err.Error())
		}
		env.Query, env.Inputs = q.sql, q.tables
	}
	recipe, err := checks.Recipes(c, env)
	if err != nil {
		return selfTestResult(c, SelfTestError, err.Error())
	}
	if recipe.CannotFail != "" {
		return selfTestResult(c, SelfTestCannotFail, recipe.CannotFail)
	}
	st := &selfTest{r: r, w: w, c: c}
	hit, err := st.first(ctx, recipe.Violate, true)
	if err != nil {
		return st.result(SelfTestError, err.Error())
	}
	if hit == nil {
		o, reason := st.noViolation(ctx, recipe)
		return st.result(o, reason)
	}
	ok, err := st.first(ctx, recipe.Satisfy, false)
	switch {
	case err != nil:
		return st.result(SelfTestError, err.Error())
	case ok == nil:
		return st.result(SelfTestError, "it fails on "+hit.Note+", but no rows jig built make it pass"+st.lastWhy())
	}
	return st.result(SelfTestProven, "fails on "+hit.Note+"; passes on "+ok.Note)
}

// noViolation decides between cannot fail and unproven when no attempt
// made the check fail.
func (st *selfTest) noViolation(ctx context.Context, recipe checks.Recipe) (SelfTestOutcome, string) {
	if st.direct > 0 && len(st.guards) == st.direct {
		return SelfTestCannotFail, "the schema already guarantees it (" + strings.Join(unique(st.guards), "; ") + ")"
	}
	if recipe.Constant != "" && st.constantTrue(ctx, recipe.Constant) {
		return SelfTestCannotFail, "it reads no column and is true on its own"
	}
	var why string
	switch {
	case len(recipe.Violate) == 0:
		why = recipe.Caveat
	case recipe.Searched:
		why = fmt.Sprintf("%d row sets tried, none makes it fail", st.attempts)
		if len(st.rejected) > 0 {
			why += "; the schema rejected some (" + strings.Join(unique(st.rejected), "; ") + ")"
		}
		if recipe.Caveat != "" {
			why = recipe.Caveat + "; " + why
		}
	default:
		why = "the rows built to violate it did not make it fail" + st.lastWhy()
		if recipe.Caveat != "" {
			why += " (" + recipe.Caveat + ")"
		}
	}
	return SelfTestUnproven, why + ": write a fixture that violates it"
}

func unique(list []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range list {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
