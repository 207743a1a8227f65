package engine

import (
	"context"

	"github.com/jig-sql/jig/workspace"
	"github.com/jig-sql/jig/workspace/diag"
)

// expectFor is the expect a fixture's result is compared with: nil for
// its own, or, when its rows are given as SQL (a dbt unit test's expect in
// sql format), a copy holding the rows that SQL returns on w, each value
// as text for the comparison to read as its column's type (as dbt casts
// them). An error in the SQL is at its file:line:col.
func (r *Runner) expectFor(ctx context.Context, w *worker, f *workspace.Fixture) (*workspace.Expect, error) {
	e := f.Expect
	if e.SQL == "" {
		return nil, nil
	}
	pos := func(off int) (int, int) {
		l, c := diag.LineCol(e.SQL, off)
		return e.SQLLine + l - 1, c + e.SQLIndent
	}
	where := Where{File: f.Path, SQL: e.SQL, Pos: pos, Source: workspace.AlignedSource(e.SQL, e.SQLLine, e.SQLIndent+1, e.SQLIndent)}
	sql, where, err := w.names.mapSQL(e.SQL, where, false)
	if err != nil {
		return nil, err
	}
	res, err := r.queryText(ctx, w, sql, where)
	if err != nil {
		return nil, err
	}
	e.Rows = []workspace.Row{}
	for _, vals := range res.Rows {
		row := workspace.Row{Line: e.SQLLine}
		for i, v := range vals {
			var val any = v.Text
			if v.Null {
				val = nil
			}
			row.Cells = append(row.Cells, workspace.Cell{Column: res.Columns[i].Name, Value: val, Line: e.SQLLine, Col: e.SQLIndent + 1})
		}
		e.Rows = append(e.Rows, row)
	}
	return &e, nil
}

// queryText runs one statement on w and reads its rows as text, in a
// READ ONLY transaction it rolls back and as one extended-protocol
// message (where the server refuses a second statement): SQL given for
// rows can neither change the worker's tables nor run anything after.
func (r *Runner) queryText(ctx context.Context, w *worker, sql string, where Where) (*Result, error) {
	if _, err := w.conn.Exec(ctx, "BEGIN READ ONLY"); err != nil {
		return nil, err
	}
	defer w.conn.Exec(context.Background(), "ROLLBACK")
	rr := w.conn.PgConn().ExecParams(ctx, sql, nil, nil, nil, nil)
	out := &Result{Columns: columnsOf(w.conn, rr.FieldDescriptions(), w.types)}
	for rr.NextRow() {
		out.Rows = append(out.Rows, textValues(rr.Values()))
	}
	if _, err := rr.Close(); err != nil {
		return nil, AsSQLError(err, where)
	}
	return out, nil
}
