package redshift

import "github.com/jig-sql/jig/workspace/diag"

// TranslatedSchema is one schema file translated for Postgres: the user's
// text, the SQL jig runs in its place, and the Redshift design of each table
// it creates.
type TranslatedSchema struct {
	Source string // the file as written
	SQL    string // translated for Postgres; same length as Source unless a rewrite grew
	// Tables maps each table the file creates (name folded as Postgres does,
	// "schema.table" when written qualified) to its Redshift design; the
	// zero Distribution when it has none.
	Tables map[string]Distribution
	// Columns are the column names of each table of Tables that lists
	// them (not CREATE TABLE ... AS or LIKE), folded, in order: what a dbt
	// macro such as dbt_utils.star reads before any server runs.
	Columns map[string][]string
	// Redshift is true when the file used Redshift-only syntax.
	Redshift bool
	// Warnings are the statements skipped (COPY from S3, UNLOAD, GRANT,
	// REVOKE), one each at its line and column; the caller shows them.
	Warnings diag.Errors

	edits   []edit       // length-changing rewrites, in order
	queries []queryPiece // the query rewrites over those (rewriteQueries), in order
}

// Distribution is the Redshift physical design of a table, kept from the
// schema files as metadata: Postgres has no use for it, jig shows it and gives
// advice from it.
type Distribution struct {
	Style     string   // ALL | EVEN | KEY | AUTO, "" when not given
	Key       string   // DISTKEY column
	SortKey   []string // SORTKEY columns in order
	SortStyle string   // COMPOUND | INTERLEAVED, "" when not given
}

// SourcePos maps a 0-based byte offset into SQL (as Postgres reports an
// error position, after converting its 1-based character position) back to
// the 1-based line and column of Source. An offset inside rewritten text
// points at the start of the clause that produced it.
func (f *TranslatedSchema) SourcePos(offset int) (line, col int) {
	return diag.LineCol(f.Source, f.sourceOffset(offset))
}

// sourceOffset undoes the query rewrites, then the length-changing edits.
func (f *TranslatedSchema) sourceOffset(offset int) int {
	return f.ddlSourceOffset(f.undoQueries(offset))
}

// ddlSourceOffset undoes the length-changing edits.
func (f *TranslatedSchema) ddlSourceOffset(offset int) int {
	delta := 0 // len(SQL prefix) - len(Source prefix) so far
	for _, e := range f.edits {
		start := e.start + delta
		if offset < start {
			break
		}
		if offset < start+len(e.text) {
			return e.start
		}
		delta += len(e.text) - (e.end - e.start)
	}
	return offset - delta
}

// Distribution returns the Redshift design recorded for a table, trying the
// schema-qualified name first. Names are compared as Postgres folds them.
func (f *TranslatedSchema) Distribution(schema, table string) (Distribution, bool) {
	if schema != "" {
		if d, ok := f.Tables[schema+"."+table]; ok {
			return d, true
		}
	}
	d, ok := f.Tables[table]
	return d, ok
}
