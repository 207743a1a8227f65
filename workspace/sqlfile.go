package workspace

import (
	"path"
	"strings"

	"github.com/jig-sql/jig/workspace/diag"
	"github.com/jig-sql/jig/workspace/redshift"
	"github.com/jig-sql/jig/workspace/sqlscan"
)

// Query is one queries/*.sql file: exactly one statement.
type Query struct {
	Name string // file name without .sql
	Path string // relative to the workspace, slash-separated
	// SQL is the statement without its trailing semicolon. It is a prefix of
	// the file, so a byte offset into SQL is a byte offset into the file
	// (use diag.LineCol(q.SQL, offset) for an error position) — unless
	// SourcePos is set.
	SQL string
	// Reads are the places SQL reads other queries of the workspace by
	// name, in order (Workspace.LinkQueries).
	Reads []QueryRef
	// Source and SourcePos are set when SQL was rendered from a template (a
	// dbt model): Source is the file as written, SourcePos maps a 0-based
	// byte offset of SQL to a 1-based line and column of Source.
	Source    string
	SourcePos func(offset int) (line, col int)
}

// Pos maps a 0-based byte offset of q.SQL to the 1-based line and column of
// the file the user wrote.
func (q *Query) Pos(offset int) (line, col int) {
	if q.SourcePos != nil {
		return q.SourcePos(offset)
	}
	return diag.LineCol(q.SQL, offset)
}

// ParseQuery reads a query file's text. path names the file in errors and
// gives the query its name. An empty file, or a file with a second
// statement, is a positioned error.
func ParseQuery(p, src string) (*Query, error) {
	q := &Query{Name: strings.TrimSuffix(path.Base(p), ".sql"), Path: p}
	var errs diag.Errors
	toks := sqlscan.ScanSignificant(src)
	end := len(src)
	for i, tk := range toks {
		if !tk.IsSymbol(";") {
			continue
		}
		end = tk.Offset
		for _, more := range toks[i+1:] {
			if !more.IsSymbol(";") {
				line, col := diag.LineCol(src, more.Offset)
				errs.Add(p, line, col, "move it to its own file in queries/", "one query per file: a second statement starts here")
				break
			}
		}
		break
	}
	q.SQL = strings.TrimRight(src[:end], " \t\r\n")
	if len(toks) == 0 || toks[0].IsSymbol(";") {
		errs.Add(p, 1, 1, "write one SELECT (or WITH ...) statement", "query file is empty")
	}
	return q, errs.Err()
}

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
