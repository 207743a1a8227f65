// Package checks owns data-quality checks: a registry of typed check structs,
// strict decoding of checks/*.yaml with positioned errors, and the one SQL
// statement each check compiles to. It never talks to Postgres itself: it asks
// a small Querier interface that engine satisfies.
//
// # Config
//
// A checks file names its target and lists checks; a fixture's checks: list
// has the same entries, each with an optional table: key:
//
//	table: events
//	checks:
//	  - not_null: event_id                 # shorthand for {column: event_id}
//	  - unique: [user_id, browser_id]
//	  - expression: "event_ts <= now()"
//	    severity: warn                     # options sit beside the check or inside its map
//
// Every check type is a struct (NotNull, Unique, ...) whose YAML fields are
// its parameters; Definitions lists them with their documentation, which
// comes from the fields' doc comments (params.txt, kept in sync by a test).
// Decoding reports every mistake of every file at file:line:col, with the
// nearest valid name as a hint.
//
// # SQL
//
// Each check compiles to one statement returning one row, (failing, sample):
// the number of failing rows and up to `sample` of them as a JSON array. The
// rows are checked inside the database; only that one row comes back.
//
// # NULLs
//
// Only not_null fails on NULL. The other column checks skip NULLs, so pair
// them with not_null when a value is required:
//
//	not_null             NULL fails
//	unique               rows with a NULL in any listed column are skipped (as a UNIQUE constraint)
//	accepted_values      NULL passes (as in dbt)
//	not_accepted_values  NULL passes
//	relationships        NULL passes; NULLs in the referenced column match nothing
//	accepted_range       NULL passes
//	matches              NULL passes
//	not_empty            NULL passes (it is not an empty string)
//	expression           an expression that is NULL passes, as in a CHECK constraint;
//	                     write coalesce(expr, false) to fail it
//	freshness            NULLs are ignored; no non-NULL value at all fails
//	row_count            every row counts, NULLs or not
//	equal_row_count      every row counts, NULLs or not
//	sql                  whatever the query makes of them
//
// # Redshift
//
// The Redshift form (Compile with Redshift, or Run WithDialect) returns the
// count only, sample NULL: Redshift has no json_agg. freshness uses getdate()
// there instead of now(). matches and not_empty use `~` with POSIX classes,
// which Redshift supports. A query target or a `query:` that has its own
// WITH clause is nested inside jig's WITH: Postgres accepts that; it is not
// verified on Redshift (no Redshift is at hand; the form is tested by running
// it on Postgres). Patterns are validated with Go's RE2 first;
// Postgres's POSIX ARE accepts lookahead and backreferences, which are let
// through unvalidated.
package checks
