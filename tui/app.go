package tui

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"runtime/debug"

	bhelp "charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
	"github.com/jig-sql/jig/engine/postgres"
	"github.com/jig-sql/jig/tui/help"
	"github.com/jig-sql/jig/tui/statusbar"
	"github.com/jig-sql/jig/tui/styles"
	"github.com/jig-sql/jig/tui/textedit"
	"github.com/jig-sql/jig/workspace"
)

// ReportURL is where crashes should be reported.
const ReportURL = workspace.ReportURL

// Options configure the workbench.
type Options struct {
	// Start starts Postgres; it is called once, in the background.
	Start StartFunc
	// Server is an already started server (tests). It wins over Start and
	// is never stopped by the workbench.
	Server *postgres.Server
	// Autosave is the autosave file; "" means <workspace>/.jig/autosave.yaml
	// and "-" turns autosave off.
	Autosave string
	// Dark picks the theme until the terminal reports its background.
	Dark bool
}

// New builds the workbench for ws, with the first query selected. Nothing
// slow happens here: Init starts Postgres.
func New(ctx context.Context, ws *workspace.Workspace, o Options) *Model {
	st := styles.NewStyles(o.Dark)
	th := newTheme(st, DefaultKeyMaps())
	auto := o.Autosave
	switch auto {
	case "":
		auto = filepath.Join(ws.Dir, filepath.FromSlash(AutosaveFile))
	case "-":
		auto = ""
	}
	m := &Model{
		ws: ws, th: th, be: newBackend(ctx, ws, o.Start, o.Server),
		auto: newAutosaver(auto), fixturesDir: ws.Config.Fixtures,
		status: statusbar.New(st), keyline: bhelp.New(),
		helpScr: help.New(st, th.keys.helpGroups()...), prompt: textedit.New(st.Edit),
		focus: ScopeInput,
	}
	m.keyline.Styles = st.Help.Model
	m.sidebar = newSidebar(th, ws, func(t string) int {
		if m.sess == nil {
			return 0
		}
		return m.sess.RowCount(t)
	})
	m.input, m.query = newInputPane(th), newQueryPane(th)
	m.result, m.checks = newResultPane(th), newChecksPane(th)
	m.input.Focus()
	if len(ws.Queries) > 0 {
		m.openSession(NewSession(ws.Queries[0].Name))
	}
	m.status, _ = m.status.Update(statusbar.StartupMsg{Step: statusbar.Starting, Version: ws.Config.Postgres.Version})
	return m
}

// Cleanup stops what the workbench started: the live run, the runner, and
// the server unless it was given in Options.
func (m *Model) Cleanup() { m.be.Cleanup() }

// Err is the start-up failure, if Postgres could not be brought up.
func (m *Model) Err() error { return m.fatal }

// Run runs the workbench until the user quits, ctx ends (SIGTERM), or it
// crashes; the server is stopped in every case. A crash comes back as a
// *CrashError; a start-up failure as the engine's error.
func Run(ctx context.Context, ws *workspace.Workspace, o Options, popts ...tea.ProgramOption) (err error) {
	m := New(ctx, ws, o)
	defer m.Cleanup()
	defer func() {
		if r := recover(); r != nil {
			err = &CrashError{Value: r, Stack: debug.Stack()}
		}
	}()
	// Signals are the caller's: ctx ends on them (bubbletea's own handler
	// would make SIGTERM a plain quit, exit 0).
	p := tea.NewProgram(m, append([]tea.ProgramOption{tea.WithContext(ctx), tea.WithoutSignalHandler()}, popts...)...)
	_, err = p.Run()
	switch {
	case errors.Is(err, tea.ErrProgramPanic):
		return &CrashError{Value: "the workbench panicked (stack above)"}
	case errors.Is(err, tea.ErrProgramKilled), errors.Is(err, tea.ErrInterrupted):
		m.flushAutosave() // the edit in flight may not have been written
		return ErrInterrupted
	}
	if err == nil {
		err = m.fatal
	}
	return err
}

// ErrInterrupted is Run's error when a signal (ctx) ended the workbench:
// the session was autosaved, the server stopped.
var ErrInterrupted = errors.New("interrupted")

// CrashError is a panic caught at the top of the workbench, after the
// terminal was restored and the server stopped.
type CrashError struct {
	Value any
	Stack []byte
}

func (e *CrashError) Error() string {
	s := fmt.Sprintf("internal error: %v", e.Value)
	if len(e.Stack) > 0 {
		s += "\n" + string(e.Stack)
	}
	return s + "\nPlease report this at " + ReportURL + " with what you were doing."
}
