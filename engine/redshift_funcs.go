package engine

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jig-sql/jig/workspace"
	"github.com/jig-sql/jig/workspace/redshift"
)

// CreateRedshiftFunctions creates jig's Redshift compatibility functions
// (redshift.Functions) in the connection's current schema (the first of
// its search_path), where unqualified calls in queries find them. It is
// idempotent.
func CreateRedshiftFunctions(ctx context.Context, conn *pgx.Conn) error {
	for _, f := range redshift.Functions {
		if err := Exec(ctx, conn, f.SQL, Where{File: f.Name, SQL: f.SQL}); err != nil {
			return err
		}
	}
	return nil
}

// querySQL returns the statement to run for q and where its errors point:
// q as written, or, in a Redshift workspace, q rewritten for Postgres with
// positions mapped back to the user's text. A construct jig cannot run
// locally is a diag.Errors at its line and column.
func (r *Runner) querySQL(q *workspace.Query) (string, Where, error) {
	if r.Suite.WS.Config.Dialect != workspace.DialectRedshift {
		return q.SQL, Where{File: q.Path}, nil
	}
	rq, err := redshift.RewriteQuery(q.Path, q.SQL)
	if err != nil {
		return "", Where{}, err
	}
	return rq.SQL, Where{File: q.Path, Source: q.SQL, Pos: rq.SourcePos}, nil
}
