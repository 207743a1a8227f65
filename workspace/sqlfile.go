package workspace

import (
	"path"
	"strings"

	"github.com/jig-sql/jig/workspace/diag"
	"github.com/jig-sql/jig/workspace/redshift"
	"github.com/jig-sql/jig/workspace/sqlscan"
)

// Query is one queries/*.sql file: one statement (a query), or several (a
// script, see IsScript).
type Query struct {
	Name string // file name without .sql
	Path string // relative to the workspace, slash-separated
	// SQL is the statement without its trailing semicolon, or a script's
	// whole text. It is a prefix of the file, so a byte offset into SQL is a
	// byte offset into the file (use q.Pos(offset) for an error position).
	SQL string
	// Statements are a script's statements in order, their Start offsets
	// into SQL; nil for a query.
	Statements []Statement
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

// IsScript reports whether the file is a script that runs in order (DROP,
// CREATE TABLE ... AS, BEGIN ... COMMIT, INSERT, DELETE, ...) rather than
// a query whose rows are its result: it holds several statements, or one
// that defines tables (CREATE, DROP, ALTER, TRUNCATE).
func (q *Query) IsScript() bool { return len(q.Statements) > 0 }

// ParseQuery reads a query file's text. path names the file in errors and
// gives the query its name. An empty file is a positioned error; a file of
// several statements, or of one that defines tables, is a script
// (Statements).
func ParseQuery(p, src string) (*Query, error) {
	q := &Query{Name: strings.TrimSuffix(path.Base(p), ".sql"), Path: p}
	if stmts := SplitStatements(src); len(stmts) > 1 || (len(stmts) == 1 && definesTables(stmts[0].SQL)) {
		q.SQL, q.Statements = strings.TrimRight(src, " \t\r\n"), stmts
		return q, nil
	}
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

// definesTables reports whether a statement is DDL that a script runs for
// its effect, with the schema files' translation (a CREATE TABLE ... AS
// with DISTKEY), rather than a query.
func definesTables(sql string) bool {
	words := leadingWords(sql, 1)
	return len(words) == 1 && (words[0] == "create" || words[0] == "drop" || words[0] == "alter" || words[0] == "truncate")
}
