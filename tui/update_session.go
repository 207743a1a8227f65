package tui

import (
	"errors"
	"fmt"

	tea "charm.land/bubbletea/v2"
	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/workspace"
)

// intent carries out what a pane asked for.
func (m *Model) intent(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case selectQueryMsg:
		if m.sess != nil && m.sess.Query == msg.name {
			return nil
		}
		return m.discardThen(func() tea.Cmd { return m.selectQuery(msg.name) })
	case selectTableMsg:
		if m.sess == nil {
			return reportErr(errors.New("pick a query first"))
		}
		m.input.SelectTable(msg.name)
		m.setFocus(ScopeInput)
	case openFixtureMsg:
		f := m.ws.Fixture(msg.name)
		if f == nil {
			return nil
		}
		return m.discardThen(func() tea.Cmd { return m.openSession(OpenSession(f)) })
	case sessionChangedMsg:
		return m.changed()
	case acceptMsg:
		return m.accept()
	case showOverlayMsg:
		ov := msg.ov
		ov.open(m.th)
		m.ov, m.mode = &ov, modeOverlay
	case pagesWantedMsg:
		return m.fetchPages()
	case deferredMsg:
		return msg.fn()
	case noticeMsg:
		m.notice = msg.text
	}
	return nil
}

// discardThen runs next at once when the session is saved, or after the
// user agrees to drop its changes.
func (m *Model) discardThen(next func() tea.Cmd) tea.Cmd {
	if m.sess == nil || !m.sess.Dirty {
		return next()
	}
	m.ask("Drop the unsaved changes to "+m.sessionName()+"? y drops · n keeps · s saves", emit(deferredMsg{next}), nil)
	return nil
}

// selectQuery starts a new fixture for a query.
func (m *Model) selectQuery(name string) tea.Cmd {
	return m.openSession(NewSession(name))
}

// openSession makes s the session: its query shown, its tables found from
// the plan, then run.
func (m *Model) openSession(s *Session) tea.Cmd {
	m.sess, m.live = s, nil
	q := m.ws.Query(s.Query)
	m.query.SetQuery(q, m.ws.Feeds(s.Query))
	m.sidebar.SetQuery(s.Query)
	m.sidebar.SetSession(m.sessionName(), s.Name == "" || m.ws.Fixture(m.sessionName()) == nil)
	if m.ready {
		s.Normalize(m.cat.tables)
	}
	m.input.SetSession(s)
	m.checks.SetNote("no run yet")
	cmds := []tea.Cmd{m.auto.saveCmd(s, m.fixturesDir, !s.Dirty)}
	if !m.ready {
		m.result.SetNote("waiting for Postgres…")
	} else if q != nil {
		m.result.SetNote("running…")
		// Planning waits on the server like a run, so ctrl+c cancels it too.
		cmds = append(cmds, m.startPlan(q))
	}
	return tea.Batch(cmds...)
}

// sessionName is query/name, or query/(new) before the first save.
func (m *Model) sessionName() string {
	if m.sess == nil {
		return ""
	}
	if m.sess.Name == "" {
		return m.sess.Query + "/(new)"
	}
	if f := m.ws.Fixture(m.sess.Name); f != nil && f.Query == m.sess.Query {
		return f.Name // named apart from its query (a dbt unit test with overrides)
	}
	return m.sess.Query + "/" + m.sess.Name
}

// changed follows every edit: autosave, rebuild, re-run.
func (m *Model) changed() tea.Cmd {
	return tea.Batch(m.auto.saveCmd(m.sess, m.fixturesDir, false), m.rerun())
}

// accept makes the current result the expected rows.
func (m *Model) accept() tea.Cmd {
	switch {
	case !m.ready:
		return reportErr(errNotReady)
	case m.live == nil || m.live.Result == nil || m.sess == nil:
		return reportErr(errors.New("no result to accept yet"))
	}
	if m.live.Total <= len(m.live.Result.Rows) {
		return emit(acceptedMsg{gen: m.liveGen, rows: engine.ExpectedRows(m.live.Result)})
	}
	return acceptCmd(m.be, m.live, m.liveGen)
}

// files handles saves and autosaves.
func (m *Model) files(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case savedMsg:
		if msg.err != nil {
			return reportErr(msg.err)
		}
		m.adoptSaved(msg.fixture)
		m.notice = "saved " + msg.path
		if msg.note != "" {
			m.notice += " (" + msg.note + ")"
		}
		return m.auto.saveCmd(m.sess, m.fixturesDir, true)
	case autosavedMsg:
		if msg.err != nil {
			return reportErr(fmt.Errorf("autosave: %w", msg.err))
		}
	case autosaveFoundMsg:
		s := msg.session
		m.ask(fmt.Sprintf("Restore the unsaved fixture %s/%s from last time? y restores · n discards", s.Query, orNew(s.Name)),
			m.restore(s), m.auto.saveCmd(s, m.fixturesDir, true))
	}
	return nil
}

// restore is the command that reopens an autosaved session.
func (m *Model) restore(s *Session) tea.Cmd {
	return emit(deferredMsg{func() tea.Cmd { return m.openSession(s) }})
}

// adoptSaved records a saved fixture in the workspace so the sidebar and
// the name check know it.
func (m *Model) adoptSaved(fx *workspace.Fixture) {
	m.sess.Dirty = false
	replaced := false
	for i, f := range m.ws.Fixtures {
		if f.Name == fx.Name {
			m.ws.Fixtures[i], replaced = fx, true
		}
	}
	if !replaced {
		m.ws.Fixtures = append(m.ws.Fixtures, fx)
	}
	m.sidebar.Refresh()
	m.sidebar.SetSession(fx.Name, false)
	if m.live != nil {
		m.sidebar.SetStatus(fx.Name, m.live.Status)
	}
}

func orNew(name string) string {
	if name == "" {
		return "(new)"
	}
	return name
}
