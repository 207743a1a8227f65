package grid

// SliceSource is a Source over rows held in memory, for small grids (an
// input table of a fixture) and tests.
type SliceSource struct {
	Cols  []Column
	Rows  [][]Cell
	Marks []RowMark // optional; shorter than Rows means NoMark
}

// Columns implements Source.
func (s *SliceSource) Columns() []Column { return s.Cols }

// Len implements Source.
func (s *SliceSource) Len() int { return len(s.Rows) }

// Cell implements Source; a short row reads as empty values.
func (s *SliceSource) Cell(row, col int) Cell {
	if r := s.Rows[row]; col < len(r) {
		return r[col]
	}
	return Cell{}
}

// RowMark implements Source.
func (s *SliceSource) RowMark(row int) RowMark {
	if row < len(s.Marks) {
		return s.Marks[row]
	}
	return NoMark
}
