package tui

import (
	"path/filepath"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/tui/statusbar"
	"github.com/jig-sql/jig/workspace"
	"github.com/jig-sql/jig/workspace/watch"
)

// Live workspace files: schema/, queries/ and checks/ are watched (package
// watch); each settled burst of changes comes through the relay, the
// workspace is loaded again, the schema re-applied on a new runner, and
// the session re-run. A file that no longer loads leaves the last good
// workspace in place and its error, at file:line:col, in the query pane.

// filesChangedMsg is a settled burst of file changes, from the watcher.
type filesChangedMsg watch.Event

// reloadedMsg is the workspace loaded again and its schema applied.
type reloadedMsg struct {
	ws     *workspace.Workspace
	tables catalog
	err    error
}

// retireAfter is how long a replaced runner stays open, so the commands
// still using it finish (their results are dropped as stale).
const retireAfter = 5 * time.Second

// watchDirs are the folders whose files the workbench follows.
func watchDirs(ws *workspace.Workspace) []string {
	var dirs []string
	for _, d := range []string{ws.Config.Schema, ws.Config.Queries, ws.Config.Checks} {
		if !filepath.IsAbs(d) {
			d = filepath.Join(ws.Dir, d)
		}
		dirs = append(dirs, d)
	}
	return append(dirs, ws.Folders...) // a dbt project's models, macros and tests
}

// watch starts following the workspace's files; changes go to the relay.
func (b *backend) watch() error {
	w, err := watch.New(watchDirs(b.ws), []string{".sql", ".yaml", ".yml"}, watch.DefaultDebounce,
		func(e watch.Event) { b.relay.Send(filesChangedMsg(e)) })
	if err != nil {
		return err
	}
	b.mu.Lock()
	b.watcher = w
	b.mu.Unlock()
	return nil
}

// Reload applies ws on a new runner and makes it the one runs use; the
// old runner is retired (closed a little later, or at Cleanup).
func (b *backend) Reload(ws *workspace.Workspace) (catalog, error) {
	b.mu.Lock()
	srv := b.srv
	b.mu.Unlock()
	if srv == nil {
		return catalog{}, errNotReady
	}
	r, err := engine.NewRunner(b.ctx, srv, ws, engine.RunnerOptions{Parallel: 2})
	if err != nil {
		return catalog{}, err
	}
	b.runMu.Lock()
	if b.live != nil {
		b.live.Close()
		b.live = nil
	}
	b.mu.Lock()
	old := b.runner
	b.runner, b.ws = r, ws
	if old != nil {
		b.retired = append(b.retired, old)
		time.AfterFunc(retireAfter, old.Close)
	}
	b.mu.Unlock()
	b.runMu.Unlock()
	return newCatalog(r.Suite), nil
}

// reloadCmd loads the workspace from disk again and applies it.
func reloadCmd(b *backend, dir string) tea.Cmd {
	return func() tea.Msg {
		ws, err := workspace.Load(dir)
		if err != nil {
			return reloadedMsg{err: err}
		}
		tables, err := b.Reload(ws)
		return reloadedMsg{ws: ws, tables: tables, err: err}
	}
}

// onFilesChanged starts a reload, or queues one behind the reload in
// flight; the relay is read again either way.
func (m *Model) onFilesChanged(msg filesChangedMsg) tea.Cmd {
	next := m.be.relay.Next()
	if msg.Err != nil {
		return tea.Batch(next, reportErr(msg.Err))
	}
	if !m.ready {
		return next // the start-up will read the files as they are now
	}
	return tea.Batch(next, m.reload())
}

// reload reads the workspace files again, or queues that behind the
// reload in flight.
func (m *Model) reload() tea.Cmd {
	if m.reloading {
		m.reloadAgain = true
		return nil
	}
	m.reloading = true
	return reloadCmd(m.be, m.ws.Dir)
}

// onReloaded adopts the reloaded workspace and re-runs the session.
func (m *Model) onReloaded(msg reloadedMsg) tea.Cmd {
	m.reloading = false
	var cmds []tea.Cmd
	if m.reloadAgain {
		m.reloadAgain, m.reloading = false, true
		cmds = append(cmds, reloadCmd(m.be, m.ws.Dir))
	}
	if msg.err != nil {
		m.query.SetError(msg.err)
		m.result.SetNote("not run: " + firstLine(msg.err.Error()))
		m.reloadErr = msg.err
		return tea.Batch(append(cmds, reportErr(msg.err))...)
	}
	if m.reloadErr != nil { // the files are fixed: their error goes
		cmds = append(cmds, statusbar.ClearError(m.reloadErr))
		m.reloadErr = nil
	}
	m.ws, m.sidebar.ws = msg.ws, msg.ws
	m.setTables(msg.tables)
	cmds = append(cmds, runAllCmd(m.be, m.ws.Fixtures))
	if m.sess == nil {
		return tea.Batch(cmds...)
	}
	q := m.ws.Query(m.sess.Query)
	m.query.SetQuery(q, m.ws.Feeds(m.sess.Query))
	if q == nil {
		m.gen++ // drop the run in flight
		m.live = nil
		m.result.SetNote("query " + m.sess.Query + " is gone from " + m.ws.Config.Queries + "/; pick another in the sidebar")
		return tea.Batch(cmds...)
	}
	return tea.Batch(append(cmds, m.startPlan(q))...)
}
