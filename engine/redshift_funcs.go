package engine

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jig-sql/jig/workspace"
	"github.com/jig-sql/jig/workspace/redshift"
)

// CreateRedshiftFunctions creates jig's Redshift compatibility functions
// (redshift.FunctionsSQL) in the connection's current schema (the first of
// its search_path), where unqualified calls in queries find them. It is
// idempotent.
func CreateRedshiftFunctions(ctx context.Context, conn *pgx.Conn) error {
	return Exec(ctx, conn, redshift.FunctionsSQL, Where{File: redshift.FunctionsFile, SQL: redshift.FunctionsSQL})
}

// querySQL returns the statement to run for q and where its errors point:
// q as written, or, in a Redshift workspace, q rewritten for Postgres with
// positions mapped back to the user's text. A construct jig cannot run
// locally is a diag.Errors at its line and column.
func (r *Runner) querySQL(q *workspace.Query) (string, Where, error) {
	if r.Suite.WS.Config.Dialect != workspace.DialectRedshift {
		if q.SourcePos != nil { // rendered from a template (a dbt model)
			return q.SQL, Where{File: q.Path, SQL: q.SQL, Source: q.Source, Pos: q.SourcePos}, nil
		}
		return q.SQL, Where{File: q.Path}, nil
	}
	rq, err := redshift.RewriteQuery(q.Path, q.SQL)
	if err != nil {
		return "", Where{}, err
	}
	if q.SourcePos != nil {
		pos := func(off int) (int, int) { // rewrite → rendered SQL → template
			l, c := rq.SourcePos(off)
			return q.SourcePos(lineColOffset(q.SQL, l, c))
		}
		return rq.SQL, Where{File: q.Path, SQL: rq.SQL, Source: q.Source, Pos: pos}, nil
	}
	return rq.SQL, Where{File: q.Path, Source: q.SQL, Pos: rq.SourcePos}, nil
}

// lineColOffset is the byte offset of a 1-based line and column
// (characters) of s.
func lineColOffset(s string, line, col int) int {
	l, c := 1, 1
	for i, r := range s {
		if l == line && c == col || l > line {
			return i
		}
		if r == '\n' {
			l, c = l+1, 1
		} else {
			c++
		}
	}
	return len(s)
}
