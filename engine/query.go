package engine

import (
	"context"
	"fmt"
	"strings"
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
	res := &Result{Columns: columnsOf(conn, rows.FieldDescriptions(), nil)}
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

// columnsOf names a result's columns and their types; names holds the
// workspace's own types (enums, composites), which pgx does not know.
func columnsOf(conn *pgx.Conn, fds []pgconn.FieldDescription, names map[uint32]string) []Column {
	cols := make([]Column, len(fds))
	for i, fd := range fds {
		cols[i] = Column{Name: fd.Name, OID: fd.DataTypeOID, Type: typeName(conn, fd.DataTypeOID, names)}
	}
	return cols
}

// typeName names a type oid, asking pgx's type map (builtins) first, then
// the catalog's names of the workspace's types.
func typeName(conn *pgx.Conn, oid uint32, names map[uint32]string) string {
	if t, ok := conn.TypeMap().TypeForOID(oid); ok {
		return t.Name
	}
	if n, ok := names[oid]; ok {
		return n
	}
	return fmt.Sprintf("oid:%d", oid)
}

// typeNames reads the names of the types defined in schema (enums,
// composites, domains and their arrays) as format_type spells them.
func typeNames(ctx context.Context, conn *pgx.Conn, schemas ...string) (map[uint32]string, error) {
	rows, err := conn.Query(ctx, `
		SELECT t.oid, format_type(t.oid, NULL) FROM pg_type t
		JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = ANY($1)`, schemas)
	if err != nil {
		return nil, fmt.Errorf("reading the type names of schemas %s: %w", strings.Join(schemas, ", "), err)
	}
	names := map[uint32]string{}
	for rows.Next() {
		var oid uint32
		var name string
		if err := rows.Scan(&oid, &name); err != nil {
			return nil, err
		}
		names[oid] = name
	}
	return names, rows.Err()
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
