// Package workspace owns the files a user keeps in git: jig.yaml, schema/,
// queries/, checks/, fixtures/ and seeds/ (CSV, each column's type
// inferred). It loads them with errors that point at file:line:column,
// translates Redshift DDL for Postgres (keeping distribution and sort keys as
// metadata), finds which queries read which (Query.Reads, in dependency
// order in Workspace.Ordered, cycles and table/query name clashes reported
// at their place), and writes files atomically.
// The translation itself lives in workspace/redshift, the one SQL scanner in
// workspace/sqlscan, the positioned errors every loader reports in
// workspace/diag, and watching the files for changes in workspace/watch.
//
// It also defines the plain description of a table (Table, Column, Type)
// that engine fills from pg_catalog and rows, checks and the TUI read.
// Besides its own subpackages it imports only the standard library and YAML.
package workspace
