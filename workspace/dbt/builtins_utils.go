package dbt

import (
	"fmt"
	"strings"

	"github.com/nikolalohinski/gonja/v2/exec"
)

// surrogateNull is what dbt_utils.generate_surrogate_key puts for NULL.
const surrogateNull = "_dbt_utils_surrogate_key_null_"

func (s *state) utilsNamespace() *namespace {
	dbtNS := s.ns["dbt"]
	if dbtNS == nil {
		dbtNS = s.dbtNamespace()
	}
	str := dbtNS.builtin["type_string"](nil).String()
	fns := map[string]builtinFn{
		"generate_surrogate_key": func(a *exec.VarArgs) *exec.Value {
			var parts []string
			for i, f := range list(a, 0, "field_list") {
				if i > 0 {
					parts = append(parts, "'-'")
				}
				parts = append(parts, fmt.Sprintf("coalesce(cast(%s as %s), '%s')", f, str, surrogateNull))
			}
			return sql(fmt.Sprintf("md5(cast(%s as %s))", strings.Join(parts, " || "), str))
		},
		"star":              s.star,
		"pivot":             s.pivot,
		"get_column_values": s.columnValues,
		"safe_divide": func(a *exec.VarArgs) *exec.Value {
			return sql(fmt.Sprintf("( %s ) / nullif( ( %s ), 0)", str1(a, 0, "numerator"), str1(a, 1, "denominator")))
		},
		"safe_add": func(a *exec.VarArgs) *exec.Value {
			var parts []string
			for _, f := range list(a, 0, "field_list") {
				parts = append(parts, "coalesce("+f+", 0)")
			}
			return sql(strings.Join(parts, "\n + \n"))
		},
		"group_by": func(a *exec.VarArgs) *exec.Value {
			n := arg(a, 0, "n", 1).Integer()
			var cols []string
			for i := 1; i <= n; i++ {
				cols = append(cols, fmt.Sprint(i))
			}
			return sql("group by " + strings.Join(cols, ","))
		},
	}
	fns["surrogate_key"] = fns["generate_surrogate_key"]
	// dbt_utils before 1.0 held the cross-database macros now in dbt.
	for name, fn := range dbtNS.builtin {
		if _, ok := fns[name]; !ok {
			fns[name] = fn
		}
	}
	return newNamespace(s, "dbt_utils", fns)
}

func str1(a *exec.VarArgs, i int, kw string) string { return str(a, i, kw, "") }

// star is dbt_utils.star: the relation's columns, quoted, less except.
func (s *state) star(a *exec.VarArgs) *exec.Value {
	rel, ok := arg(a, 0, "from", nil).Interface().(Relation)
	if !ok {
		return s.fail("dbt_utils.star needs from= a relation (ref() or source())")
	}
	cols, err := s.ld.columnsOf(rel)
	if err != nil {
		return s.fail("dbt_utils.star: %v", err)
	}
	alias := arg(a, 1, "relation_alias", false)
	except := map[string]bool{}
	for _, e := range list(a, 2, "except") {
		except[strings.ToLower(e)] = true
	}
	prefix, suffix := str(a, 3, "prefix", ""), str(a, 4, "suffix", "")
	quote := arg(a, 5, "quote_identifiers", true).IsTrue()
	var out []string
	for _, c := range cols {
		if except[strings.ToLower(c)] {
			continue
		}
		col := c
		if quote {
			col = quoteIdent(c)
		}
		if alias.IsTrue() {
			col = alias.String() + "." + col
		}
		if prefix != "" || suffix != "" {
			col += " as " + quoteIdent(prefix+c+suffix)
		}
		out = append(out, col)
	}
	if len(out) == 0 {
		return sql("*")
	}
	return sql(strings.Join(out, ",\n  "))
}

// pivot is dbt_utils.pivot: one aggregated column per value.
func (s *state) pivot(a *exec.VarArgs) *exec.Value {
	column := str(a, 0, "column", "")
	values := list(a, 1, "values")
	alias := arg(a, 2, "alias", true).IsTrue()
	agg, cmp := str(a, 3, "agg", "sum"), str(a, 4, "cmp", "=")
	prefix, suffix := str(a, 5, "prefix", ""), str(a, 6, "suffix", "")
	then, els := str(a, 7, "then_value", "1"), str(a, 8, "else_value", "0")
	quote := arg(a, 9, "quote_identifiers", true).IsTrue()
	distinct := ""
	if arg(a, 10, "distinct", false).IsTrue() {
		distinct = "distinct "
	}
	var out []string
	for _, v := range values {
		c := fmt.Sprintf("%s(\n  %scase\n  when %s %s '%s'\n    then %s\n  else %s\n  end\n)", agg, distinct, column, cmp, strings.ReplaceAll(v, "'", "''"), then, els)
		if alias {
			name := prefix + v + suffix
			if quote {
				name = quoteIdent(name)
			}
			c += "\n  as " + name
		}
		out = append(out, c)
	}
	return sql(strings.Join(out, ",\n  "))
}

// columnValues is dbt_utils.get_column_values on a seed: the distinct
// values of a CSV column, sorted (dbt reads them from the warehouse; a
// seed is what jig has).
func (s *state) columnValues(a *exec.VarArgs) *exec.Value {
	rel, ok := arg(a, 0, "table", nil).Interface().(Relation)
	column := str(a, 1, "column", "")
	if !ok {
		return s.fail("dbt_utils.get_column_values needs table= a relation")
	}
	vals, err := s.ld.seedValues(rel.Identifier, column)
	if err != nil {
		return s.fail("dbt_utils.get_column_values: %v", err)
	}
	out := make([]any, len(vals))
	for i, v := range vals {
		out[i] = v
	}
	return exec.AsValue(out)
}
