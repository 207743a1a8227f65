package engine

import (
	"context"
	_ "embed"

	"github.com/jackc/pgx/v5"
	"github.com/jig-sql/jig/workspace"
)

// redshiftFuncsSQL defines, in the current schema, the Redshift functions
// Postgres lacks: GETDATE, DATEADD, DATEDIFF, DATE_TRUNC on dates,
// CONVERT_TIMEZONE, TRUNC(timestamp), ADD_MONTHS, LAST_DAY, the JSON_*
// functions over text, LEN, CHARINDEX and STRTOL. Each says in a comment
// where its result differs from Redshift's. The constructs that are syntax
// rather than functions (NVL, DECODE, LISTAGG, TOP, ...) are rewritten by
// workspace.RewriteRedshiftQuery instead.
//
//go:embed redshift_funcs.sql
var redshiftFuncsSQL string

// RedshiftFunctionsFile names the embedded definitions in errors.
const RedshiftFunctionsFile = "engine/redshift_funcs.sql"

// CreateRedshiftFunctions creates jig's Redshift compatibility functions in
// the connection's current schema (the first of its search_path), where
// unqualified calls in queries find them. It is idempotent.
func CreateRedshiftFunctions(ctx context.Context, conn *pgx.Conn) error {
	return Exec(ctx, conn, redshiftFuncsSQL, Where{File: RedshiftFunctionsFile, SQL: redshiftFuncsSQL})
}

// querySQL returns the statement to run for q and where its errors point:
// q as written, or, in a Redshift workspace, q rewritten for Postgres with
// positions mapped back to the user's text. A construct jig cannot run
// locally is a workspace.Errors at its line and column.
func (r *Runner) querySQL(q *workspace.Query) (string, Where, error) {
	if r.Suite.WS.Config.Dialect != workspace.DialectRedshift {
		return q.SQL, Where{File: q.Path}, nil
	}
	rq, err := workspace.RewriteRedshiftQuery(q.Path, q.SQL)
	if err != nil {
		return "", Where{}, err
	}
	return rq.SQL, Where{File: q.Path, Source: q.SQL, Pos: rq.SourcePos}, nil
}
