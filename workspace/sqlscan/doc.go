// Package sqlscan is jig's one SQL scanner: every package that reads SQL
// text (the workspace's query and Redshift translators, the row factory's
// CHECK parser, the self-test's search, the engine's live runs and explain)
// tokenises it here, so a dollar quote, an E'...' string or a nested comment
// means the same thing everywhere.
//
// Scan follows Postgres's lexical rules (src/backend/parser/scan.l) with
// standard_conforming_strings on: '...' strings, E'...' strings with backslash
// escapes, B'...', X'...', N'...' and U&'...' strings, $tag$ dollar quotes ($1 is a
// parameter), "quoted" and U&"quoted" identifiers, -- and nested /* */
// comments, numbers (with _ separators, 0x 0o 0b), multi-character
// operators cut as Postgres cuts them, and punctuation. Whitespace and
// comments are tokens too, so the tokens' texts joined are the input byte
// for byte and a caller can edit the source by token ranges.
//
// Scanning never fails: an unterminated string, quoted identifier or
// comment runs to the end of the input and carries an Error; a stray byte
// is a one-byte Punct. The server judges the SQL; jig only must not misread it.
//
// Positions: Offset is a 0-based byte offset; Line and Col are 1-based and
// Col counts characters (runes), not bytes, exactly as diag.LineCol
// and every file:line:col error jig prints.
//
// The package imports only the standard library, so any package may use it.
package sqlscan
