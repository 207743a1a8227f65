package checks

import (
	"fmt"
	"strings"

	"github.com/jig-sql/jig/workspace"
)

// onePiece refuses user SQL that would not stay inside the parentheses jig
// puts it in: a second statement after a semicolon, or a parenthesis that
// closes one of jig's. A check compiles to one statement, run in a READ
// ONLY transaction, and a check's SQL must never add a statement of its own
// (a COMMIT would end that transaction).
func onePiece(param, sql string) []paramError {
	off, problem := workspace.FragmentProblem(sql)
	if param == "sql" {
		// A query may end in semicolons; anything after one is a second statement.
		off = -1
		if st := workspace.SplitStatements(sql); len(st) > 0 {
			if off, problem = workspace.FragmentProblem(st[0].SQL); off >= 0 {
				off += st[0].Start
			} else if len(st) > 1 {
				off, problem = st[1].Start, "a second statement starts here"
			}
		}
	}
	if off < 0 {
		return nil
	}
	line, col := workspace.LineCol(sql, off)
	return []paramError{{param: param,
		msg: fmt.Sprintf("`%s` must be one piece of SQL: %s (its line %d, column %d)", param, problem, line, col),
		hint: "jig places a check's SQL inside a statement of its own; write one query (sql) or one " +
			"boolean expression (where, expression), with balanced parentheses and no second statement"}}
}

// oneStatement is the last guard of compile: whatever a check's parameters
// hold, the statement sent is one statement.
func oneStatement(sql string) error {
	if n := len(workspace.SplitStatements(sql)); n != 1 {
		return fmt.Errorf("the check's SQL compiles to %d statements, not one; its sql, where or expression holds a semicolon", n)
	}
	if off, problem := workspace.FragmentProblem(sql); off >= 0 {
		line, col := workspace.LineCol(sql, off)
		return fmt.Errorf("the check's compiled SQL is not one statement: %s (line %d, column %d)", problem, line, col)
	}
	return nil
}

// oneQuery is a sql: check's query without its trailing semicolons (and
// comments after them).
func oneQuery(sql string) string {
	if st := workspace.SplitStatements(sql); len(st) == 1 {
		return strings.TrimSpace(st[0].SQL)
	}
	return trimQuery(sql)
}
