package engine

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jig-sql/jig/rows"
	"github.com/jig-sql/jig/workspace/sqlmap"
)

// RowError is one input row the database refused: a NOT NULL, CHECK,
// foreign key or unique constraint, or a value its column cannot hold.
type RowError struct {
	Table string
	// Row is the row's position in the dataset's rows of Table (0-based):
	// the fixture's given rows first, then the parents the factory added.
	Row int
	// Columns are the cells to blame, when Postgres names them (directly,
	// through the constraint, or in the detail's key); nil blames the row.
	Columns    []string
	Constraint string
	Message    string // Postgres's message
	Detail     string
}

// InputError says the fixture's rows could not be inserted, row by row;
// the query was not run.
type InputError struct{ Rows []RowError }

func (e *InputError) Error() string {
	r := e.Rows[0]
	s := fmt.Sprintf("%s row %d", r.Table, r.Row+1)
	if len(r.Columns) > 0 {
		s += ", " + strings.Join(r.Columns, ", ")
	}
	s += ": " + r.Message
	if len(e.Rows) > 1 {
		s += fmt.Sprintf(" (and %d more rows)", len(e.Rows)-1)
	}
	return s + "; the query was not run"
}

// diagnoseLimit bounds the rows inserted one by one to find the bad ones.
const diagnoseLimit = 2000

// diagnoseInsert finds, after a failed run, the input rows the database
// refuses: it inserts the dataset again one row per statement, each in a
// savepoint, parents first, and rolls everything back. It returns nil when
// every row goes in (the failure was the setup's or the query's) or the
// dataset is too large to go through row by row.
func (r *Runner) diagnoseInsert(ctx context.Context, w *worker, ds *rows.Dataset) *InputError {
	if ds == nil || datasetRows(ds) > diagnoseLimit || w.conn.PgConn().TxStatus() != 'I' {
		return nil
	}
	pc := w.conn.PgConn()
	if _, err := pc.Exec(ctx, "BEGIN").ReadAll(); err != nil {
		return nil
	}
	defer func() { pc.Exec(context.Background(), "ROLLBACK").ReadAll() }()
	var out []RowError
	for _, tr := range ds.Tables {
		for i, row := range tr.Rows {
			one := &rows.Dataset{Tables: []rows.TableRows{{Table: tr.Table, Rows: []rows.Row{row}}}}
			sql := "SAVEPOINT jig_row;\n" + rows.InsertSQLNamed(one, w.names.table, sqlmap.Short) + ";\nRELEASE SAVEPOINT jig_row"
			_, err := pc.Exec(ctx, sql).ReadAll()
			var pg *pgconn.PgError
			if !errors.As(err, &pg) {
				if err != nil {
					return nil // the connection, not the row
				}
				continue
			}
			out = append(out, r.rowError(tr, i, pg))
			if _, err := pc.Exec(ctx, "ROLLBACK TO SAVEPOINT jig_row").ReadAll(); err != nil {
				return nil
			}
		}
	}
	if len(out) == 0 {
		return nil
	}
	return &InputError{Rows: out}
}

func datasetRows(ds *rows.Dataset) int {
	n := 0
	for _, tr := range ds.Tables {
		n += len(tr.Rows)
	}
	return n
}

// keyDetail reads the columns of "Key (a, b)=(...)" in a unique or
// foreign key violation's detail.
var keyDetail = regexp.MustCompile(`^Key \(([^)]*)\)=`)

// rowError maps a refusal to the cells it is about.
func (r *Runner) rowError(tr rows.TableRows, i int, pg *pgconn.PgError) RowError {
	e := RowError{Table: tr.Table.Name, Row: i, Constraint: pg.ConstraintName, Message: pg.Message, Detail: pg.Detail}
	switch {
	case pg.ColumnName != "":
		e.Columns = []string{pg.ColumnName}
	case pg.Code == "23514":
		for _, ck := range tr.Table.Checks {
			if ck.Name == pg.ConstraintName {
				e.Columns = ck.Columns
			}
		}
	case pg.Code == "23505" || pg.Code == "23503":
		if m := keyDetail.FindStringSubmatch(pg.Detail); m != nil {
			for _, c := range strings.Split(m[1], ", ") {
				e.Columns = append(e.Columns, strings.Trim(c, `"`))
			}
		}
	}
	return e
}
