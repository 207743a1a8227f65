package grid

// Source is the data behind a grid. Implementations must answer Cell and
// RowMark in constant time: the grid calls them for visible cells only, on
// every frame. The grid caches Len: a source whose length changes must be
// followed by Refresh (or replaced with SetSource) before anything else
// touches the grid.
type Source interface {
	Columns() []Column
	Len() int
	Cell(row, col int) Cell
	RowMark(row int) RowMark
}

// Column describes one column's header.
type Column struct {
	Name   string
	Type   string // as the user should read it, e.g. "int4", "varchar(20)"
	Badges Badge
}

// Badge is a set of column properties shown under the name.
type Badge uint8

// The badges a header can carry.
const (
	PrimaryKey Badge = 1 << iota
	ForeignKey
	NotNull
	DistKey
	SortKey
)

var badgeLabels = [...]struct {
	b     Badge
	label string
}{
	{PrimaryKey, "PK"}, {ForeignKey, "FK"}, {NotNull, "NN"},
	{DistKey, "DIST"}, {SortKey, "SORT"},
}

// String lists the badges as short labels, e.g. "PK NN".
func (b Badge) String() string {
	s := ""
	for _, l := range badgeLabels {
		if b&l.b == 0 {
			continue
		}
		if s != "" {
			s += " "
		}
		s += l.label
	}
	return s
}

// Kind says where a cell's value comes from.
type Kind uint8

// Cell kinds.
const (
	Value    Kind = iota // a plain value, e.g. in a result
	Default              // chosen by the row factory
	Override             // typed by the user
	Null                 // SQL NULL; Text is ignored
	Invalid              // user text that does not parse; Reason says why
)

// Diff marks a cell that differs from the expected row.
type Diff uint8

// Cell diff states.
const (
	Same    Diff = iota
	Changed      // Reason may carry the expected value
)

// Cell is what a grid shows in one position.
type Cell struct {
	Text   string
	Kind   Kind
	Diff   Diff
	Reason string // why Invalid, or what was expected when Changed
}

// RowMark is a row's standing in a diff of actual against expected rows.
type RowMark uint8

// Row marks.
const (
	NoMark     RowMark = iota
	Missing            // expected, absent from the result
	Unexpected         // in the result, not expected
	ChangedRow         // in both, some cells differ
	ParentRow          // an input row the factory made for a foreign key
	BrokenRow          // an input row the database refused
)
