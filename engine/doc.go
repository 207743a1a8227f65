// Package engine owns Postgres: the embedded server (binaries, cache, cluster,
// lifecycle), or an existing server reached by DSN; applying the workspace
// schema; describing tables from pg_catalog; running queries and fixtures.
// It is the only package that talks to the database, and it hands out plain
// values and typed errors. Nothing here knows a terminal exists.
package engine
