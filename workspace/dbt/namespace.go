package dbt

import (
	"strings"

	"github.com/jig-sql/jig/workspace/diag"
	"github.com/nikolalohinski/gonja/v2/exec"
)

// builtinFn is one of jig's built-in macros.
type builtinFn = func(args *exec.VarArgs) *exec.Value

// namespace is dbt.x or dbt_utils.x: jig's built-ins, then the macros of
// the installed package of that name (dbt_packages/).
type namespace struct {
	s       *state
	name    string
	builtin map[string]builtinFn
	macros  map[string]any
}

func newNamespace(s *state, name string, fns map[string]builtinFn) *namespace {
	return &namespace{s: s, name: name, builtin: fns, macros: map[string]any{}}
}

func (n *namespace) lookup(name string) any {
	if fn, ok := n.builtin[name]; ok {
		return fn
	}
	if m, ok := n.macros[name]; ok {
		return m
	}
	return nil
}

// GetAttribute resolves dbt_utils.star and friends; an unknown macro
// stops the render with its name.
func (n *namespace) GetAttribute(name string) (*exec.Value, bool) {
	if fn := n.lookup(name); fn != nil {
		return exec.AsValue(fn), true
	}
	var names []string
	for k := range n.builtin {
		names = append(names, k)
	}
	return exec.AsValue(n.s.fail("%s.%s is not a macro jig provides or finds in dbt_packages/%s%s", n.name, name, n.name, hintName(name, names))), false
}

func hintName(name string, names []string) string {
	if h := diag.DidYouMean(name, names); h != "" {
		return "; " + h
	}
	return ""
}

// arg is the i-th positional argument or the keyword kw, else def.
func arg(args *exec.VarArgs, i int, kw string, def any) *exec.Value {
	if i >= 0 && i < len(args.Args) {
		return args.Args[i]
	}
	if v, ok := args.KwArgs[kw]; ok {
		return v
	}
	return exec.AsValue(def)
}

// str is arg as text.
func str(args *exec.VarArgs, i int, kw, def string) string {
	v := arg(args, i, kw, def)
	if v.IsNil() {
		return def
	}
	return v.String()
}

// list is arg as a list of texts (a single value is a list of one).
func list(args *exec.VarArgs, i int, kw string) []string {
	v := arg(args, i, kw, nil)
	if v.IsNil() {
		return nil
	}
	if v.IsString() {
		return []string{v.String()}
	}
	var out []string
	v.Iterate(func(_, _ int, key, _ *exec.Value) bool {
		out = append(out, key.String())
		return true
	}, func() {})
	return out
}

func joinFn(sep string, parts []string) string { return strings.Join(parts, sep) }
