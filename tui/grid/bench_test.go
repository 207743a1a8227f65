package grid

import (
	"fmt"
	"testing"
	"time"
)

// bigSource pretends to hold n rows without storing them: cells come from a
// small pool, so the benchmark measures the grid, not the source.
type bigSource struct {
	n    int
	cols []Column
}

var pool = []string{
	"evnt_x7F2", "firefox", "2024-03-01 12:00:00+00", "12345.67", "",
	`{"k": [1, 2, 3]}`, "火狐浏览器", "a rather long value that will need an ellipsis to fit",
}

func newBigSource(n int) *bigSource {
	s := &bigSource{n: n}
	for i := range 16 {
		s.cols = append(s.cols, Column{Name: fmt.Sprintf("column_%d", i), Type: "text"})
	}
	s.cols[0].Badges = PrimaryKey | NotNull
	s.cols[3].Type = "numeric(12,2)"
	return s
}

func (s *bigSource) Columns() []Column { return s.cols }
func (s *bigSource) Len() int          { return s.n }
func (s *bigSource) Cell(row, col int) Cell {
	switch (row + col) % 11 {
	case 0:
		return Cell{Kind: Null}
	case 1:
		return Cell{Text: "oops", Kind: Invalid, Reason: "not a number"}
	}
	return Cell{Text: pool[(row*7+col)%len(pool)], Kind: Kind(row % 3)}
}
func (s *bigSource) RowMark(row int) RowMark { return RowMark(row % 4) }

// BenchmarkGridView renders one frame with the cursor mid-source; the
// budget is 16 ms (60 frames a second) whatever the row count.
func BenchmarkGridView(b *testing.B) {
	for _, n := range []int{10_000, 1_000_000} {
		for _, size := range [][2]int{{120, 36}, {240, 70}} {
			b.Run(fmt.Sprintf("rows=%d/%dx%d", n, size[0], size[1]), func(b *testing.B) {
				m := New(newBigSource(n), testStyles(), WithFrozen(1))
				m.SetSize(size[0], size[1])
				m.Focus()
				m.SetCursor(n/2, 5)
				b.ReportAllocs()
				start := time.Now()
				for b.Loop() {
					_ = m.View()
				}
				b.ReportMetric(float64(time.Since(start).Nanoseconds())/1e6/float64(b.N), "ms/frame")
			})
		}
	}
}

// BenchmarkGridScroll is a key press plus a frame: what scrolling costs.
func BenchmarkGridScroll(b *testing.B) {
	m := New(newBigSource(1_000_000), testStyles(), WithFrozen(1))
	m.SetSize(120, 36)
	m.Focus()
	down := keyMsg("pgdown")
	b.ReportAllocs()
	for b.Loop() {
		m, _ = m.Update(down)
		_ = m.View()
	}
}
