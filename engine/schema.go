package engine

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jig-sql/jig/workspace"
	"github.com/jig-sql/jig/workspace/sqlmap"
)

// ApplySchema runs the workspace's schema files, in order, in the
// connection's current schema (its search_path). An error names the file
// and the line:column of the user's text, even when jig translated it from
// Redshift DDL.
func ApplySchema(ctx context.Context, conn *pgx.Conn, files []*workspace.SchemaFile) error {
	return applySchema(ctx, conn, files, nil)
}

// ApplySchemaAs is ApplySchema with the workspace's schemas under the names
// m gives them (see package sqlmap).
func ApplySchemaAs(ctx context.Context, conn *pgx.Conn, files []*workspace.SchemaFile, m *sqlmap.Mapper) error {
	return applySchema(ctx, conn, files, newNames(m))
}

func applySchema(ctx context.Context, conn *pgx.Conn, files []*workspace.SchemaFile, n *sentNames) error {
	for _, f := range files {
		w := Where{File: f.Path, SQL: f.SQL, Source: f.Source, Pos: f.SourcePos}
		sql, w, setsPath, err := n.mapRewrite(f.SQL, w, true)
		if err != nil {
			return err
		}
		if err := Exec(ctx, conn, sql, w); err != nil {
			return err // a *SQLError already names the file and place
		}
		if setsPath {
			// A file's SET search_path lasts to its end, as a psql session's.
			if _, err := conn.Exec(ctx, "SET search_path TO "+workspace.QuoteIdent(n.m.Main())); err != nil {
				return err
			}
		}
	}
	return nil
}

// DescribeWorkspace describes the tables of schema and adds the Redshift
// distribution and sort keys the schema files declare.
func DescribeWorkspace(ctx context.Context, conn *pgx.Conn, schema string, files []*workspace.SchemaFile) ([]workspace.Table, error) {
	tables, err := Describe(ctx, conn, schema)
	if err != nil {
		return nil, err
	}
	for i := range tables {
		for _, f := range files {
			if d, ok := f.Distribution("", tables[i].Name); ok {
				tables[i].Dist = d
				break
			}
		}
	}
	return tables, nil
}

// CurrentSchema is the first schema of the connection's search_path.
func CurrentSchema(ctx context.Context, conn *pgx.Conn) (string, error) {
	var s string
	err := conn.QueryRow(ctx, "SELECT current_schema()").Scan(&s)
	return s, err
}

// CreateSchema (re)creates schema, empty, sets the connection's search_path
// to it, and applies the workspace's schema files there. jig owns the
// schemas it creates this way; nothing outside them is touched.
func CreateSchema(ctx context.Context, conn *pgx.Conn, schema string, files []*workspace.SchemaFile) error {
	q := workspace.QuoteIdent(schema)
	setup := "DROP SCHEMA IF EXISTS " + q + " CASCADE; CREATE SCHEMA " + q + "; SET search_path TO " + q
	if err := Exec(ctx, conn, setup, Where{SQL: setup}); err != nil {
		return err
	}
	return ApplySchema(ctx, conn, files)
}
