package tui

import (
	"errors"
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/jig-sql/jig/tui/grid"
	"github.com/jig-sql/jig/tui/statusbar"
)

// edit applies the keys that change the session's rows.
func (p *inputPane) edit(msg tea.KeyPressMsg) tea.Cmd {
	k, s, t := p.th.keys.Input, p.sess, p.table()
	row, col := p.grid.Current()
	has := p.src.Len() > 0
	switch {
	case key.Matches(msg, k.AddRow):
		return p.changed(s.AddRow(t), col)
	case key.Matches(msg, k.Undo):
		if !s.Undo() {
			return reportErr(errors.New("nothing to undo"))
		}
		return p.changed(row, col)
	case key.Matches(msg, k.Redo):
		if !s.Redo() {
			return reportErr(errors.New("nothing to redo"))
		}
		return p.changed(row, col)
	case !has:
		if !key.Matches(msg, k.Edit, k.DuplicateRow, k.DeleteRow, k.SetNull, k.Revert, k.Open) {
			return nil
		}
		if tab, _ := p.current(); tab.query {
			return reportErr(fmt.Errorf("query %s is not mocked: a or m mocks it with a row", t))
		}
		return reportErr(fmt.Errorf("%s has no rows yet: press a to add one", t))
	}
	return p.editRow(msg, row, col)
}

// editRow applies a key that needs a row under the cursor.
func (p *inputPane) editRow(msg tea.KeyPressMsg, row, col int) tea.Cmd {
	k, s, t := p.th.keys.Input, p.sess, p.table()
	name := p.src.column(col).Name
	if p.src.isParent(row) && !key.Matches(msg, k.Edit, k.Open) {
		return p.editParent(msg, row, col)
	}
	switch {
	case key.Matches(msg, k.Edit):
		p.grid.StartEdit(editText(p.src.Cell(row, col)))
	case key.Matches(msg, k.DuplicateRow):
		return p.changed(s.AdoptRow(t, p.duplicate(row)), col)
	case key.Matches(msg, k.DeleteRow):
		s.DeleteRow(t, row)
		return p.changed(row, col)
	case key.Matches(msg, k.SetNull):
		s.SetCell(t, row, name, InputCell{Value: nil})
		return p.changed(row, col)
	case key.Matches(msg, k.Revert):
		s.RevertCell(t, row, name)
		return p.changed(row, col)
	case key.Matches(msg, k.Open):
		c := p.src.Cell(row, col)
		return emit(showOverlayMsg{cellOverlay(fmt.Sprintf("%s.%s, row %d", t, name, row+1), c, p.th.st.Marks.Null)})
	}
	return nil
}

// duplicate is row r as displayed, every value an override, so the copy
// (appended at the end, where the factory would give it new defaults)
// looks the same. Key columns, which must differ, keep fresh defaults;
// columns left to the database's DEFAULT stay so.
func (p *inputPane) duplicate(r int) InputRow {
	src := p.src
	out := InputRow{}
	for j, c := range src.table.Columns {
		if src.table.IsKey(c.Name) {
			continue
		}
		if v, ok := src.rows[r][c.Name]; ok {
			out[c.Name] = v
			continue
		}
		if r >= len(src.built) || j >= len(src.built[r].Values) {
			continue
		}
		switch v := src.built[r].Values[j]; {
		case v.Default:
		case v.Null:
			out[c.Name] = InputCell{Value: nil}
		default:
			out[c.Name] = ParseCell(c, v.Text)
		}
	}
	return out
}

// editText is what the editor starts with: the cell as the user would
// type it.
func editText(c grid.Cell) string {
	if c.Kind == grid.Null {
		return "NULL"
	}
	return c.Text
}

// commit parses an edited cell into the session.
func (p *inputPane) commit(msg grid.EditedMsg) tea.Cmd {
	if p.src == nil || msg.Row >= p.src.Len() {
		return nil
	}
	col := p.src.column(msg.Col)
	c := ParseCell(*col, msg.Text)
	row := msg.Row
	if p.src.isParent(row) {
		row = p.adopt(row)
	}
	p.sess.SetCell(p.table(), row, col.Name, c)
	cmd := p.changed(row, msg.Col)
	if !c.Valid() {
		return tea.Batch(cmd, reportErr(fmt.Errorf("%s: %s", col.Name, c.Reason)))
	}
	return cmd
}

// commitOpenEdit commits the cell being typed, if any, to the session (the
// workbench is ending on a signal; what was typed must reach the autosave).
func (p *inputPane) commitOpenEdit() {
	if msg, ok := p.grid.OpenEdit(); ok {
		p.commit(msg)
	}
}

// changed refreshes the grid, puts the cursor on (row, col) and tells the
// root the session changed.
func (p *inputPane) changed(row, col int) tea.Cmd {
	p.refresh()
	p.grid.SetCursor(row, col)
	return emit(sessionChangedMsg{})
}

// reportErr shows err on the status bar's error line.
func reportErr(err error) tea.Cmd { return statusbar.ReportError(err) }
