package engine

import (
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
)

// SQLError is an error Postgres reported about a piece of SQL, placed at the
// line and column of the file it came from.
type SQLError struct {
	File     string // where the SQL came from ("" when typed in)
	Line     int    // 1-based; 0 when Postgres gave no position
	Col      int    // 1-based, in characters
	Message  string
	Detail   string
	Hint     string
	Code     string // SQLSTATE
	Severity string
	SQL      string // the text the position refers to
	Err      *pgconn.PgError
	offset   int // characters sent before SQL (Where.Offset)
	srcOff   int // byte offset of Postgres's position in SQL; -1 when none
}

// Reposition implements checks.Repositioner: the error as placed in file by
// pos, which maps a byte offset of e.SQL, with source for the excerpt. An
// error that already names a file keeps its place.
func (e *SQLError) Reposition(file, source string, pos func(offset int) (line, col int)) error {
	if e.File != "" {
		return e
	}
	out := *e
	out.File, out.SQL = file, source
	out.Line, out.Col = pos(0)
	if e.srcOff >= 0 && e.Err != nil {
		out.Line, out.Col = pos(e.srcOff)
	}
	return &out
}

func (e *SQLError) Error() string {
	var b strings.Builder
	switch {
	case e.File != "" && e.Line > 0:
		fmt.Fprintf(&b, "%s:%d:%d: ", e.File, e.Line, e.Col)
	case e.File != "":
		fmt.Fprintf(&b, "%s: ", e.File)
	case e.Line > 0:
		fmt.Fprintf(&b, "line %d, column %d: ", e.Line, e.Col)
	}
	b.WriteString(e.Message)
	if e.Code != "" {
		fmt.Fprintf(&b, " (SQLSTATE %s)", e.Code)
	}
	if e.Detail != "" {
		b.WriteString("\n  detail: " + e.Detail)
	}
	if e.Hint != "" {
		b.WriteString("\n  hint: " + e.Hint)
	}
	return b.String()
}

func (e *SQLError) Unwrap() error { return e.Err }

// Caret renders the offending line with a caret under the column, for
// terminals: "  3 | select x frm t\n    |          ^".
func (e *SQLError) Caret() string {
	if e.Line <= 0 {
		return ""
	}
	lines := strings.Split(e.SQL, "\n")
	if e.Line > len(lines) {
		return ""
	}
	text := strings.ReplaceAll(lines[e.Line-1], "\t", " ")
	num := fmt.Sprint(e.Line)
	pad := strings.Repeat(" ", len(num))
	return fmt.Sprintf("%s | %s\n%s | %s^", num, text, pad, strings.Repeat(" ", max(e.Col-1, 0)))
}

// Where says where a piece of SQL came from, so positions can be mapped back.
type Where struct {
	File string
	// SQL is the statement as sent to Postgres, without any wrapper prefix.
	SQL string
	// Offset is how many characters the statement sent to Postgres has in
	// front of SQL (a wrapper such as "WITH q AS ("); 0 when sent as is.
	Offset int
	// Back maps a byte offset in SQL to one in Source, when SQL is a
	// rewrite whose offsets differ; nil when they are the same.
	Back func(offset int) int
	// Names puts the user's names back into Postgres's message, detail
	// and hint (a worker's private schema names); nil leaves them.
	Names func(string) string
	// Source is the text as the user wrote it, when SQL is a rewrite of it
	// (translated DDL, a rewritten Redshift query); "" when SQL is the source.
	Source string
	// Pos maps a 0-based byte offset in SQL to a 1-based line and column of
	// Source; nil when SQL is the source.
	Pos func(offset int) (line, col int)
	// pieces place SQL made of several files' texts (a query with the
	// queries it reads written in, chainSQL): a position inside a piece is
	// at that piece's place.
	pieces []wherePiece
	// Line and Col place an error Postgres gives no position for (a
	// constraint violation, an error inside a function body) at the
	// statement; 0 leaves it at the file.
	Line, Col int
}

// wherePiece is a byte range [start, end) of a Where's SQL that is the
// text of where.SQL from byte from on.
type wherePiece struct {
	start, end, from int
	where            Where
}

// piece is the Where a byte offset of w.SQL falls in and the offset
// there; w itself when it has no pieces.
func (w Where) piece(off int) (Where, int) {
	for _, p := range w.pieces {
		if off >= p.start && off < p.end {
			return p.where, off - p.start + p.from
		}
	}
	if len(w.pieces) > 0 { // between pieces: jig's own glue, blamed on the statement
		last := w.pieces[len(w.pieces)-1]
		return last.where, last.from
	}
	return w, off
}

// AsSQLError turns a Postgres error into a *SQLError at its place in w; other
// errors are returned unchanged.
func AsSQLError(err error, w Where) error {
	var pg *pgconn.PgError
	if !errors.As(err, &pg) {
		return err
	}
	e := &SQLError{File: w.File, Message: pg.Message, Detail: pg.Detail, Hint: pg.Hint,
		Code: pg.Code, Severity: pg.Severity, SQL: w.SQL, Err: pg, offset: w.Offset}
	if w.Source != "" {
		e.SQL = w.Source
	}
	if w.Names != nil {
		e.Message, e.Detail, e.Hint = w.Names(e.Message), w.Names(e.Detail), w.Names(e.Hint)
	}
	e.srcOff = sourceOffset(pg, w)
	// Position counts characters, 1-based, in the statement sent; an
	// InternalPosition refers to some other text (a function body) and is
	// not ours to place.
	if pos := int(pg.Position) - 1 - w.Offset; pg.Position > 0 && pos >= 0 {
		off := byteOffset(w.SQL, pos)
		if len(w.pieces) > 0 {
			if w.Back != nil {
				off = w.Back(off) // the pieces are ranges of the text before the schema mapping
			}
			p, local := w.piece(off)
			e.File, e.SQL, off = p.File, p.SQL, local
			if p.Source != "" {
				e.SQL = p.Source
			}
			w = p
		}
		if w.Pos != nil {
			e.Line, e.Col = w.Pos(off)
		} else {
			e.Line, e.Col = lineCol(w.SQL, off)
		}
	}
	if e.Line == 0 && w.Line > 0 {
		e.Line, e.Col = w.Line, w.Col
	}
	return e
}

// sourceOffset is the byte offset of pg's position in w's source text (see
// Where.Back), -1 when pg has none in w.
func sourceOffset(pg *pgconn.PgError, w Where) int {
	pos := int(pg.Position) - 1 - w.Offset
	if pg.Position <= 0 || pos < 0 {
		return -1
	}
	off := byteOffset(w.SQL, pos)
	if w.Back != nil {
		return w.Back(off)
	}
	return off
}

// byteOffset converts a character offset into a byte offset of s.
func byteOffset(s string, chars int) int {
	for i := range s {
		if chars == 0 {
			return i
		}
		chars--
	}
	return len(s)
}

// lineCol converts a 0-based byte offset into a 1-based line and a
// 1-based column counted in characters.
func lineCol(s string, off int) (line, col int) {
	line, col = 1, 1
	for i, r := range s {
		if i >= off {
			break
		}
		if r == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return line, col
}
