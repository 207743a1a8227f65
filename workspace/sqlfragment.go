package workspace

import (
	"strings"

	"github.com/jig-sql/jig/workspace/sqlscan"
)

// TrimStatement drops surrounding space and the trailing semicolons of one
// statement, with anything after them (a `; -- done` comment included), so
// the statement can stand inside parentheses. Semicolons inside strings,
// quoted names and comments are left alone.
func TrimStatement(sql string) string {
	toks := sqlscan.ScanSignificant(sql)
	end := len(sql)
	for i := len(toks) - 1; i >= 0 && toks[i].IsSymbol(";"); i-- {
		end = toks[i].Offset
	}
	return strings.TrimSpace(sql[:end])
}

// CountStatements is how many statements sql holds: runs of tokens other than
// space and comments, separated by semicolons outside strings, quoted names
// and comments. A semicolon inside parentheses counts too: the count errs on
// the side of more statements.
func CountStatements(sql string) int {
	n, open := 0, false
	for _, t := range sqlscan.ScanSignificant(sql) {
		switch {
		case t.IsSymbol(";"):
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
	for _, t := range sqlscan.Scan(sql) {
		switch {
		case t.Err != nil:
			return t.Offset, "leaves a " + tokenName(t) + " open"
		case t.IsSymbol(";"):
			return t.Offset, "holds a semicolon: it must be one expression or query, not several statements"
		case t.IsSymbol("("):
			if depth == 0 {
				open = t.Offset
			}
			depth++
		case t.IsSymbol(")"):
			if depth == 0 {
				return t.Offset, "closes a parenthesis it did not open"
			}
			depth--
		}
	}
	if depth > 0 {
		return open, "opens a parenthesis it does not close"
	}
	return -1, ""
}

// tokenName names an open token for an error.
func tokenName(t sqlscan.Token) string {
	switch t.Kind {
	case sqlscan.Comment:
		return "/* comment"
	case sqlscan.QuotedIdent:
		return "quoted name"
	}
	return "string"
}
