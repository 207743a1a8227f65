package tui

import (
	"slices"

	"github.com/jig-sql/jig/workspace"
)

// Session is the fixture in progress: the rows typed into each input table,
// the expected rows once accepted, and the undo history. It knows nothing
// of the screen; Fixture turns it into the workspace.Fixture that is both
// run and saved, so what the workbench shows is what jig test replays.
type Session struct {
	Query       string
	Name        string // file stem once saved or opened; "" for a new fixture
	Description string
	Setup       string
	Steps       []workspace.Step // a pipeline fixture's queries, Query first; nil for one query
	Checks      []workspace.CheckEntry
	Tables      []*InputTable
	Expect      workspace.Expect // Rows nil until a result is accepted
	Dirty       bool             // changed since the last save

	undo, redo []snapshot
}

// InputTable is the rows a fixture gives one table. Columns is the table's
// column order, so saved rows list their cells the way the table does.
type InputTable struct {
	Name    string
	Columns []string
	Rows    []InputRow
	// CSV is where an opened fixture's rows came from when written as CSV:
	// saving keeps the csv: as written while the rows are unchanged.
	CSV *workspace.GivenCSV
}

// InputRow holds only the cells the user set, by column name.
type InputRow map[string]InputCell

// InputCell is one overridden cell. A cell with a Reason is text that did
// not parse as its column's type: it is shown red and left out of the
// fixture. Otherwise Value is the YAML value saved (nil is SQL NULL) and
// Text how it displays.
type InputCell struct {
	Value  any
	Text   string
	Reason string
}

// Valid reports whether the cell goes into the fixture.
func (c InputCell) Valid() bool { return c.Reason == "" }

// snapshot is the undoable part of a session.
type snapshot struct {
	tables []*InputTable
	expect workspace.Expect
}

// maxUndo bounds the history; older steps are forgotten.
const maxUndo = 200

// NewSession starts an empty fixture for query.
func NewSession(query string) *Session {
	return &Session{Query: query, Expect: workspace.Expect{Columns: workspace.ColumnsAll}}
}

// Table returns the named input table, adding it (after the others) when
// the session has none yet.
func (s *Session) Table(name string) *InputTable {
	for _, t := range s.Tables {
		if t.Name == name {
			return t
		}
	}
	t := &InputTable{Name: name}
	s.Tables = append(s.Tables, t)
	return t
}

// change records the current state for undo, then marks the session dirty;
// every edit calls it first.
func (s *Session) change() {
	s.undo = append(s.undo, s.snap())
	if len(s.undo) > maxUndo {
		s.undo = s.undo[1:]
	}
	s.redo = nil
	s.Dirty = true
}

func (s *Session) snap() snapshot {
	tables := make([]*InputTable, len(s.Tables))
	for i, t := range s.Tables {
		c := *t
		c.Rows = make([]InputRow, len(t.Rows))
		for j, r := range t.Rows {
			c.Rows[j] = r.clone()
		}
		tables[i] = &c
	}
	e := s.Expect
	e.Rows = slices.Clone(e.Rows)
	return snapshot{tables: tables, expect: e}
}

func (s *Session) restore(sn snapshot) {
	s.Tables, s.Expect, s.Dirty = sn.tables, sn.expect, true
}

// Undo steps back one change, reporting whether there was one.
func (s *Session) Undo() bool {
	if len(s.undo) == 0 {
		return false
	}
	s.redo = append(s.redo, s.snap())
	s.restore(s.undo[len(s.undo)-1])
	s.undo = s.undo[:len(s.undo)-1]
	return true
}

// Redo re-applies the last undone change.
func (s *Session) Redo() bool {
	if len(s.redo) == 0 {
		return false
	}
	s.undo = append(s.undo, s.snap())
	s.restore(s.redo[len(s.redo)-1])
	s.redo = s.redo[:len(s.redo)-1]
	return true
}

func (r InputRow) clone() InputRow {
	c := make(InputRow, len(r))
	for k, v := range r {
		c[k] = v
	}
	return c
}

// AddRow appends an empty row (all factory defaults) and returns its
// index. Rows are only ever added at the end: the factory's defaults are
// keyed by row index, so inserting would change every row after it.
func (s *Session) AddRow(table string) int {
	s.change()
	t := s.Table(table)
	t.Rows = append(t.Rows, InputRow{})
	return len(t.Rows) - 1
}

// DuplicateRow appends a copy of row r's overrides and returns its index
// (the input pane copies what is displayed; see inputPane.duplicate).
func (s *Session) DuplicateRow(table string, r int) int {
	t := s.Table(table)
	if r < 0 || r >= len(t.Rows) {
		return r
	}
	return s.AdoptRow(table, t.Rows[r].clone())
}

// AdoptRow appends row to a table's rows (a generated parent the user
// takes over) and returns its index.
func (s *Session) AdoptRow(table string, row InputRow) int {
	s.change()
	t := s.Table(table)
	t.Rows = append(t.Rows, row)
	return len(t.Rows) - 1
}

// DeleteRow removes row r.
func (s *Session) DeleteRow(table string, r int) {
	t := s.Table(table)
	if r < 0 || r >= len(t.Rows) {
		return
	}
	s.change()
	t.Rows = slices.Delete(t.Rows, r, r+1)
}

// ClearRows removes every row of a table: for a mocked query, the real
// query runs again.
func (s *Session) ClearRows(table string) {
	t := s.Table(table)
	if len(t.Rows) == 0 {
		return
	}
	s.change()
	t.Rows = nil
	t.CSV = nil // cleared (un-mocked): nothing of the CSV given is kept when saving
}

// SetCell overrides one cell.
func (s *Session) SetCell(table string, r int, column string, c InputCell) {
	t := s.Table(table)
	if r < 0 || r >= len(t.Rows) {
		return
	}
	s.change()
	t.Rows[r] = t.Rows[r].clone()
	t.Rows[r][column] = c
}

// RevertCell drops an override so the factory's default shows again.
func (s *Session) RevertCell(table string, r int, column string) {
	t := s.Table(table)
	if r < 0 || r >= len(t.Rows) {
		return
	}
	if _, ok := t.Rows[r][column]; !ok {
		return
	}
	s.change()
	t.Rows[r] = t.Rows[r].clone()
	delete(t.Rows[r], column)
}

// SetExpected makes rows the expected output (nil forgets it).
func (s *Session) SetExpected(rows []workspace.Row) {
	s.change()
	s.Expect.Rows = rows
}

// RowCount is how many rows the session gives a table.
func (s *Session) RowCount(table string) int {
	for _, t := range s.Tables {
		if t.Name == table {
			return len(t.Rows)
		}
	}
	return 0
}
