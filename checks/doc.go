// Package checks owns data-quality checks: a registry of typed check structs,
// strict decoding of checks/*.yaml with positioned errors, and the one SQL
// statement each check compiles to. It never talks to Postgres itself: it asks
// a small Querier interface that engine satisfies.
package checks
