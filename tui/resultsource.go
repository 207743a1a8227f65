package tui

import (
	"fmt"

	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/tui/grid"
	"github.com/jig-sql/jig/workspace"
)

// maxPages bounds the result rows kept in memory: a few windows around
// where the user looks, whatever the result's size.
const maxPages = 8

// resultSource is a result of any size seen through a page cache: rows
// come from LiveRun.Page in windows of pageSize, and a row not fetched yet
// shows as "…" until its page arrives. With a comparison, rows are shown
// in diff order: matched and changed rows, missing (expected) rows, then
// unexpected ones.
type resultSource struct {
	cols     []grid.Column
	total    int
	pages    map[int][][]engine.Value
	lru      []int
	pending  map[int]bool
	cmp      *engine.Comparison
	expected []workspace.Row
	changed  map[[2]int]string // (display row, column) → expected text
	cmpCol   []int             // result column → comparison column (-1)
}

func newResultSource(res *engine.Result, total int, cmp *engine.Comparison, exp []workspace.Row) *resultSource {
	s := &resultSource{total: total, pages: map[int][][]engine.Value{}, pending: map[int]bool{}}
	for _, c := range res.Columns {
		s.cols = append(s.cols, grid.Column{Name: c.Name, Type: c.Type})
	}
	for i := 0; i*pageSize < len(res.Rows); i++ {
		s.store(i, res.Rows[i*pageSize:min((i+1)*pageSize, len(res.Rows))])
	}
	if cmp != nil && cmp.Problem == "" {
		s.cmp, s.expected = cmp, exp
		s.indexDiff(res)
	}
	return s
}

// indexDiff notes which columns of the result were compared and the
// expected text of every changed cell.
func (s *resultSource) indexDiff(res *engine.Result) {
	s.cmpCol = make([]int, len(res.Columns))
	for i, c := range res.Columns {
		s.cmpCol[i] = -1
		for j, name := range s.cmp.Columns {
			if name == c.Name {
				s.cmpCol[i] = j
			}
		}
	}
	s.changed = map[[2]int]string{}
	for r, dr := range s.cmp.Rows {
		for _, j := range dr.Cells {
			s.changed[[2]int{r, j}] = "expected " + s.expectedText(dr.Expected, s.cmp.Columns[j])
		}
	}
}

func (s *resultSource) expectedText(e int, column string) string {
	if e < 0 || e >= len(s.expected) {
		return ""
	}
	c, ok := s.expected[e].Get(column)
	if !ok {
		return ""
	}
	if c.Value == nil {
		return "NULL"
	}
	return fmt.Sprint(c.Value)
}

// store caches a page, evicting the least recently stored beyond maxPages.
func (s *resultSource) store(page int, rows [][]engine.Value) {
	if _, ok := s.pages[page]; !ok {
		s.lru = append(s.lru, page)
	}
	s.pages[page] = rows
	delete(s.pending, page)
	for len(s.lru) > maxPages {
		delete(s.pages, s.lru[0])
		s.lru = s.lru[1:]
	}
}

// Columns implements grid.Source.
func (s *resultSource) Columns() []grid.Column { return s.cols }

// Len implements grid.Source.
func (s *resultSource) Len() int {
	if s.cmp != nil {
		return len(s.cmp.Rows)
	}
	return s.total
}

// actual maps a display row to a result row (-1 for a missing row).
func (s *resultSource) actual(row int) int {
	if s.cmp != nil {
		return s.cmp.Rows[row].Actual
	}
	return row
}

// RowMark implements grid.Source.
func (s *resultSource) RowMark(row int) grid.RowMark {
	if s.cmp == nil {
		return grid.NoMark
	}
	switch s.cmp.Rows[row].Mark {
	case engine.Missing:
		return grid.Missing
	case engine.Unexpected:
		return grid.Unexpected
	case engine.Changed:
		return grid.ChangedRow
	}
	return grid.NoMark
}

// Cell implements grid.Source.
func (s *resultSource) Cell(row, col int) grid.Cell {
	a := s.actual(row)
	if a < 0 {
		e := s.cmp.Rows[row].Expected
		c, ok := s.expected[e].Get(s.cols[col].Name)
		if !ok || c.Value == nil {
			return grid.Cell{Kind: grid.Null}
		}
		return grid.Cell{Text: fmt.Sprint(c.Value)}
	}
	page, ok := s.pages[a/pageSize]
	if !ok || a%pageSize >= len(page) {
		return grid.Cell{Text: "…", Kind: grid.Default}
	}
	v := page[a%pageSize][col]
	cell := grid.Cell{Text: v.Text}
	if v.Null {
		cell = grid.Cell{Kind: grid.Null}
	}
	if s.changed != nil && s.cmpCol[col] >= 0 {
		if why, ok := s.changed[[2]int{row, s.cmpCol[col]}]; ok {
			cell.Diff, cell.Reason = grid.Changed, why
		}
	}
	return cell
}

// missing lists the pages that rows [from, to) of the display need and
// that are neither cached nor on their way, marking them pending.
func (s *resultSource) missing(from, to int) []int {
	var out []int
	for r := max(from, 0); r < min(to, s.Len()); r++ {
		a := s.actual(r)
		if a < 0 {
			continue
		}
		p := a / pageSize
		if _, ok := s.pages[p]; ok || s.pending[p] {
			continue
		}
		s.pending[p] = true
		out = append(out, p)
	}
	return out
}
