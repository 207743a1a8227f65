package tui

import (
	"errors"
	"fmt"
	"os"

	tea "charm.land/bubbletea/v2"
	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/workspace"
)

// Saving: a fixture is saved only as it runs. A cell that does not parse
// or a row the database refuses would be dropped or saved broken, so save
// refuses and names it; a result that no longer matches the expected rows
// is said before anything is written. An existing file is edited in place
// (workspace.UpdateFixture), so the user's comments and spellings stay.

// saveProblem is why the session cannot be saved as it is, or nil.
func (m *Model) saveProblem() error {
	if bad, ok := m.sess.FirstInvalid(); ok {
		return fmt.Errorf("not saved: %s; fix the cell (enter) or revert it (r)", bad)
	}
	for table, rows := range m.input.rowErrs {
		for i, e := range rows {
			return fmt.Errorf("not saved: the database refuses %s row %d: %s; fix it first", table, i+1, e.Message)
		}
	}
	return nil
}

// mismatch says how the result differs from the expected rows, or "".
func (m *Model) mismatch() string {
	c := m.live
	if c == nil || m.sess.Expect.Rows == nil || c.Status != engine.StatusFail || c.Comparison == nil {
		return ""
	}
	if c.Comparison.Problem != "" {
		return "the result does not match: " + c.Comparison.Problem
	}
	n := 0
	for _, r := range c.Comparison.Rows {
		if r.Mark != engine.Same {
			n++
		}
	}
	switch n {
	case 0:
		return "" // the rows match; a failing check is shown where it is
	case 1:
		return "1 row differs from the expected"
	}
	return fmt.Sprintf("%d rows differ from the expected", n)
}

// write saves the session, asking first when the result does not match.
func (m *Model) write() tea.Cmd {
	fx := m.sess.Fixture(m.fixturesDir)
	path := m.ws.FixturePath(m.sess.Query, m.sess.Name)
	if why := m.mismatch(); why != "" {
		// Short enough for one line at 120 columns with a long fixture name.
		m.ask("Save anyway? "+why+". y saves · n goes back (then a accepts the result)", saveCmd(fx, path), nil)
		return nil
	}
	return saveCmd(fx, path)
}

// fixtureText is what saving fx to path writes: the file edited in place
// when it exists and can be, else fx rendered anew; note says when a file
// had to be rewritten.
func fixtureText(fx *workspace.Fixture, path string) (data []byte, note string, err error) {
	src, err := os.ReadFile(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return workspace.MarshalFixture(fx), "", nil
	case err != nil:
		return nil, "", err
	}
	out, err := workspace.UpdateFixture(src, fx)
	if err != nil {
		return workspace.MarshalFixture(fx), "rewritten whole: " + firstLine(err.Error()), nil
	}
	return out, "", nil
}
