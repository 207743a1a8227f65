package explain

import (
	"strings"

	"github.com/jig-sql/jig/workspace/sqlscan"
)

// Plan expressions as EXPLAIN VERBOSE prints them: columns as alias.column,
// casts as ::type, every operation in parentheses.

type colRef struct{ alias, column string }

// columnRefs lists the alias.column references in an expression, leaving
// out string literals and qualified function names.
func columnRefs(expr string) []colRef {
	toks := sqlscan.ScanSignificant(expr)
	var out []colRef
	for i := 0; i+2 < len(toks); i++ {
		if !isName(toks[i]) || !toks[i+1].IsSymbol(".") || !isName(toks[i+2]) {
			continue
		}
		if i+3 >= len(toks) || !toks[i+3].IsSymbol("(") { // not schema.function(
			out = append(out, colRef{nameOf(toks[i]), nameOf(toks[i+2])})
		}
		i += 2
	}
	return out
}

func isName(t sqlscan.Token) bool { return t.Kind == sqlscan.Ident || t.Kind == sqlscan.QuotedIdent }

// nameOf is a name as EXPLAIN prints it: bare names as written (already
// lower case), quoted ones unquoted.
func nameOf(t sqlscan.Token) string {
	if t.Kind == sqlscan.QuotedIdent {
		return t.Name()
	}
	return t.Text
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
	switch toks := sqlscan.ScanSignificant(s); {
	case len(toks) == 1 && isName(toks[0]):
		return colRef{column: nameOf(toks[0])}, true // unqualified: the scan's own table
	case len(toks) == 3 && isName(toks[0]) && toks[1].IsSymbol(".") && isName(toks[2]):
		return colRef{nameOf(toks[0]), nameOf(toks[2])}, true
	}
	return colRef{}, false
}

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

// scanTop walks s outside its string literals and quoted identifiers,
// calling visit with each byte's index and its parenthesis depth (a closing
// parenthesis counts as already closed). It stops at the first byte visit
// accepts and returns its index, or -1. Every splitter in this file reads
// expressions this way; the tokens come from the shared scanner.
func scanTop(s string, visit func(i, depth int) bool) int {
	depth := 0
	for _, t := range sqlscan.Scan(s) {
		switch {
		case t.Kind == sqlscan.String || t.Kind == sqlscan.QuotedIdent || t.Kind == sqlscan.Comment:
			continue
		case t.IsSymbol(")"):
			depth--
		}
		for i := t.Offset; i < t.End(); i++ {
			if visit(i, depth) {
				return i
			}
		}
		if t.IsSymbol("(") {
			depth++
		}
	}
	return -1
}
