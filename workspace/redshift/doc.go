// Package redshift owns running Redshift SQL on Postgres without a
// warehouse: RewriteQuery rewrites the syntax Postgres lacks (NVL, DECODE,
// LISTAGG, TOP, MEDIAN, date parts, ...) into equivalent Postgres, keeping a
// map from every position of the result back to the user's text, and
// rejects what cannot run locally (PIVOT, QUALIFY, IGNORE NULLS, ...) with
// a workspace.Errors at its line and column. FunctionsSQL holds the
// functions Postgres lacks (GETDATE, DATEADD, ...); the engine creates them,
// since nothing under workspace talks to a database.
//
// The schema-file translator (workspace.TranslateSchema) stays in package
// workspace, whose loader calls it.
package redshift
