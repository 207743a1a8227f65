// Package sqllex owns jig's SQL lexer: it splits text into tokens that
// cover every byte (identifiers, quoted identifiers, strings of every
// Postgres form, comments, numbers, parameters, punctuation) following
// Postgres's rules closely enough that nothing inside a string, quoted
// identifier or comment is ever taken for a keyword. The workspace's query
// parser, its DDL translator and the Redshift query rewriter all read SQL
// through it; it knows nothing of files or errors.
package sqllex
