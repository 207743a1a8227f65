package dbt

import (
	"fmt"
	"os"
	"regexp"
	"time"

	"github.com/nikolalohinski/gonja/v2/exec"
)

// Relation is what ref(), source() and this return: it renders as the name
// jig runs the SQL under, and has dbt's attributes.
type Relation struct {
	Database   string `jinja:"database"`
	Schema     string `jinja:"schema"`
	Identifier string `jinja:"identifier"`
	Name       string `jinja:"name"`
	// Rendered is the text it renders as.
	Rendered string `jinja:"-"`
}

// String is how the relation appears in SQL.
func (r Relation) String() string { return r.Rendered }

// GetAttribute gives Jinja dbt's attributes, and the rendered text for
// anything else a macro reads (include(), render()).
func (r Relation) GetAttribute(name string) (*exec.Value, bool) {
	switch name {
	case "database":
		return exec.AsValue(r.Database), true
	case "schema":
		return exec.AsValue(r.Schema), true
	case "identifier", "table":
		return exec.AsValue(r.Identifier), true
	case "name":
		return exec.AsValue(r.Name), true
	case "is_table", "is_view", "is_cte":
		return exec.AsValue(false), true
	case "render", "include":
		return exec.AsValue(func(*exec.VarArgs) string { return r.Rendered }), true
	}
	return exec.AsValue(nil), false
}

// state is one render's context: the model, the project, and what the
// render found (its refs, a fatal error from a function).
type state struct {
	ld      *loader
	model   string // the model's name ("" for a singular test)
	schema  string // the model's +schema
	vars    map[string]any
	macroOv map[string]any // unit test overrides: macros
	envOv   map[string]string
	refs    []string
	inputs  map[string]string // rendered name → ref('x') / source('s', 't'), as a unit test names it
	fatal   error
	// failNear finds, on the line of the fatal error, the column it is at.
	failNear *regexp.Regexp
	returns  []*returnSlot
	ns       map[string]*namespace
	// disabled is set by config(enabled=false): the model is not loaded.
	disabled bool
	// bound are the macros the prelude defined for this render (wrapped
	// for return(), or replaced by a unit test's overrides).
	bound map[string]any
}

// config() renders as nothing; of its settings only enabled=false means
// something locally (the model does not exist).
func (s *state) config(args *exec.VarArgs) string {
	if v, ok := args.KwArgs["enabled"]; ok && !v.IsTrue() {
		s.disabled = true
	}
	return ""
}

type returnSlot struct {
	set bool
	val *exec.Value
}

// fail records an error a function meets, so the render stops with it even
// when Jinja would print an empty value instead.
func (s *state) fail(format string, args ...any) *exec.Value {
	err := fmt.Errorf(format, args...)
	if s.fatal == nil {
		s.fatal = err
	}
	return exec.AsValue(err)
}

func (s *state) globals() map[string]any {
	s.ns = map[string]*namespace{"dbt": s.dbtNamespace(), "dbt_utils": s.utilsNamespace()}
	g := map[string]any{
		"ref":            s.ref,
		"source":         s.source,
		"config":         s.config,
		"var":            s.varFn,
		"env_var":        s.envVar,
		"is_incremental": func(*exec.VarArgs) bool { return false },
		"return":         s.returnFn,
		"log":            func(*exec.VarArgs) string { return "" },
		"print":          func(*exec.VarArgs) string { return "" },
		"execute":        true,
		"flags":          map[string]any{"FULL_REFRESH": false, "WHICH": "test"},
		"target":         s.target(),
		"this":           s.this(),
		"model":          map[string]any{"name": s.model, "unique_id": "model." + s.ld.proj.Name + "." + s.model},
		"project_name":   s.ld.proj.Name,
		"run_started_at": runStartedAt(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)),
		"invocation_id":  "00000000-0000-0000-0000-000000000000",
		"adapter":        &adapter{s: s},
		"exceptions":     map[string]any{"raise_compiler_error": s.raise, "warn": func(*exec.VarArgs) string { return "" }},
		"__jig_bind":     s.bind,
		"run_query":      s.needsWarehouse("run_query"),
		"statement":      s.needsWarehouse("statement"),
		"load_result":    s.needsWarehouse("load_result"),
	}
	for name, ns := range s.ns {
		g[name] = ns
	}
	for name, fn := range s.ns["dbt"].builtin {
		g[name] = fn // dbt's own macros are global too: {{ dateadd(...) }}
	}
	for name, v := range s.macroOv {
		g[name] = constant(v)
	}
	return g
}

func constant(v any) func(*exec.VarArgs) any { return func(*exec.VarArgs) any { return v } }

func (s *state) needsWarehouse(name string) func(*exec.VarArgs) *exec.Value {
	return func(*exec.VarArgs) *exec.Value {
		return s.fail("%s() reads the warehouse at compile time, which jig does not do; compute the values in SQL instead", name)
	}
}

func (s *state) raise(args *exec.VarArgs) *exec.Value {
	return s.fail("raise_compiler_error: %s", args.First().String())
}

// target is dbt's target: the profile jig stands in for.
func (s *state) target() map[string]any {
	typ := "postgres"
	if s.ld.redshift {
		typ = "redshift"
	}
	return map[string]any{"name": "jig", "schema": "public", "type": typ, "database": "jig",
		"threads": 1, "user": "jig", "profile_name": s.ld.proj.Name}
}

func (s *state) this() Relation {
	schema := s.schema
	if schema == "" {
		schema = "public"
	}
	return Relation{Database: "jig", Schema: schema, Identifier: s.model, Name: s.model, Rendered: s.model}
}

// var('name') / var('name', default): unit test overrides, then the
// project's vars (also those nested under the project's name).
func (s *state) varFn(args *exec.VarArgs) *exec.Value {
	if len(args.Args) == 0 {
		return s.fail("var() needs the variable's name")
	}
	name := args.Args[0].String()
	for _, vars := range []map[string]any{s.vars, s.ld.proj.Vars} {
		if v, ok := vars[name]; ok {
			return exec.AsValue(v)
		}
		if nested, ok := vars[s.ld.proj.Name].(map[string]any); ok {
			if v, ok := nested[name]; ok {
				return exec.AsValue(v)
			}
		}
	}
	if len(args.Args) > 1 {
		return args.Args[1]
	}
	return s.fail("required var '%s' not found: set it under vars: in dbt_project.yml or give var() a default", name)
}

func (s *state) envVar(args *exec.VarArgs) *exec.Value {
	if len(args.Args) == 0 {
		return s.fail("env_var() needs the variable's name")
	}
	name := args.Args[0].String()
	if v, ok := s.envOv[name]; ok {
		return exec.AsValue(v)
	}
	if v, ok := os.LookupEnv(name); ok {
		return exec.AsValue(v)
	}
	if len(args.Args) > 1 {
		return args.Args[1]
	}
	return s.fail("env var required but not provided: '%s'; set it or give env_var() a default", name)
}

// returnFn is dbt's return(): the macro calling it evaluates to the value
// (any type), not to its rendered text.
func (s *state) returnFn(args *exec.VarArgs) *exec.Value {
	v := args.First()
	if n := len(s.returns); n > 0 {
		s.returns[n-1].set, s.returns[n-1].val = true, v
	}
	return v
}

// bind runs after the macro files are defined: each macro is wrapped so
// return() works, and the macros of installed packages join their
// namespace (dbt_utils.x).
func (s *state) bind(e *exec.Evaluator, _ *exec.VarArgs) string {
	for _, f := range s.ld.macros {
		for _, name := range f.Names {
			v, ok := e.Environment.Context.Get(name)
			m, isMacro := v.(exec.Macro)
			if !ok || !isMacro {
				continue
			}
			if s.bound == nil {
				s.bound = make(map[string]any, 2*len(s.ld.macros))
			}
			if v, over := s.macroOv[name]; over { // a unit test's overrides: macros
				e.Environment.Context.Set(name, constant(v))
				s.bound[name] = constant(v)
				continue
			}
			w := s.wrap(m, e.Environment.Context)
			e.Environment.Context.Set(name, w)
			s.bound[name] = w
			if ns := s.ns[f.Package]; ns != nil && ns.builtin[name] == nil {
				ns.macros[name] = w
			}
		}
	}
	return ""
}

// wrap makes a macro of the prelude callable from a model: return() gives
// its value, and a {% call %} block's caller() reaches it (gonja looks for
// it in the context where the macro was defined, def).
func (s *state) wrap(m exec.Macro, def *exec.Context) func(*exec.Evaluator, *exec.VarArgs) *exec.Value {
	return func(e *exec.Evaluator, params *exec.VarArgs) *exec.Value {
		if c, ok := e.Environment.Context.Get(callerKey); ok && c != nil && e.Environment.Context != def {
			def.Set(callerKey, c)
			e.Environment.Context.Set(callerKey, nil)
		}
		slot := &returnSlot{}
		s.returns = append(s.returns, slot)
		v := m(params)
		s.returns = s.returns[:len(s.returns)-1]
		if slot.set && !v.IsError() {
			return slot.val
		}
		return v
	}
}

// callerKey is where gonja's {% call %} leaves the caller() for the macro.
const callerKey = "__gonja_caller__"
