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

// FragmentProblem reports why sql cannot be pasted inside a larger statement
// as one self-contained piece (a check's expression, where or query): a
// semicolon, a parenthesis it closes without opening (or leaves open), a
// string, quoted name or comment it leaves open, or a NUL byte. It returns
// the byte offset of the problem and what is wrong, or -1 and "".
func FragmentProblem(sql string) (offset int, msg string) {
	if i := strings.IndexByte(sql, 0); i >= 0 {
		return i, "holds a NUL byte, which Postgres cannot receive"
	}
	depth, open := 0, -1
	for _, t := range lexSQL(sql) {
		switch {
		case !terminated(sql, t):
			return t.Start, "leaves a " + tokenName(t) + " open"
		case t.punct(";"):
			return t.Start, "holds a semicolon: it must be one expression or query, not several statements"
		case t.punct("("):
			if depth == 0 {
				open = t.Start
			}
			depth++
		case t.punct(")"):
			if depth == 0 {
				return t.Start, "closes a parenthesis it did not open"
			}
			depth--
		}
	}
	if depth > 0 {
		return open, "opens a parenthesis it does not close"
	}
	return -1, ""
}

// terminated reports whether token t, a string, quoted name or comment, ends
// before the end of src the way it began (the lexer runs an open one to the
// end of its input).
func terminated(src string, t token) bool {
	switch t.Kind {
	case tkString, tkQuoted, tkComment:
	default:
		return true
	}
	if t.Kind == tkComment && strings.HasPrefix(t.Text, "--") {
		return true
	}
	if t.End < len(src) {
		return true
	}
	// The token reaches the end: it is closed only if lexing it again with
	// more text after it still ends at the same place.
	kind, end := lexOne(src+"\n;", t.Start)
	return kind == t.Kind && end == t.End
}

// tokenName names an open token for an error.
func tokenName(t token) string {
	switch t.Kind {
	case tkComment:
		return "/* comment"
	case tkQuoted:
		return "quoted name"
	}
	return "string"
}
