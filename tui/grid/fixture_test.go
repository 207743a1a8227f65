package grid

import (
	"fmt"

	"github.com/jig-sql/jig/tui/styles"
)

// eventsSource is a small input-grid-like table covering every cell kind.
func eventsSource() *SliceSource {
	cols := []Column{
		{Name: "event_id", Type: "text", Badges: PrimaryKey | NotNull},
		{Name: "user_id", Type: "int8", Badges: ForeignKey | NotNull | DistKey},
		{Name: "browser", Type: "text"},
		{Name: "event_ts", Type: "timestamptz", Badges: SortKey},
		{Name: "payload", Type: "jsonb"},
		{Name: "amount", Type: "numeric(10,2)"},
		{Name: "note", Type: "text"},
	}
	src := &SliceSource{Cols: cols}
	for i := range 40 {
		src.Rows = append(src.Rows, []Cell{
			{Text: fmt.Sprintf("evnt_%04d", i), Kind: Default},
			{Text: fmt.Sprint(1000 + i), Kind: Default},
			{Text: "firefox", Kind: Default},
			{Text: "2024-03-01 12:00:00+00", Kind: Default},
			{Text: `{"k": 1}`, Kind: Default},
			{Text: fmt.Sprintf("%d.50", i), Kind: Default},
			{Text: "", Kind: Default},
		})
	}
	src.Rows[0][2] = Cell{Text: "null", Kind: Override}
	src.Rows[1][2] = Cell{Kind: Null}
	src.Rows[2][2] = Cell{Text: "", Kind: Override}
	src.Rows[3][5] = Cell{Text: "12,5x", Kind: Invalid, Reason: "not a numeric"}
	src.Rows[4][6] = Cell{Text: "a very long note that will certainly not fit in one column", Kind: Override}
	src.Rows[5][2] = Cell{Text: "火狐浏览器和一个很长的名字", Kind: Override}
	src.Rows[6][6] = Cell{Text: "line one\nline two", Kind: Override}
	src.Rows[7][2] = Cell{Text: "🦊 fox", Kind: Override}
	return src
}

// diffSource is a result grid with every diff mark.
func diffSource() *SliceSource {
	src := &SliceSource{Cols: []Column{
		{Name: "browser", Type: "text"},
		{Name: "users", Type: "int8"},
		{Name: "revenue", Type: "numeric"},
	}}
	add := func(mark RowMark, cells ...Cell) {
		src.Rows = append(src.Rows, cells)
		src.Marks = append(src.Marks, mark)
	}
	add(NoMark, Cell{Text: "chrome"}, Cell{Text: "12"}, Cell{Text: "10.00"})
	add(ChangedRow, Cell{Text: "firefox"}, Cell{Text: "7"}, Cell{Text: "9.50", Diff: Changed, Reason: "expected 5.50"})
	add(Missing, Cell{Text: "safari"}, Cell{Text: "3"}, Cell{Kind: Null})
	add(Unexpected, Cell{Text: "edge"}, Cell{Text: "1"}, Cell{Text: "0.00"})
	return src
}

func testStyles() styles.Styles { return styles.NewStyles(true) }
