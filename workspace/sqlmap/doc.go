// Package sqlmap owns the names jig sends to Postgres in place of the names a
// workspace writes. Each engine worker runs in private schemas: its main
// schema (where unqualified and public. names live) and one private schema
// per schema the workspace declares (CREATE SCHEMA atomic, or CREATE TABLE
// atomic.events in schema/). A Mapper rewrites SQL text for one worker:
// atomic.events becomes "<worker's atomic>".events, public.x the main
// schema, and the user's CREATE SCHEMA atomic is blanked (jig made it), all
// with workspace/sqlscan, so strings, comments and quoted names are never
// misread. A Rewritten keeps the edits, so a Postgres error position in the
// sent text maps back to the user's text, and Unmap puts the user's names
// back into Postgres's messages.
//
// Declared finds the schemas and their objects in schema files. The package
// imports only sqlscan and the standard library.
//
// Names longer than Postgres's 63 bytes (Redshift allows 127) are one more
// rule: every identifier goes through Short, which keeps two long names that
// share their first 63 bytes apart, and Long gives the written name back.
package sqlmap
