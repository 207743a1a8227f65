package engine

import (
	"context"
	"errors"
	"strings"

	"github.com/jig-sql/jig/rows"
	"github.com/jig-sql/jig/workspace"
)

// placeRefusal puts an error of inserting the fixture's rows (a constraint
// Postgres refused, for which it gives no position) at the given row it is
// about, on the cell it names, by inserting the rows again one at a time
// (diagnoseInsert). Any other error is returned as it is.
func (r *Runner) placeRefusal(ctx context.Context, w *worker, f *workspace.Fixture, ds *rows.Dataset, err error) error {
	var se *SQLError
	if !errors.As(err, &se) || se.File != f.Path || se.Line != 0 || !strings.HasPrefix(se.Code, "23") {
		return err
	}
	ie := r.diagnoseInsert(ctx, w, ds)
	if ie == nil {
		return err
	}
	re := ie.Rows[0]
	for _, g := range f.Given {
		t := r.Suite.table(g.Table)
		if t == nil || t.Name != re.Table || re.Row >= len(g.Rows) {
			continue
		}
		row := g.Rows[re.Row]
		placed := *se
		placed.Line, placed.Col, placed.SQL = row.Line, 1, ""
		for _, c := range row.Cells {
			if len(re.Columns) > 0 && c.Column == re.Columns[0] {
				placed.Line, placed.Col = c.Line, c.Col
			}
		}
		if placed.Line > 0 {
			return &placed
		}
	}
	return err
}
