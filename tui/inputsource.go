package tui

import (
	"slices"
	"strings"

	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/rows"
	"github.com/jig-sql/jig/tui/grid"
	"github.com/jig-sql/jig/workspace"
)

// inputSource shows one session table in the input grid: the user's cells
// bright, the factory's defaults (from the last build) dim, NULL as its
// mark, rejected text red. Key columns come first so they can stay frozen.
//
// A source is a snapshot: it keeps the rows slice as it was when built, so
// its length never changes behind the grid's back (the grid caches Len
// until its next Refresh). Every edit builds a new source.
type inputSource struct {
	table *workspace.Table
	it    *InputTable
	rows  []InputRow // it.Rows when the source was built
	built []rows.Row // the factory's rows for the session's rows
	// parents are the rows the factory added for foreign keys, shown
	// after the session's rows.
	parents []rows.Row
	// errs are the rows the database refused, by display row.
	errs  map[int]engine.RowError
	order []int // display column → table column
	cols  []grid.Column
}

func newInputSource(t *workspace.Table, it *InputTable, built []rows.Row) *inputSource {
	s := &inputSource{table: t, it: it, rows: it.Rows}
	s.built, s.parents = splitBuilt(built)
	for i, c := range t.Columns {
		if slices.Contains(t.PrimaryKey, c.Name) {
			s.order = append(s.order, i)
		}
	}
	for i, c := range t.Columns {
		if !slices.Contains(t.PrimaryKey, c.Name) {
			s.order = append(s.order, i)
		}
	}
	for _, i := range s.order {
		s.cols = append(s.cols, gridColumn(t, &t.Columns[i]))
	}
	return s
}

// frozen is how many leading columns are the key.
func (s *inputSource) frozen() int { return len(s.table.PrimaryKey) }

// gridColumn describes a table column for a header: short type, badges.
func gridColumn(t *workspace.Table, c *workspace.Column) grid.Column {
	var b grid.Badge
	if slices.Contains(t.PrimaryKey, c.Name) {
		b |= grid.PrimaryKey
	}
	for _, fk := range t.ForeignKeys {
		if slices.Contains(fk.Columns, c.Name) {
			b |= grid.ForeignKey
		}
	}
	if c.NotNull {
		b |= grid.NotNull
	}
	if t.Dist.Key == c.Name {
		b |= grid.DistKey
	}
	if slices.Contains(t.Dist.SortKey, c.Name) {
		b |= grid.SortKey
	}
	return grid.Column{Name: c.Name, Type: shortType(c.Type.Name), Badges: b}
}

var typeNames = strings.NewReplacer(
	"character varying", "varchar", "timestamp without time zone", "timestamp",
	"timestamp with time zone", "timestamptz", "time without time zone", "time",
	"double precision", "float8", "character", "char", "integer", "int4",
	"bigint", "int8", "smallint", "int2", "boolean", "bool", "real", "float4",
)

// shortType is a type as a header can afford it.
func shortType(name string) string { return typeNames.Replace(name) }

// Columns implements grid.Source.
func (s *inputSource) Columns() []grid.Column { return s.cols }

// Len implements grid.Source.
func (s *inputSource) Len() int { return len(s.rows) + len(s.parents) }

// RowMark implements grid.Source.
func (s *inputSource) RowMark(row int) grid.RowMark {
	if _, bad := s.errs[row]; bad {
		return grid.BrokenRow
	}
	if s.isParent(row) {
		return grid.ParentRow
	}
	return grid.NoMark
}

// Cell implements grid.Source.
func (s *inputSource) Cell(row, col int) grid.Cell {
	return s.blame(row, col, s.cell(row, col))
}

func (s *inputSource) cell(row, col int) grid.Cell {
	if s.isParent(row) {
		return s.parentCell(row, col)
	}
	c := &s.table.Columns[s.order[col]]
	if v, ok := s.rows[row][c.Name]; ok {
		switch {
		case !v.Valid():
			return grid.Cell{Text: v.Text, Kind: grid.Invalid, Reason: v.Reason}
		case v.Value == nil:
			return grid.Cell{Kind: grid.Null}
		}
		return grid.Cell{Text: v.Text, Kind: grid.Override}
	}
	if row < len(s.built) && s.order[col] < len(s.built[row].Values) {
		v := s.built[row].Values[s.order[col]]
		switch {
		case v.Null:
			return grid.Cell{Kind: grid.Null}
		case v.Default:
			return grid.Cell{Text: "DEFAULT", Kind: grid.Default}
		}
		return grid.Cell{Text: v.Text, Kind: grid.Default}
	}
	return grid.Cell{Text: "…", Kind: grid.Default}
}

// column is the table column shown at display index col.
func (s *inputSource) column(col int) *workspace.Column {
	return &s.table.Columns[s.order[col]]
}
