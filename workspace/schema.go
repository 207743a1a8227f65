package workspace

// SchemaFile is one schema/*.sql file: the user's text and the Postgres SQL
// jig runs in its place.
type SchemaFile struct {
	Path   string // relative to the workspace, slash-separated
	Source string // the file as written
	SQL    string // translated for Postgres; same length as Source unless a rewrite grew
	// Tables maps each table the file creates (name folded as Postgres does,
	// "schema.table" when written qualified) to its Redshift design; the
	// zero Distribution when it has none.
	Tables map[string]Distribution
	// Redshift is true when the file used Redshift-only syntax.
	Redshift bool

	edits []edit // length-changing rewrites, in order
}

// SourcePos maps a 0-based byte offset into SQL (as Postgres reports an
// error position, after converting its 1-based character position) back to
// the 1-based line and column of Source. An offset inside rewritten text
// points at the start of the clause that produced it.
func (f *SchemaFile) SourcePos(offset int) (line, col int) {
	return LineCol(f.Source, f.sourceOffset(offset))
}

// sourceOffset undoes the length-changing edits.
func (f *SchemaFile) sourceOffset(offset int) int {
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
func (f *SchemaFile) Distribution(schema, table string) (Distribution, bool) {
	if schema != "" {
		if d, ok := f.Tables[schema+"."+table]; ok {
			return d, true
		}
	}
	d, ok := f.Tables[table]
	return d, ok
}
