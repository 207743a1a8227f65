package tui

import (
	"context"
	"errors"
	"fmt"

	tea "charm.land/bubbletea/v2"
	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/engine/postgres"
	"github.com/jig-sql/jig/tui/statusbar"
	"github.com/jig-sql/jig/workspace"
)

// startup follows Postgres coming up.
func (m *Model) startup(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case progressMsg:
		var cmd tea.Cmd
		step := startupStep(postgres.Progress(msg))
		step.Version = m.ws.Config.Postgres.Version
		m.status, cmd = m.status.Update(step)
		return tea.Batch(cmd, m.be.relay.Next())
	case startFailedMsg:
		m.fatal = msg.err
		m.status, _ = m.status.Update(statusbar.StartupMsg{Step: statusbar.Failed, Detail: firstLine(msg.err.Error())})
		m.input.note = "Postgres did not start: " + firstLine(msg.err.Error())
		m.result.SetNote("no database")
		m.query.SetError(msg.err)
		return reportErr(msg.err)
	case readyMsg:
		return m.onReady(msg)
	case fixtureStatusMsg:
		for name, st := range msg.status {
			m.sidebar.SetStatus(name, st)
		}
	}
	return nil
}

// startupStep maps an engine step to the status bar's.
func startupStep(p postgres.Progress) statusbar.StartupMsg {
	s := statusbar.StartupMsg{Detail: p.Message}
	switch p.Step {
	case postgres.StepDownload:
		s.Step, s.Done, s.Total = statusbar.Downloading, p.Bytes, max(p.Total, 0)
	case postgres.StepExtract, postgres.StepInit, postgres.StepCopy:
		s.Step = statusbar.Initialising
	case postgres.StepSchema:
		s.Step = statusbar.ApplyingSchema
	default:
		s.Step = statusbar.Starting
	}
	return s
}

// setTables takes the described tables of a (re)applied schema, with the
// factory of the runner that applied it.
func (m *Model) setTables(c catalog) {
	m.cat = c
	m.factory = m.be.Runner().Suite.Factory
	var names []string
	for i, t := range c.tables {
		if _, mock := c.mocks[t.Name]; !mock || t.Schema != "" {
			names = append(names, engine.UserName(&c.tables[i])) // atomic.events, as fixtures name it
		}
	}
	m.sidebar.SetTables(names)
	m.input.SetTables(c)
}

func (m *Model) onReady(msg readyMsg) tea.Cmd {
	m.ready = true
	m.setTables(msg.tables)
	var cmd tea.Cmd
	m.status, cmd = m.status.Update(statusbar.StartupMsg{Step: statusbar.Ready, Version: msg.version, Addr: msg.addr})
	cmds := []tea.Cmd{cmd, runAllCmd(m.be, m.ws.Fixtures)}
	if m.sess != nil {
		m.sess.Normalize(m.cat.tables)
		m.input.SetSession(m.sess)
		if q := m.ws.Query(m.sess.Query); q != nil {
			cmds = append(cmds, m.startPlan(q))
		}
	}
	return tea.Batch(cmds...)
}

// engineResult applies what a command brought back from the engine.
func (m *Model) engineResult(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case queryInputsMsg:
		return m.onQueryInputs(msg)
	case builtMsg:
		if msg.gen == m.gen && msg.err == nil {
			m.input.SetDataset(msg.ds)
		}
	case runDoneMsg:
		return m.onRunDone(msg)
	case pageMsg:
		if msg.gen == m.liveGen && msg.err == nil {
			m.result.Store(msg.offset, msg.rows)
		}
	case acceptedMsg:
		if msg.gen != m.liveGen || m.sess == nil {
			return nil
		}
		if msg.err != nil {
			return reportErr(msg.err)
		}
		m.sess.SetExpected(msg.rows)
		m.notice = fmt.Sprintf("accepted %s as expected; s saves the fixture", statusbar.Plural(len(msg.rows), "row"))
		return m.changed()
	}
	return nil
}

func (m *Model) onQueryInputs(msg queryInputsMsg) tea.Cmd {
	if m.sess == nil || msg.query != m.sess.Query {
		return nil
	}
	m.planning = false
	if m.cancelled {
		return nil // ctrl+c dropped this plan
	}
	if msg.err != nil {
		// The run will fail the same way and place the error in the
		// query's file; until then say what the planner said.
		m.query.SetError(inFile(msg.err, m.ws.Query(msg.query)))
		m.result.SetNote("no result: " + errorKind(msg.err))
	}
	m.sess.Normalize(m.cat.tables)
	m.input.SetReads(msg.reads)
	return m.rerun()
}

// rerun builds the session's rows and runs it live as a new generation,
// cancelling the run in flight (its result would be dropped anyway).
func (m *Model) rerun() tea.Cmd {
	m.gen++
	if m.cancelRun != nil {
		m.cancelRun()
		m.cancelRun = nil
	}
	if !m.ready || m.sess == nil {
		return nil
	}
	fx := m.sess.Fixture(m.fixturesDir)
	if bad, ok := m.sess.FirstInvalid(); ok {
		return tea.Batch(buildCmd(m.factory, m.gen, fx, m.cat), m.notRun(bad.String(), 0))
	}
	ctx, cmd := m.startRun()
	return tea.Batch(cmd, buildCmd(m.factory, m.gen, fx, m.cat), runCmd(ctx, m.be, m.gen, fx))
}

// startRun marks the session's run as in flight: the status bar spins
// and ctrl+c cancels the run's context.
func (m *Model) startRun() (context.Context, tea.Cmd) {
	if m.cancelRun != nil {
		m.cancelRun()
	}
	ctx, cancel := context.WithCancel(m.be.ctx)
	m.cancelRun, m.cancelled = cancel, false
	var cmd tea.Cmd
	m.status, cmd = m.status.Update(statusbar.RunStartedMsg{Label: m.sess.Query})
	return ctx, cmd
}

// startPlan asks the planner for the tables of the session's query q. The
// status spins and ctrl+c drops the answer, as for a run; the plan itself
// is not cancelled (cancelling it could stop another statement on the
// same connection; see the QA report).
func (m *Model) startPlan(q *workspace.Query) tea.Cmd {
	m.planning, m.cancelled = true, false
	var spin tea.Cmd
	m.status, spin = m.status.Update(statusbar.RunStartedMsg{Label: q.Name})
	return tea.Batch(spin, queryInputsCmd(m.be.ctx, m.be, m.ws, q))
}

// errCancelled is the status of a run or plan stopped by ctrl+c.
var errCancelled = errors.New("query cancelled")

func (m *Model) onRunDone(msg runDoneMsg) tea.Cmd {
	if msg.gen != m.gen {
		return nil
	}
	m.cancelRun = nil
	if m.sess == nil {
		return nil
	}
	if bad, ok := m.sess.FirstInvalid(); ok {
		// A cell went invalid after this run started (a reload re-ran the
		// session meanwhile): what is on screen must be what would run.
		return m.notRun(bad.String(), msg.took)
	}
	if msg.err != nil {
		m.status, _ = m.status.Update(statusbar.RunFinishedMsg{Took: msg.took, Err: msg.err})
		m.result.SetNote(firstLine(msg.err.Error()))
		return nil
	}
	live := msg.live
	if live.Dataset != nil {
		m.input.SetDataset(live.Dataset)
	}
	var ie *engine.InputError
	if errors.As(live.Err, &ie) {
		m.input.SetRowErrors(ie)
		return m.notRun(trimNotRun(ie.Error()), msg.took)
	}
	m.input.SetRowErrors(nil)
	m.live, m.liveGen = live, msg.gen
	m.status, _ = m.status.Update(statusbar.RunFinishedMsg{Took: msg.took, Rows: live.Total})
	m.query.SetError(live.Err)
	if m.sess.Name != "" || m.sess.Expect.Rows != nil {
		m.sidebar.SetStatus(m.sessionName(), live.Status)
	}
	if live.Err != nil {
		m.result.SetNote("no result: " + errorKind(live.Err))
		m.checks.SetNote("not run")
		return nil
	}
	m.result.SetRun(live)
	m.checks.SetResults(live.Checks, checksSummary(live.Checks))
	return m.fetchPages()
}

// fetchPages asks for the result pages the grid's window needs.
func (m *Model) fetchPages() tea.Cmd {
	if m.live == nil {
		return nil
	}
	var cmds []tea.Cmd
	for _, off := range m.result.Wanted() {
		cmds = append(cmds, pageCmd(m.be, m.live, m.liveGen, off, pageSize))
	}
	return tea.Batch(cmds...)
}

// inFile places an SQL error that came without a file (the planner's)
// in the query's file, where its line and column already point.
func inFile(err error, q *workspace.Query) error {
	var se *engine.SQLError
	if q == nil || !errors.As(err, &se) || se.File != "" {
		return err
	}
	c := *se
	c.File = q.Path
	return &c
}

// errorKind says in a few words what went wrong, for the result pane.
func errorKind(err error) string {
	var se *engine.SQLError
	if errors.As(err, &se) {
		return "the query failed (see the query pane)"
	}
	return firstLine(err.Error())
}

func firstLine(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			return s[:i]
		}
	}
	return s
}
