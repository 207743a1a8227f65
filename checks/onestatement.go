package checks

import (
	"fmt"

	"github.com/jig-sql/jig/workspace"
	"github.com/jig-sql/jig/workspace/diag"
)

// oneStatement is the last guard of compile: whatever a check's parameters
// hold (validate refuses fragments that are not one piece, see
// fragmentErrors), the statement sent is one statement, so a check's SQL
// can never add a COMMIT that ends the READ ONLY transaction it runs in.
func oneStatement(sql string) error {
	if n := workspace.CountStatements(sql); n != 1 {
		return fmt.Errorf("the check's SQL compiles to %d statements, not one; its sql, where or expression holds a semicolon", n)
	}
	if off, problem := workspace.FragmentProblem(sql); off >= 0 {
		line, col := diag.LineCol(sql, off)
		return fmt.Errorf("the check's compiled SQL is not one statement: it %s (line %d, column %d)", problem, line, col)
	}
	return nil
}
