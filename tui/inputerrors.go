package tui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/tui/grid"
	"github.com/jig-sql/jig/tui/statusbar"
)

// Errors in the input, where they belong: a cell whose text does not parse
// keeps the session from running (no hidden default takes its place), and
// a row the database refuses is marked, with Postgres's message on the
// cells it names. Neither is the query's fault, so the query pane stays
// clean and the result pane says which cell to fix.

// invalidCell is the first cell of the session whose text did not parse.
type invalidCell struct {
	table  string
	row    int // 0-based
	column string
	text   string
	reason string
}

func (c invalidCell) String() string {
	return fmt.Sprintf("%s row %d, %s: %s", c.table, c.row+1, c.column, c.reason)
}

// FirstInvalid finds the first cell, in table, row and column order, whose
// text did not parse; ok is false when every cell is valid.
func (s *Session) FirstInvalid() (invalidCell, bool) {
	for _, t := range s.Tables {
		for i, r := range t.Rows {
			cols := append(slices.Clone(t.Columns), sortedKeys(r)...)
			for _, name := range cols {
				if c, ok := r[name]; ok && !c.Valid() {
					return invalidCell{table: t.Name, row: i, column: name, text: c.Text, reason: c.Reason}, true
				}
			}
		}
	}
	return invalidCell{}, false
}

func sortedKeys(r InputRow) []string {
	keys := make([]string, 0, len(r))
	for k := range r {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// rowErrors indexes a refusal by table and dataset row (which is the
// input grid's display row: session rows, then parents).
type rowErrors map[string]map[int]engine.RowError

// newRowErrors indexes ie's rows by the tab that shows their table (a
// mock table's rows are its query's).
func newRowErrors(ie *engine.InputError, tab func(table string) string) rowErrors {
	if ie == nil {
		return nil
	}
	out := rowErrors{}
	for _, r := range ie.Rows {
		t := tab(r.Table)
		if out[t] == nil {
			out[t] = map[int]engine.RowError{}
		}
		out[t][r.Row] = r
	}
	return out
}

// SetRowErrors marks the rows the database refused (nil clears them).
func (p *inputPane) SetRowErrors(ie *engine.InputError) {
	p.rowErrs = newRowErrors(ie, p.cat.inputName)
	p.refresh()
}

// blame marks a cell the database refused: invalid, with its message.
func (s *inputSource) blame(row, col int, c grid.Cell) grid.Cell {
	e, ok := s.errs[row]
	if !ok {
		return c
	}
	name := s.column(col).Name
	if len(e.Columns) > 0 && !slices.Contains(e.Columns, name) {
		return c
	}
	if c.Kind == grid.Null {
		c.Text = "NULL"
	}
	c.Kind, c.Reason = grid.Invalid, e.Message
	return c
}

// fixHint is the result pane's note when the input cannot run.
func fixHint(what string) string {
	return "not run: fix " + what + " (enter edits, r reverts)"
}

// notRun shows that the input keeps the query from running: the query
// pane clean, the result pane and the status saying what to fix.
func (m *Model) notRun(what string, took time.Duration) tea.Cmd {
	m.live = nil
	m.query.SetError(nil)
	m.result.SetNote(fixHint(what))
	m.checks.SetNote("not run")
	err := fmt.Errorf("not run: fix %s", what)
	if !m.status.Busy() {
		return reportErr(err)
	}
	var cmd tea.Cmd // a run was cancelled for this edit: it ends here
	m.status, cmd = m.status.Update(statusbar.RunFinishedMsg{Took: took, Err: err})
	return cmd
}

// trimNotRun drops an InputError's "; the query was not run" tail.
func trimNotRun(s string) string {
	return strings.TrimSuffix(s, "; the query was not run")
}
