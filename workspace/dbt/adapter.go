package dbt

import (
	"errors"
	"strings"
	"time"

	"github.com/nikolalohinski/gonja/v2/exec"
)

// adapter is dbt's adapter object: dispatch, quote, and the column lookup
// star() needs.
type adapter struct{ s *state }

// GetAttribute exposes the adapter's methods to Jinja.
func (a *adapter) GetAttribute(name string) (*exec.Value, bool) {
	switch name {
	case "dispatch":
		return exec.AsValue(a.dispatch), true
	case "quote":
		return exec.AsValue(func(args *exec.VarArgs) string { return quoteIdent(args.First().String()) }), true
	case "get_columns_in_relation":
		return exec.AsValue(a.columns), true
	case "type":
		return exec.AsValue(func(*exec.VarArgs) string { return a.s.target()["type"].(string) }), true
	}
	return exec.AsValue(a.s.fail("adapter.%s is not something jig provides", name)), false
}

// dispatch('name', 'package'): the first of redshift__name (dialect
// redshift), postgres__name, default__name a macro file defines, else
// jig's built-in of that name.
func (a *adapter) dispatch(e *exec.Evaluator, args *exec.VarArgs) *exec.Value {
	if len(args.Args) == 0 {
		return a.s.fail("adapter.dispatch() needs the macro's name")
	}
	name := args.Args[0].String()
	pkg := args.GetKeywordArgument("macro_namespace", "").String()
	if len(args.Args) > 1 {
		pkg = args.Args[1].String()
	}
	prefixes := []string{"postgres__", "default__"}
	if a.s.ld.redshift {
		prefixes = append([]string{"redshift__"}, prefixes...)
	}
	for _, p := range prefixes {
		if m, ok := e.Environment.Context.Get(p + name); ok && m != nil {
			return exec.AsValue(m)
		}
	}
	if ns := a.s.ns[pkg]; ns != nil {
		if fn := ns.lookup(name); fn != nil {
			return exec.AsValue(fn)
		}
	}
	if fn := a.s.ns["dbt"].lookup(name); fn != nil {
		return exec.AsValue(fn)
	}
	return a.s.fail("adapter.dispatch('%s'): no macro %s, postgres__%s or default__%s is defined", name, strings.Join(prefixes, name+", ")+name, name, name)
}

func (a *adapter) columns(args *exec.VarArgs) *exec.Value {
	rel, ok := args.First().Interface().(Relation)
	if !ok {
		return a.s.fail("adapter.get_columns_in_relation() needs a relation (ref() or source())")
	}
	cols, err := a.s.ld.columnsOf(rel)
	if err != nil {
		return a.s.fail("%v", err)
	}
	out := make([]any, len(cols))
	for i, c := range cols {
		out[i] = map[string]any{"name": c, "column": c, "quoted": quoteIdent(c)}
	}
	return exec.AsValue(out)
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// runStartedAt is run_started_at: a fixed instant (a fixture must replay
// the same), printed as dbt prints a datetime.
type runStartedAt time.Time

// String is the ISO form dbt renders.
func (t runStartedAt) String() string { return time.Time(t).Format("2006-01-02 15:04:05.000000+00:00") }

// GetAttribute gives strftime and isoformat.
func (t runStartedAt) GetAttribute(name string) (*exec.Value, bool) {
	switch name {
	case "strftime":
		return exec.AsValue(func(args *exec.VarArgs) string { return strftime(time.Time(t), args.First().String()) }), true
	case "isoformat":
		return exec.AsValue(func(*exec.VarArgs) string { return time.Time(t).Format("2006-01-02T15:04:05.000000+00:00") }), true
	}
	return exec.AsValue(errors.New("run_started_at has no attribute " + name)), false
}

func strftime(t time.Time, f string) string {
	r := strings.NewReplacer("%Y", "2006", "%m", "01", "%d", "02", "%H", "15", "%M", "04", "%S", "05", "%f", "000000", "%z", "-0700", "%%", "%")
	return t.Format(r.Replace(f))
}
