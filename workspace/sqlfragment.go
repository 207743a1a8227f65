package workspace

import "strings"

// TrimStatement drops surrounding space and the trailing semicolons of one
// statement, with anything after them (a `; -- done` comment included), so
// the statement can stand inside parentheses. Semicolons inside strings,
// quoted names and comments are left alone.
func TrimStatement(sql string) string {
	toks := significant(lexSQL(sql))
	end := len(sql)
	for i := len(toks) - 1; i >= 0 && toks[i].punct(";"); i-- {
		end = toks[i].Start
	}
	return strings.TrimSpace(sql[:end])
}
