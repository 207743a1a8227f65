package engine

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Column is one column of a query's result.
type Column struct {
	Name string
	Type string // the Postgres type name, e.g. "numeric", "timestamptz", "_text" for text[]
	OID  uint32
}

// Value is one cell of a result: Postgres's text output, or NULL.
type Value struct {
	Text string
	Null bool
}

// String shows NULL as NULL; for display only.
func (v Value) String() string {
	if v.Null {
		return "NULL"
	}
	return v.Text
}

// Result is a query's output as plain values.
type Result struct {
	Columns []Column
	Rows    [][]Value
	// Tag is the command tag ("SELECT 3", "UPDATE 2").
	Tag  string
	Took time.Duration
}

// DefaultMaxRows bounds how many rows Query keeps in memory; the TUI pages
// bigger results through a Cursor instead.
const DefaultMaxRows = 100_000

// ErrTooManyRows is returned when a result exceeds the row limit.
type ErrTooManyRows struct{ Limit int }

func (e *ErrTooManyRows) Error() string {
	return fmt.Sprintf("the result has more than %d rows; add a LIMIT or page through it", e.Limit)
}

// Query runs one statement and returns its result as text values. Errors
// from Postgres come back as *SQLError placed in w.
func Query(ctx context.Context, conn *pgx.Conn, sql string, w Where, maxRows int) (*Result, error) {
	if maxRows <= 0 {
		maxRows = DefaultMaxRows
	}
	start := time.Now()
	rows, err := conn.Query(ctx, sql, pgx.QueryResultFormats{pgx.TextFormatCode})
	if err != nil {
		return nil, AsSQLError(err, w)
	}
	defer rows.Close()
	res := &Result{Columns: columnsOf(conn, rows.FieldDescriptions())}
	for rows.Next() {
		if len(res.Rows) >= maxRows {
			return nil, &ErrTooManyRows{Limit: maxRows}
		}
		res.Rows = append(res.Rows, textValues(rows.RawValues()))
	}
	if err := rows.Err(); err != nil {
		return nil, AsSQLError(err, w)
	}
	res.Tag = rows.CommandTag().String()
	res.Took = time.Since(start)
	return res, nil
}

func columnsOf(conn *pgx.Conn, fds []pgconn.FieldDescription) []Column {
	cols := make([]Column, len(fds))
	for i, fd := range fds {
		cols[i] = Column{Name: fd.Name, OID: fd.DataTypeOID, Type: typeName(conn, fd.DataTypeOID)}
	}
	return cols
}

// typeName names a type oid, asking pgx's type map (builtins) first.
func typeName(conn *pgx.Conn, oid uint32) string {
	if t, ok := conn.TypeMap().TypeForOID(oid); ok {
		return t.Name
	}
	return fmt.Sprintf("oid:%d", oid)
}

// textValues copies raw text-format values; pgx reuses its buffers.
func textValues(raw [][]byte) []Value {
	vals := make([]Value, len(raw))
	for i, b := range raw {
		if b == nil {
			vals[i] = Value{Null: true}
		} else {
			vals[i] = Value{Text: string(b)}
		}
	}
	return vals
}

// Exec runs SQL that may hold several statements (schema files, setup) with
// the simple protocol, mapping errors into w.
func Exec(ctx context.Context, conn *pgx.Conn, sql string, w Where) error {
	mrr := conn.PgConn().Exec(ctx, sql)
	_, err := mrr.ReadAll()
	if err != nil {
		return AsSQLError(err, w)
	}
	return nil
}
