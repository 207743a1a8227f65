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

// CountStatements is how many statements sql holds: runs of tokens other than
// space and comments, separated by semicolons outside strings, quoted names
// and comments. A semicolon inside parentheses counts too: the count errs on
// the side of more statements.
func CountStatements(sql string) int {
	n, open := 0, false
	for _, t := range significant(lexSQL(sql)) {
		switch {
		case t.punct(";"):
			open = false
		case !open:
			open = true
			n++
		}
	}
	return n
}

// SchemaStatements is how many statements the workspace's schema files hold,
// which bounds the objects (and so the locks) one copy of the schema takes.
func (ws *Workspace) SchemaStatements() int {
	n := 0
	for _, f := range ws.Schema {
		n += CountStatements(f.SQL)
	}
	return n
}
