package engine

import (
	"context"
	"errors"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/jig-sql/jig/workspace"
	"github.com/jig-sql/jig/workspace/diag"
	"github.com/jig-sql/jig/workspace/redshift"
)

// One Redshift translation: in a `dialect: redshift` workspace every text of
// the user's that jig sends goes through package redshift before the schema
// mapper (names.go), whatever it came from. Schema files and scripts (a
// query file of several statements, a fixture's setup:) get TranslateScript
// (the DDL translation, then the query rewrites); a query, a check's
// compiled statement (its sql:, expression: and where:) and a statement the
// workbench asks the planner about get RewriteQuery. Postgres's positions in
// the translated text map back through the translation to the file:line:col
// the text came from, as they do through the schema mapper.

// redshiftWorkspace reports whether the suite's SQL is Redshift's.
func (s *Suite) redshiftWorkspace() bool {
	return s.WS.Config.Dialect == workspace.DialectRedshift
}

// rewriteRedshift rewrites one statement of the user's, placed by w, for
// Postgres (redshift.RewriteQuery) and returns it with its place: an error
// position in the rewritten text lands where w placed the text as written.
// A construct jig cannot run locally is a diag.Errors placed the same way.
func rewriteRedshift(sql string, w Where) (string, Where, error) {
	if w.SQL == "" {
		w.SQL = sql
	}
	rq, err := redshift.RewriteQuery(w.File, sql)
	if err != nil {
		return "", w, placeErrors(err, w)
	}
	if rq.SQL == sql {
		return sql, w, nil
	}
	return rq.SQL, translatedWhere(w, rq.SQL, rq.SourceOffset), nil
}

// translatedWhere is w for text, a translation of w.SQL; back maps a byte
// offset of text to one of w.SQL.
func translatedWhere(w Where, text string, back func(int) int) Where {
	inner, orig := w.Pos, w.SQL
	if w.Source == "" {
		w.Source = orig
	}
	w.Pos = func(off int) (int, int) {
		if inner != nil {
			return inner(back(off))
		}
		return lineCol(orig, back(off))
	}
	if prev := w.Back; prev != nil {
		w.Back = func(off int) int { return prev(back(off)) }
	} else {
		w.Back = back
	}
	w.SQL = text
	return w
}

// placeErrors moves positioned errors about w.SQL (line and column of that
// text) to where w places it.
func placeErrors(err error, w Where) error {
	var es diag.Errors
	if !errors.As(err, &es) {
		return err
	}
	out := make(diag.Errors, len(es))
	for i, e := range es {
		moved := *e
		off := diag.Offset(w.SQL, e.Line, e.Col)
		moved.File = w.File
		if w.Pos != nil {
			moved.Line, moved.Col = w.Pos(off)
		} else {
			moved.Line, moved.Col = lineCol(w.SQL, off)
		}
		out[i] = &moved
	}
	return out
}

// RewriteRedshift is the one Redshift translation of a statement jig sends
// to a Postgres server outside a runner (jig check --dsn on Postgres): sql
// rewritten, and where Postgres's positions in it point (see Where.Back).
func RewriteRedshift(sql string) (string, Where, error) {
	return rewriteRedshift(sql, Where{SQL: sql})
}

// OnRedshift reports whether conn's server is Amazon Redshift (SELECT
// version() says so), where a Redshift workspace's SQL runs as written.
func OnRedshift(ctx context.Context, conn *pgx.Conn) (bool, error) {
	var version string
	if err := conn.QueryRow(ctx, "SELECT version()").Scan(&version); err != nil {
		return false, AsSQLError(err, Where{})
	}
	return strings.Contains(strings.ToLower(version), "redshift"), nil
}
