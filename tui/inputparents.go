package tui

import (
	"errors"
	"fmt"
	"github.com/jig-sql/jig/tui/statusbar"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/jig-sql/jig/rows"
	"github.com/jig-sql/jig/tui/grid"
)

// Parent rows: the factory adds rows to a table so that another table's
// foreign keys have something to point at. They are inserted like any
// other row, so the input grid shows them too, after the session's rows,
// dim, with a ^ in the gutter and, as the cell's reason, the row they were
// made for. Editing one turns it into a session row (an override).

// splitBuilt separates a build's rows of one table into the rows of the
// session (given, in order) and the parents the factory added.
func splitBuilt(built []rows.Row) (given, parents []rows.Row) {
	for _, r := range built {
		if r.Generated {
			parents = append(parents, r)
		} else {
			given = append(given, r)
		}
	}
	return given, parents
}

// isParent reports whether display row r is a generated parent.
func (s *inputSource) isParent(r int) bool { return r >= len(s.rows) && r < s.Len() }

// parentCell is display column col of parent row r: every value the
// factory's, so dim, with the origin as its reason.
func (s *inputSource) parentCell(r, col int) grid.Cell {
	p := s.parents[r-len(s.rows)]
	why := "made by the factory"
	if p.MadeFor != nil {
		why = "made " + p.MadeFor.String() + "; edit it to make it yours"
	}
	j := s.order[col]
	if j >= len(p.Values) {
		return grid.Cell{Text: "…", Kind: grid.Default, Reason: why}
	}
	v := p.Values[j]
	switch {
	case v.Null:
		return grid.Cell{Kind: grid.Null, Reason: why}
	case v.Default:
		return grid.Cell{Text: "DEFAULT", Kind: grid.Default, Reason: why}
	}
	return grid.Cell{Text: v.Text, Kind: grid.Default, Reason: why}
}

// adopt makes parent row r a session row holding the cells the factory
// set for its child (the referenced key), appended after the session's
// rows, and returns its index. The row keeps its values: the key is now
// the user's, the rest are drawn at the same position.
func (p *inputPane) adopt(r int) int {
	par := p.src.parents[r-len(p.src.rows)]
	row := InputRow{}
	for j, c := range p.src.table.Columns {
		if j < len(par.Overridden) && par.Overridden[j] {
			row[c.Name] = ParseCell(c, par.Values[j].Text)
		}
	}
	return p.sess.AdoptRow(p.table(), row)
}

// parentInfo is the pane's row count, parents included.
func (s *inputSource) parentInfo() string {
	info := statusbar.Plural(len(s.rows), "row")
	if n := len(s.parents); n > 0 {
		info += fmt.Sprintf(" + %s", statusbar.Plural(n, "parent"))
	}
	return info
}

// editParent applies a row key to a generated parent: n adopts the row
// and sets the cell NULL; the keys that would remove or copy it say why
// they cannot.
func (p *inputPane) editParent(msg tea.KeyPressMsg, row, col int) tea.Cmd {
	k := p.th.keys.Input
	why := p.src.parentCell(row, col).Reason
	switch {
	case key.Matches(msg, k.SetNull):
		r := p.adopt(row)
		p.sess.SetCell(p.table(), r, p.src.column(col).Name, InputCell{Value: nil})
		return p.changed(r, col)
	case key.Matches(msg, k.DeleteRow, k.DuplicateRow):
		return reportErr(fmt.Errorf("this row was %s; change that row instead, or press enter on a cell to make this row yours", trimHint(why)))
	case key.Matches(msg, k.Revert):
		return reportErr(errors.New("this row is all factory defaults already"))
	}
	return nil
}

// trimHint drops the "; edit it…" tail of a parent's reason.
func trimHint(why string) string {
	if i := strings.Index(why, ";"); i >= 0 {
		return why[:i]
	}
	return why
}

// rowNote is what the pane's title says about the row under the cursor:
// why the database refused it, or which row a parent was made for.
func (s *inputSource) rowNote(r int) string {
	if e, ok := s.errs[r]; ok {
		return fmt.Sprintf("row %d: %s", r+1, e.Message)
	}
	if s.isParent(r) {
		if p := s.parents[r-len(s.rows)]; p.MadeFor != nil {
			return fmt.Sprintf("row %d: made %s", r+1, p.MadeFor)
		}
		return fmt.Sprintf("row %d: made by the factory", r+1)
	}
	return ""
}
