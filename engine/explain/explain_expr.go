package explain

import (
	"regexp"
	"strings"
)

// Plan expressions as EXPLAIN VERBOSE prints them: columns as alias.column,
// casts as ::type, every operation in parentheses.

type colRef struct{ alias, column string }

var colRefRE = regexp.MustCompile(`(?:"((?:[^"]|"")+)"|([A-Za-z_][A-Za-z0-9_$]*))\.(?:"((?:[^"]|"")+)"|([A-Za-z_][A-Za-z0-9_$]*))(\s*\()?`)

var stringLitRE = regexp.MustCompile(`'(?:[^']|'')*'`)

// columnRefs lists the alias.column references in an expression, leaving
// out string literals and qualified function names.
func columnRefs(expr string) []colRef {
	var out []colRef
	for _, m := range colRefRE.FindAllStringSubmatch(stringLitRE.ReplaceAllString(expr, "''"), -1) {
		if m[5] != "" {
			continue // schema.function(
		}
		out = append(out, colRef{unquote(m[1], m[2]), unquote(m[3], m[4])})
	}
	return out
}

func unquote(quoted, bare string) string {
	if quoted != "" {
		return strings.ReplaceAll(quoted, `""`, `"`)
	}
	return bare
}

// conjuncts splits an expression at its top-level ANDs.
func conjuncts(expr string) []string {
	expr = stripParens(expr)
	var out []string
	start := 0
	scanTop(expr, func(i, depth int) bool {
		if depth == 0 && strings.HasPrefix(expr[i:], " AND ") {
			out = append(out, stripParens(expr[start:i]))
			start = i + len(" AND ")
		}
		return false
	})
	return append(out, stripParens(expr[start:]))
}

// comparison splits "left OP right" at its top-level comparison operator.
func comparison(expr string) (left, op, right string, ok bool) {
	scanTop(expr, func(i, depth int) bool {
		if depth != 0 || expr[i] != ' ' {
			return false
		}
		for _, o := range []string{" <= ", " >= ", " = ", " < ", " > "} {
			if strings.HasPrefix(expr[i:], o) {
				left, op, right, ok = expr[:i], strings.TrimSpace(o), expr[i+len(o):], true
				return true
			}
		}
		return false
	})
	return left, op, right, ok
}

// operand reads a side of a comparison that is only a column, perhaps
// cast: "(o.user_id)::text" is o.user_id.
func operand(s string) (colRef, bool) {
	for {
		s = stripParens(strings.TrimSpace(s))
		i := lastTopLevel(s, "::")
		if i < 0 {
			break
		}
		s = s[:i]
	}
	if m := bareIdentRE.FindStringSubmatch(s); m != nil {
		return colRef{column: unquote(m[1], m[2])}, true // unqualified: the scan's own table
	}
	refs := columnRefs(s)
	if len(refs) != 1 || colRefRE.FindString(s) != s {
		return colRef{}, false
	}
	return refs[0], true
}

var bareIdentRE = regexp.MustCompile(`^(?:"((?:[^"]|"")+)"|([A-Za-z_][A-Za-z0-9_$]*))$`)

// mentions reports whether expr names any of columns bare (EXPLAIN leaves
// columns unqualified when a query reads one table).
func mentions(expr string, columns []string) []string {
	toks := lexQuery(expr)
	var out []string
	for i, t := range toks {
		if i+1 < len(toks) && toks[i+1].text == "(" || i > 0 && toks[i-1].text == "." || i+1 < len(toks) && toks[i+1].text == "." {
			continue // a function, or part of a qualified name
		}
		for _, c := range columns {
			if (t.quoted && t.text == c || !t.quoted && t.text == strings.ToLower(c)) && !contains(out, c) {
				out = append(out, c)
			}
		}
	}
	return out
}

// lastTopLevel is the index of the last sep outside parentheses and quotes.
func lastTopLevel(s, sep string) int {
	at := -1
	scanTop(s, func(i, depth int) bool {
		if depth == 0 && strings.HasPrefix(s[i:], sep) {
			at = i
		}
		return false
	})
	return at
}

// stripParens removes parentheses that enclose the whole expression.
func stripParens(s string) string {
	for {
		s = strings.TrimSpace(s)
		if len(s) < 2 || s[0] != '(' || s[len(s)-1] != ')' || matchingParen(s) != len(s)-1 {
			return s
		}
		s = s[1 : len(s)-1]
	}
}

func matchingParen(s string) int {
	return scanTop(s, func(i, depth int) bool { return s[i] == ')' && depth == 0 })
}

// scanTop walks s outside its string literals, calling visit with each
// byte's index and its parenthesis depth (a closing parenthesis counts as
// already closed). It stops at the first byte visit accepts and returns
// its index, or -1. Every splitter in this file reads expressions this way.
func scanTop(s string, visit func(i, depth int) bool) int {
	depth, inStr := 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\'':
			inStr = !inStr
			continue
		case inStr:
			continue
		case c == ')':
			depth--
		}
		if visit(i, depth) {
			return i
		}
		if s[i] == '(' {
			depth++
		}
	}
	return -1
}
