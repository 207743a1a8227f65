package tui

import (
	"errors"
	"fmt"
	"regexp"

	tea "charm.land/bubbletea/v2"
	"github.com/jig-sql/jig/tui/statusbar"
	"github.com/jig-sql/jig/tui/textedit"
)

// key dispatches a key press by mode.
func (m *Model) key(k tea.KeyPressMsg) tea.Cmd {
	g, d := m.th.keys.Global, m.th.keys.Dialog
	switch m.mode {
	case modeEditing:
		if matches(k, g.Cancel) {
			return m.cancelOrQuit()
		}
		cmd := m.input.Update(k)
		if !m.input.Editing() {
			m.mode = modeNormal
		}
		return cmd
	case modePrompt:
		return m.promptKey(k)
	case modeQueryEdit:
		return m.queryEditKey(k)
	case modeConfirm:
		return m.confirmKey(k)
	case modeHelp:
		if matches(k, g.Help, d.Close) {
			m.mode = modeNormal
			return nil
		}
		m.helpScr, _ = m.helpScr.Update(k)
		return nil
	case modeOverlay:
		if matches(k, d.Close) {
			m.mode, m.ov = modeNormal, nil
			return nil
		}
		m.ov.update(k, m.th)
		return nil
	}
	return m.normalKey(k)
}

// normalKey handles the global keys, then hands the rest to the focused
// pane.
func (m *Model) normalKey(k tea.KeyPressMsg) tea.Cmd {
	g := m.th.keys.Global
	switch {
	case matches(k, g.Cancel):
		return m.cancelOrQuit()
	case matches(k, g.Quit):
		return m.quit()
	case matches(k, g.Help):
		m.mode = modeHelp
		return nil
	case matches(k, g.Save):
		return m.save()
	case matches(k, g.Zoom):
		m.toggleZoom()
		return nil
	case matches(k, g.NextPane):
		m.setFocus((m.focus + 1) % ScopeEditing)
		return nil
	case matches(k, g.PrevPane):
		m.setFocus((m.focus + ScopeEditing - 1) % ScopeEditing)
		return nil
	}
	cmd := m.pane(m.focus).Update(k)
	if m.focus == ScopeInput && m.input.Editing() {
		m.mode = modeEditing
	}
	return cmd
}

// cancelOrQuit is ctrl+c: stop the running query, or quit when none runs.
func (m *Model) cancelOrQuit() tea.Cmd {
	if m.cancelRun != nil || m.planning {
		if m.cancelRun != nil {
			m.cancelRun()
		}
		m.cancelRun, m.planning, m.cancelled = nil, false, true
		m.gen++ // what the cancelled run still sends is dropped
		m.status, _ = m.status.Update(statusbar.RunFinishedMsg{Err: errCancelled})
		m.result.SetNote("cancelled: an edit runs it again")
		return nil
	}
	return m.quit()
}

// quit asks first when the session has unsaved changes.
func (m *Model) quit() tea.Cmd {
	if m.sess == nil || !m.sess.Dirty {
		return tea.Quit
	}
	m.ask("Quit without saving this fixture? y quits · n stays · s saves first",
		tea.Sequence(m.auto.saveCmd(m.sess, m.fixturesDir, true), tea.Quit), nil)
	return nil
}

// ask switches to the confirm mode.
func (m *Model) ask(question string, yes, no tea.Cmd) {
	m.confirm = &confirmation{question: question, yes: yes, no: no}
	m.mode = modeConfirm
}

func (m *Model) confirmKey(k tea.KeyPressMsg) tea.Cmd {
	d, g := m.th.keys.Dialog, m.th.keys.Global
	c := m.confirm
	switch {
	case matches(k, d.Yes):
		m.mode, m.confirm = modeNormal, nil
		return c.yes
	case matches(k, d.No):
		m.mode, m.confirm = modeNormal, nil
		return c.no
	case matches(k, g.Save) && m.sess != nil:
		m.mode, m.confirm = modeNormal, nil
		return m.save()
	case matches(k, g.Cancel):
		return tea.Quit
	}
	return nil
}

// save writes the fixture, asking for its name the first time.
func (m *Model) save() tea.Cmd {
	if m.sess == nil {
		return reportErr(errors.New("nothing to save: pick a query first"))
	}
	if err := m.saveProblem(); err != nil {
		return reportErr(err)
	}
	if m.sess.Name == "" {
		m.prompt = textedit.New(m.th.st.Edit)
		m.prompt.SetWidth(30)
		m.prompt.Start("")
		m.mode = modePrompt
		return nil
	}
	return m.write()
}

var fixtureName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]*$`)

func (m *Model) promptKey(k tea.KeyPressMsg) tea.Cmd {
	if matches(k, m.th.keys.Global.Cancel) {
		m.mode = modeNormal
		return nil
	}
	var act textedit.Action
	m.prompt, act = m.prompt.Update(k)
	switch act {
	case textedit.Cancel:
		m.mode = modeNormal
	case textedit.Commit:
		name := m.prompt.Value()
		switch {
		case !fixtureName.MatchString(name):
			m.prompt.Start(name)
			return reportErr(fmt.Errorf("a fixture name is letters, digits, _ . and -, e.g. null_user_is_excluded"))
		case m.ws.Fixture(m.sess.Query+"/"+name) != nil:
			m.prompt.Start(name)
			return reportErr(fmt.Errorf("fixture %s/%s exists; pick another name or open it from the sidebar", m.sess.Query, name))
		}
		m.mode = modeNormal
		m.sess.Name = name
		return m.save()
	}
	return nil
}

// paste goes to whatever takes text.
func (m *Model) paste(p tea.PasteMsg) tea.Cmd {
	switch m.mode {
	case modeEditing:
		return m.input.Update(p)
	case modeQueryEdit:
		var cmd tea.Cmd
		m.query.editor.ta, cmd = m.query.editor.ta.Update(p)
		return cmd
	case modePrompt:
		m.prompt, _ = m.prompt.Update(p)
	}
	return nil
}

// click focuses the pane under the pointer and passes the click on, in
// the pane's own coordinates.
func (m *Model) click(c tea.MouseClickMsg) tea.Cmd {
	if m.mode != modeNormal {
		return nil
	}
	mouse := c.Mouse()
	s, ok := m.lay.paneAt(mouse.X, mouse.Y)
	if !ok {
		return nil
	}
	if s != m.focus {
		m.setFocus(s)
	}
	r := m.lay.rectOf(s)
	mouse.X, mouse.Y = mouse.X-r.x, mouse.Y-r.y
	return m.pane(s).Update(tea.MouseClickMsg(mouse))
}

// wheel scrolls the pane under the pointer.
func (m *Model) wheel(w tea.MouseWheelMsg) tea.Cmd {
	if m.mode != modeNormal {
		return nil
	}
	mouse := w.Mouse()
	s, ok := m.lay.paneAt(mouse.X, mouse.Y)
	if !ok || s != m.focus {
		return nil
	}
	return m.pane(s).Update(w)
}
