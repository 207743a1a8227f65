// Package diag owns how jig reports a mistake in a user's file: a PosError
// at file:line:column with an optional hint, an Errors list that reports
// every mistake of a run at once, LineCol to turn a byte offset into the
// line and column an editor jumps to, and DidYouMean, the one "did you mean
// `x`?" hint for a misspelt name.
//
// It sits below workspace and everything that reads user files
// (workspace/redshift, checks, engine) so they all report errors the same
// way. It imports only the standard library.
package diag
