package redshift

import (
	"errors"

	"github.com/jig-sql/jig/workspace/diag"
	"github.com/jig-sql/jig/workspace/sqlscan"
)

// ScriptStatement is one statement of a script (a query file of several
// statements) translated for Postgres, with positions mapped back to the
// file.
type ScriptStatement struct {
	// Source is the statement as written, a slice of the file at Start.
	Source string
	Start  int
	// SQL is what runs on Postgres in its place.
	SQL string

	file  string            // the whole file as written
	toOut func(off int) int // an offset into SQL → an offset into file
}

// SourcePos maps a 0-based byte offset into SQL (as Postgres reports an
// error position) to the 1-based line and column of the file. An offset in
// text a translation generated points at the construct that produced it.
func (s *ScriptStatement) SourcePos(offset int) (line, col int) {
	return diag.LineCol(s.file, s.toOut(offset))
}

// SourceOffset maps a 0-based byte offset into SQL to a byte offset of the
// file, as SourcePos does, for a caller that places the file itself.
func (s *ScriptStatement) SourceOffset(offset int) int { return s.toOut(offset) }

// TranslateScript translates every statement of a script file for
// Postgres with the one Redshift translation jig has: the schema files' DDL
// translation (DISTKEY, SORTKEY, ENCODE, DISTSTYLE, BACKUP, IDENTITY,
// VARCHAR(MAX), GETDATE() — in CREATE TABLE ... AS too) over the whole file,
// then, when redshiftDialect, the query rewrites (NVL, DATEADD's part,
// LISTAGG, TOP, …) statement by statement, since some of them (TOP) act on
// a statement's end. Positions of errors from either pass, and SourcePos,
// are the file's. The statements are usable for display even when the
// error (a diag.Errors) is not nil.
func TranslateScript(path, src string, redshiftDialect bool) ([]ScriptStatement, error) {
	ts, err := translateSchema(path, src, redshiftDialect, false) // the runner notes what it skips
	var errs diag.Errors
	collect(&errs, err)
	var out []ScriptStatement
	for _, piece := range sqlscan.SplitStatements(sqlscan.Scan(ts.SQL)) {
		start, end := piece[0].Offset, piece[len(piece)-1].End()
		text := ts.SQL[start:end]
		st := ScriptStatement{SQL: text, file: src, Start: ts.sourceOffset(start)}
		st.Source = src[st.Start:max(st.Start, min(ts.sourceOffset(end), len(src)))]
		st.toOut = func(off int) int { return ts.sourceOffset(start + off) }
		if redshiftDialect {
			rq, err := RewriteQuery(path, text)
			remap(&errs, err, text, st.toOut, src)
			st.SQL = rq.SQL
			st.toOut = func(off int) int { return ts.sourceOffset(start + rq.sourceOffset(off)) }
		}
		out = append(out, st)
	}
	return out, errs.Err()
}

// collect appends err's positioned errors to errs.
func collect(errs *diag.Errors, err error) {
	var es diag.Errors
	if errors.As(err, &es) {
		*errs = append(*errs, es...)
	}
}

// remap moves errors positioned in text (one statement) to their place in
// the file: toFile maps an offset in text to an offset in file.
func remap(errs *diag.Errors, err error, text string, toFile func(int) int, file string) {
	var es diag.Errors
	if !errors.As(err, &es) {
		return
	}
	for _, e := range es {
		moved := *e
		moved.Line, moved.Col = diag.LineCol(file, toFile(diag.Offset(text, e.Line, e.Col)))
		*errs = append(*errs, &moved)
	}
}
