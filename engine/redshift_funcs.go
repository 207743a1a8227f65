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

// querySQL returns the statement to run for q in fixture f and where its
// errors point: q as written, or, in a Redshift workspace, rewritten for
// Postgres with positions mapped back to the user's text, with the
// upstream queries f mocks (and those between them and q) written in
// (chainSQL). A construct jig cannot run locally is a diag.Errors at its
// line and column; an upstream query that is no view, its own error.
func (r *Runner) querySQL(f *workspace.Fixture, q *workspace.Query) (string, Where, error) {
	return r.Suite.statementSQL(q, r.Suite.mockedIn(f))
}
