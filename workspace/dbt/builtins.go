package dbt

import (
	"fmt"
	"strings"

	"github.com/nikolalohinski/gonja/v2/exec"
)

// The built-ins below are jig's versions of dbt's cross-database macros, as
// dbt-postgres and dbt-redshift render them: the SQL a model gets is the
// SQL dbt would send.

func sql(s string) *exec.Value { return exec.AsSafeValue(s) }

// typeNames are dbt's type_* macros: postgres, redshift.
var typeNames = map[string][2]string{
	"type_string": {"TEXT", "varchar"}, "type_timestamp": {"timestamp without time zone", "timestamp without time zone"},
	"type_int": {"integer", "integer"}, "type_bigint": {"bigint", "bigint"}, "type_float": {"float", "float"},
	"type_numeric": {"numeric(28,6)", "numeric(18,0)"}, "type_boolean": {"boolean", "boolean"},
}

// dialect picks the Postgres or the Redshift form of a macro.
type dialect bool

func (rs dialect) pick(pg, red string) string {
	if rs {
		return red
	}
	return pg
}

func (s *state) dbtNamespace() *namespace {
	rs := dialect(s.ld.redshift)
	fns := dateMacros(rs)
	for name, fn := range textMacros(rs) {
		fns[name] = fn
	}
	for name, t := range typeNames {
		fns[name] = func(*exec.VarArgs) *exec.Value { return sql(rs.pick(t[0], t[1])) }
	}
	return newNamespace(s, "dbt", fns)
}

// dateMacros are dbt's date and time macros.
func dateMacros(rs dialect) map[string]builtinFn {
	return map[string]builtinFn{
		"date_trunc": func(a *exec.VarArgs) *exec.Value {
			return sql(fmt.Sprintf("date_trunc('%s', %s)", str(a, 0, "datepart", ""), str(a, 1, "date", "")))
		},
		"dateadd": func(a *exec.VarArgs) *exec.Value {
			part, n, from := str(a, 0, "datepart", ""), str(a, 1, "interval", ""), str(a, 2, "from_date_or_timestamp", "")
			if rs {
				return sql(fmt.Sprintf("dateadd(%s, %s, %s)", part, n, from))
			}
			return sql(fmt.Sprintf("%s + ((interval '1 %s') * (%s))", from, part, n))
		},
		"datediff": func(a *exec.VarArgs) *exec.Value {
			first, second, part := str(a, 0, "first_date", ""), str(a, 1, "second_date", ""), str(a, 2, "datepart", "")
			if rs {
				return sql(fmt.Sprintf("datediff(%s, %s, %s)", part, first, second))
			}
			return sql(postgresDatediff(first, second, strings.ToLower(part)))
		},
		"last_day": func(a *exec.VarArgs) *exec.Value {
			d, part := str(a, 0, "date", ""), str(a, 1, "datepart", "")
			return sql(fmt.Sprintf("cast(date_trunc('%[2]s', %[1]s) + ((interval '1 %[2]s') * (1)) + ((interval '1 day') * (-1)) as date)", d, part))
		},
		"current_timestamp": func(*exec.VarArgs) *exec.Value { return sql(rs.pick("now()", "getdate()")) },
		"date": func(a *exec.VarArgs) *exec.Value {
			return sql(fmt.Sprintf("to_date('%04d-%02d-%02d', 'YYYY-MM-DD')", arg(a, 0, "year", 1).Integer(), arg(a, 1, "month", 1).Integer(), arg(a, 2, "day", 1).Integer()))
		},
	}
}

// textMacros are dbt's string, cast and aggregate macros.
func textMacros(rs dialect) map[string]builtinFn {
	pick := rs.pick
	return map[string]builtinFn{
		"concat": func(a *exec.VarArgs) *exec.Value { return sql(joinFn(" || ", list(a, 0, "fields"))) },
		"hash": func(a *exec.VarArgs) *exec.Value {
			return sql(fmt.Sprintf("md5(cast(%s as %s))", str(a, 0, "field", ""), pick("TEXT", "varchar")))
		},
		"safe_cast": func(a *exec.VarArgs) *exec.Value {
			return sql(fmt.Sprintf("cast(%s as %s)", str(a, 0, "field", ""), str(a, 1, "type", "")))
		},
		"cast": func(a *exec.VarArgs) *exec.Value {
			return sql(fmt.Sprintf("cast(%s as %s)", str(a, 0, "field", ""), str(a, 1, "type", "")))
		},
		"cast_bool_to_text": func(a *exec.VarArgs) *exec.Value {
			return sql(fmt.Sprintf("cast(%s as %s)", str(a, 0, "field", ""), pick("TEXT", "varchar")))
		},
		"any_value": func(a *exec.VarArgs) *exec.Value {
			return sql(fmt.Sprintf(pick("min(%s)", "any_value(%s)"), str(a, 0, "expression", "")))
		},
		"bool_or": func(a *exec.VarArgs) *exec.Value { return sql(fmt.Sprintf("bool_or(%s)", str(a, 0, "expression", ""))) },
		"listagg": func(a *exec.VarArgs) *exec.Value { return sql(listagg(a, bool(rs))) },
		"split_part": func(a *exec.VarArgs) *exec.Value {
			return sql(fmt.Sprintf("split_part(%s, %s, %s)", str(a, 0, "string_text", ""), str(a, 1, "delimiter_text", ""), str(a, 2, "part_number", "")))
		},
		"position": func(a *exec.VarArgs) *exec.Value {
			return sql(fmt.Sprintf("position(%s in %s)", str(a, 0, "substring_text", ""), str(a, 1, "string_text", "")))
		},
		"length": func(a *exec.VarArgs) *exec.Value { return sql(fmt.Sprintf("length(%s)", str(a, 0, "expression", ""))) },
		"right": func(a *exec.VarArgs) *exec.Value {
			return sql(fmt.Sprintf("right(%s, %s)", str(a, 0, "string_text", ""), str(a, 1, "length_expression", "")))
		},
		"replace": func(a *exec.VarArgs) *exec.Value {
			return sql(fmt.Sprintf("replace(%s, %s, %s)", str(a, 0, "field", ""), str(a, 1, "old_chars", ""), str(a, 2, "new_chars", "")))
		},
		"escape_single_quotes": func(a *exec.VarArgs) *exec.Value {
			return sql(strings.ReplaceAll(str(a, 0, "expression", ""), "'", "''"))
		},
		"string_literal": func(a *exec.VarArgs) *exec.Value { return sql("'" + str(a, 0, "value", "") + "'") },
		"except":         func(*exec.VarArgs) *exec.Value { return sql("except") },
		"intersect":      func(*exec.VarArgs) *exec.Value { return sql("intersect") },
	}
}

// postgresDatediff is dbt-postgres's datediff: whole boundaries crossed.
func postgresDatediff(first, second, part string) string {
	years := fmt.Sprintf("(date_part('year', (%s)::date) - date_part('year', (%s)::date))", second, first)
	days := fmt.Sprintf("((%s)::date - (%s)::date)", second, first)
	field := func(f string) string {
		return fmt.Sprintf("date_part('%s', (%s)::timestamp) - date_part('%s', (%s)::timestamp)", f, second, f, first)
	}
	switch part {
	case "year":
		return years
	case "quarter":
		return fmt.Sprintf("(%s * 4 + date_part('quarter', (%s)::date) - date_part('quarter', (%s)::date))", years, second, first)
	case "month":
		return fmt.Sprintf("(%s * 12 + date_part('month', (%s)::date) - date_part('month', (%s)::date))", years, second, first)
	case "day":
		return days
	case "week":
		return fmt.Sprintf("(%[1]s / 7 + case when date_part('dow', (%[2]s)::timestamp) <= date_part('dow', (%[3]s)::timestamp) then case when %[2]s <= %[3]s then 0 else -1 end else case when %[2]s <= %[3]s then 1 else 0 end end)", days, first, second)
	case "hour":
		return fmt.Sprintf("(%s * 24 + %s)", days, field("hour"))
	case "minute":
		return fmt.Sprintf("((%s * 24 + %s) * 60 + %s)", days, field("hour"), field("minute"))
	case "second":
		return fmt.Sprintf("(((%s * 24 + %s) * 60 + %s) * 60 + floor(%s))", days, field("hour"), field("minute"), field("second"))
	}
	return fmt.Sprintf("extract(epoch from ((%s)::timestamp - (%s)::timestamp))", second, first) // unknown part: seconds, as a last resort
}

func listagg(a *exec.VarArgs, redshift bool) string {
	measure, delim := str(a, 0, "measure", ""), str(a, 1, "delimiter_text", "','")
	order, limit := str(a, 2, "order_by_clause", ""), str(a, 3, "limit_num", "")
	if redshift {
		s := fmt.Sprintf("listagg(%s, %s)", measure, delim)
		if order != "" {
			s += " within group (" + order + ")"
		}
		return s
	}
	if limit != "" {
		return fmt.Sprintf("array_to_string((array_agg(%s %s))[1:%s], %s)", measure, order, limit, delim)
	}
	return fmt.Sprintf("string_agg(%s, %s%s)", measure, delim, prefixSpace(order))
}

func prefixSpace(s string) string {
	if s == "" {
		return ""
	}
	return " " + s
}
