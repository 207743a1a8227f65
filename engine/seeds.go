package engine

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jig-sql/jig/rows"
	"github.com/jig-sql/jig/workspace"
	"github.com/jig-sql/jig/workspace/diag"
	"github.com/jig-sql/jig/workspace/sqlmap"
)

// LoadSeeds creates a table for every seed the schema files do not declare
// (with the seed's inferred types) in schema, and loads every seed's rows
// with COPY. A value that does not fit its column comes back as a
// diag.Errors at the seed's file:line:col.
func LoadSeeds(ctx context.Context, conn *pgx.Conn, schema string, seeds []*workspace.Seed) error {
	if len(seeds) == 0 {
		return nil
	}
	declared, err := declaredColumns(ctx, conn, schema)
	if err != nil {
		return err
	}
	var errs diag.Errors
	for _, s := range seeds {
		cols, ok := declared[s.Name]
		if !ok {
			if err := createSeedTable(ctx, conn, schema, s); err != nil {
				return err
			}
		} else if es := unknownSeedColumns(s, cols); es != nil {
			errs = append(errs, es...)
			continue
		}
		if err := copySeed(ctx, conn, schema, s); err != nil {
			var pe *diag.PosError
			if !errors.As(err, &pe) {
				return err
			}
			errs = append(errs, pe)
		}
	}
	return errs.Err()
}

// declaredColumns maps each table of schema (the schema files' tables) to
// its column names.
func declaredColumns(ctx context.Context, conn *pgx.Conn, schema string) (map[string][]string, error) {
	rows, err := conn.Query(ctx, `SELECT c.relname, a.attname FROM pg_class c
		JOIN pg_namespace n ON n.oid = c.relnamespace
		JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
		WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') ORDER BY c.relname, a.attnum`, schema)
	if err != nil {
		return nil, err
	}
	out := map[string][]string{}
	var table, col string
	_, err = pgx.ForEachRow(rows, []any{&table, &col}, func() error {
		out[table] = append(out[table], col)
		return nil
	})
	return out, err
}

// unknownSeedColumns reports header columns the declared table lacks.
func unknownSeedColumns(s *workspace.Seed, cols []string) diag.Errors {
	var errs diag.Errors
	for _, c := range s.Columns {
		if !slices.Contains(cols, c.Name) {
			errs = append(errs, &diag.PosError{File: s.Path, Line: c.Line, Col: c.Col,
				Msg:  fmt.Sprintf("table %s declared in schema/ has no column %q", s.Name, c.Name),
				Hint: seedColumnHint(c.Name, cols)})
		}
	}
	return errs
}

func seedColumnHint(name string, cols []string) string {
	if h := diag.DidYouMean(name, cols); h != "" {
		return h
	}
	return "add the column to the table's CREATE TABLE in schema/, or rename it in the header (columns: " + strings.Join(cols, ", ") + ")"
}

// createSeedTable creates an undeclared seed's table with inferred types.
func createSeedTable(ctx context.Context, conn *pgx.Conn, schema string, s *workspace.Seed) error {
	defs := make([]string, len(s.Columns))
	for i, c := range s.Columns {
		defs[i] = workspace.QuoteIdent(c.Name) + " " + c.Type
	}
	sql := "CREATE TABLE " + seedTable(schema, s) + " (" + strings.Join(defs, ", ") + ")"
	return Exec(ctx, conn, sql, Where{File: s.Path, SQL: sql})
}

func seedTable(schema string, s *workspace.Seed) string {
	return workspace.QuoteIdent(schema) + "." + workspace.QuoteIdent(s.Name)
}

// copySeed sends the seed's rows with COPY … FROM STDIN in CSV: an empty
// value is written unquoted, which COPY reads as NULL.
func copySeed(ctx context.Context, conn *pgx.Conn, schema string, s *workspace.Seed) error {
	if len(s.Rows) == 0 {
		return nil
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if err := w.WriteAll(s.Rows); err != nil {
		return err
	}
	names := make([]string, len(s.Columns))
	for i, c := range s.Columns {
		names[i] = workspace.QuoteIdent(c.Name)
	}
	sql := "COPY " + seedTable(schema, s) + " (" + strings.Join(names, ", ") + ") FROM STDIN WITH (FORMAT csv)"
	_, err := conn.PgConn().CopyFrom(ctx, &buf, sql)
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return seedCopyError(s, pe)
	}
	return err
}

// copyWhere reads COPY's error context: `COPY t, line 3, column amount: "x"`.
var copyWhere = regexp.MustCompile(`COPY [^,]*, line ([0-9]+)(?:, column ([^:]+))?`)

// seedCopyError places a COPY error at the seed's cell (or row).
func seedCopyError(s *workspace.Seed, pe *pgconn.PgError) error {
	m := copyWhere.FindStringSubmatch(pe.Where)
	if m == nil {
		return &diag.PosError{File: s.Path, Line: 1, Col: 1, Msg: "loading the seed: " + pe.Message}
	}
	row, _ := strconv.Atoi(m[1])
	col := slices.IndexFunc(s.Columns, func(c workspace.SeedColumn) bool { return c.Name == m[2] || c.Name == pe.ColumnName })
	line, column := s.CellPos(row-1, max(col, 0))
	msg := pe.Message
	if col >= 0 {
		msg = fmt.Sprintf("column %s: %s", s.Columns[col].Name, pe.Message)
	}
	return &diag.PosError{File: s.Path, Line: line, Col: column, Msg: msg,
		Hint: "fix the value, or change the column's type in the table's CREATE TABLE in schema/"}
}

// SeedsOutsideSchemas refuses a seed whose file name starts with a
// declared schema (seeds/crm.accounts.csv): seeds load into the default
// schema, so it would be a table named "crm.accounts" there while queries
// read the empty crm.accounts.
func SeedsOutsideSchemas(seeds []*workspace.Seed, m *sqlmap.Mapper) error {
	var errs diag.Errors
	for _, s := range seeds {
		schema, table, ok := strings.Cut(s.Name, ".")
		if _, declared := m.Sent(strings.ToLower(schema)); ok && schema != "" && declared {
			errs.Add(s.Path, 1, 1, "seeds load into the default schema: rename the file, or move it out of seeds/ (data/"+table+".csv) "+
				"and give it in a fixture, given: {"+s.Name+": {csv: data/"+table+".csv}}",
				"seed %s would be a table named %q in the default schema, not the table %s of schema %s", s.Name, s.Name, table, schema)
		}
	}
	return errs.Err()
}

// seedNames is the set of seed tables, for fixtures that replace their rows.
func seedNames(ws *workspace.Workspace) map[string]bool {
	out := map[string]bool{}
	for _, s := range ws.Seeds {
		out[s.Name] = true
	}
	return out
}

// clearSeeds deletes the loaded rows of the seed tables a fixture gives
// rows for, and of those its dataset fills with parent rows for foreign
// keys: the fixture's rows replace the seed's, inside the transaction that
// rolls back. Children go first (the dataset lists parents first).
func (r *Runner) clearSeeds(f *workspace.Fixture, ds *rows.Dataset) string {
	seeds := seedNames(r.Suite.WS)
	var order []string
	for i := len(ds.Tables) - 1; i >= 0; i-- {
		if t := ds.Tables[i]; len(t.Rows) > 0 {
			order = append(order, t.Table.Name)
		}
	}
	for _, g := range f.Given {
		order = append(order, g.Table)
	}
	var sb strings.Builder
	done := map[string]bool{}
	for _, name := range order {
		if seeds[name] && !done[name] {
			done[name] = true
			sb.WriteString("DELETE FROM " + workspace.QuoteIdent(name) + ";\n")
		}
	}
	return sb.String()
}

// emptySeeds empties every seed table (inside the caller's transaction): a
// self-test judges a check on the rows it builds alone, not on the seed's.
func (s *Suite) emptySeeds() string {
	if len(s.WS.Seeds) == 0 {
		return ""
	}
	names := make([]string, len(s.WS.Seeds))
	for i, seed := range s.WS.Seeds {
		names[i] = workspace.QuoteIdent(seed.Name)
	}
	return "TRUNCATE " + strings.Join(names, ", ") + " CASCADE"
}
