// Package redshift owns running Redshift SQL on Postgres without a
// warehouse, in two halves:
//
//   - TranslateSchema reads Redshift DDL (schema files) and gives Postgres
//     DDL of the same length wherever it can: DISTSTYLE, DISTKEY, SORTKEY,
//     ENCODE and BACKUP are blanked and kept as each table's Distribution,
//     IDENTITY, GETDATE, NVARCHAR, SUPER, VARBYTE and (MAX) lengths are
//     rewritten, and mistakes in the design (a DISTKEY naming a missing
//     column, two SORTKEYs, ...) are reported at their line and column.
//     workspace.ParseSchema wraps it for the loader.
//   - RewriteQuery rewrites the query syntax Postgres lacks (NVL, DECODE,
//     LISTAGG, TOP, MEDIAN, date parts, ...) into equivalent Postgres and
//     rejects what cannot run locally (PIVOT, QUALIFY, IGNORE NULLS, ...).
//     Functions holds the functions Postgres lacks (GETDATE, DATEADD,
//     ...); the engine creates them, since nothing under workspace talks to
//     a database.
//
// TranslateScript composes the two for a script (a query file of several
// statements): TranslateSchema over the whole file, so CREATE TABLE ... AS
// loses its DISTKEY and SORTKEY as a schema file would, then RewriteQuery
// on each statement, with positions mapped through both back to the file.
// It is the one place the two are composed.
//
// All three keep a map from every position of their output back to the user's
// text (SourcePos) and report problems as a diag.Errors. The package sits
// below workspace: it imports only diag, sqlscan and the standard library.
package redshift
