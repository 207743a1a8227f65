package workspace

import "github.com/jig-sql/jig/workspace/redshift"

// SchemaFile is one schema/*.sql file: the user's text and the Postgres SQL
// jig runs in its place. The embedded translation gives Source, SQL, the
// Redshift design of each table (Tables, Distribution), whether the file used
// Redshift-only syntax, and SourcePos to map a Postgres error position back
// to the user's line and column.
type SchemaFile struct {
	Path string // relative to the workspace, slash-separated
	redshift.TranslatedSchema
}

// ParseSchema reads a schema file's text, translating Redshift DDL for
// Postgres (see redshift.TranslateSchema). path names the file in errors;
// redshiftDialect applies Redshift's meaning to types Postgres reads differently.
// The returned SchemaFile is usable even when the error (a diag.Errors) is not
// nil.
func ParseSchema(path, src string, redshiftDialect bool) (*SchemaFile, error) {
	ts, err := redshift.TranslateSchema(path, src, redshiftDialect)
	return &SchemaFile{Path: path, TranslatedSchema: *ts}, err
}
