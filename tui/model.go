package tui

import (
	"context"

	bhelp "charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/rows"
	"github.com/jig-sql/jig/tui/grid"
	"github.com/jig-sql/jig/tui/help"
	"github.com/jig-sql/jig/tui/statusbar"
	"github.com/jig-sql/jig/tui/styles"
	"github.com/jig-sql/jig/tui/textedit"
	"github.com/jig-sql/jig/workspace"
)

// mode is what keys mean right now. Only normal mode routes keys to the
// focused pane; every other mode owns the keyboard (q is a letter while a
// cell or a name is typed; ctrl+c always works).
type mode int

const (
	modeNormal    mode = iota
	modeEditing        // a cell editor is open in the input grid
	modePrompt         // typing the fixture's name
	modeConfirm        // answering a yes/no question
	modeHelp           // the ? screen
	modeOverlay        // a full value or failing rows
	modeQueryEdit      // the query is edited in its pane
)

// confirmation is a pending yes/no question and what yes does.
type confirmation struct {
	question string
	yes, no  tea.Cmd
}

// Model is the workbench. Build it with New; its Cleanup must run after
// the program ends (Run does both).
type Model struct {
	ws          *workspace.Workspace
	be          *backend
	th          *theme
	auto        *autosaver
	fixturesDir string

	mode    mode
	focus   Scope
	sidebar *sidebarPane
	input   *inputPane
	query   *queryPane
	result  *resultPane
	checks  *checksPane
	status  statusbar.Model
	keyline bhelp.Model
	helpScr help.Model
	prompt  textedit.Model
	ov      *overlay
	confirm *confirmation
	notice  string
	lay     layout
	zoom    bool // the focused pane has the whole window
	w, h    int

	ready     bool
	cat       catalog // the tables and mockable queries, once ready
	factory   *rows.Factory
	sess      *Session
	gen       int // bumped by every change; runs and builds carry it
	cancelRun context.CancelFunc
	planning  bool  // the session's query is being planned
	cancelled bool  // ctrl+c stopped the session's plan or run
	reloadErr error // the last reload's error, cleared from the status when fixed
	live      *engine.LiveRun
	liveGen   int
	fatal     error // start-up failure, returned by Run

	reloading   bool // a reload of the workspace files is in flight
	reloadAgain bool // files changed during it: reload once more after
}

// Init starts Postgres, listens to the relay, asks for the terminal's
// background and looks for an autosaved session.
func (m *Model) Init() tea.Cmd {
	return tea.Batch(startCmd(m.be), m.be.relay.Next(), tea.RequestBackgroundColor,
		loadAutosaveCmd(m.auto.path, m.fixturesDir, m.ws.Dir))
}

// Update routes: keys and mouse by mode and focus, engine results to the
// handlers that own them, pane intents to the root's actions. Whatever
// changed, the panes are then re-sized to their content.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd := m.update(msg)
	m.sidebar.SetDirty(m.sess != nil && m.sess.Dirty)
	m.relayout()
	return m, cmd
}

func (m *Model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.setSize(msg.Width, msg.Height)
	case tea.BackgroundColorMsg:
		m.setStyles(styles.NewStyles(msg.IsDark()))
	case tea.KeyPressMsg:
		m.notice = ""
		var cmd tea.Cmd
		m.status, cmd = m.status.Update(msg)
		return tea.Batch(cmd, m.key(msg))
	case tea.PasteMsg:
		return m.paste(msg)
	case tea.MouseClickMsg:
		return m.click(msg)
	case tea.MouseWheelMsg:
		return m.wheel(msg)
	case grid.EditedMsg, grid.EditCanceledMsg:
		m.mode = modeNormal
		return m.input.Update(msg)
	case progressMsg, readyMsg, startFailedMsg, fixtureStatusMsg:
		return m.startup(msg)
	case queryInputsMsg, builtMsg, runDoneMsg, pageMsg, acceptedMsg:
		return m.engineResult(msg)
	case savedMsg, autosavedMsg, autosaveFoundMsg:
		return m.files(msg)
	case filesChangedMsg:
		return m.onFilesChanged(msg)
	case reloadedMsg:
		return m.onReloaded(msg)
	case editQueryMsg:
		if msg.inline {
			return m.startInlineEdit()
		}
		return m.openEditor()
	case editorDoneMsg:
		return m.onEditorDone(msg)
	case selectQueryMsg, selectTableMsg, openFixtureMsg, sessionChangedMsg,
		acceptMsg, showOverlayMsg, pagesWantedMsg, deferredMsg, noticeMsg:
		return m.intent(msg)
	}
	var cmd tea.Cmd
	m.status, cmd = m.status.Update(msg)
	return cmd
}

// pane is the pane behind a scope.
func (m *Model) pane(s Scope) pane {
	switch s {
	case ScopeSidebar:
		return m.sidebar
	case ScopeInput:
		return m.input
	case ScopeQuery:
		return m.query
	case ScopeResult:
		return m.result
	}
	return m.checks
}

// setFocus moves the keyboard to another pane.
func (m *Model) setFocus(s Scope) {
	m.pane(m.focus).Blur()
	m.focus = s
	m.pane(s).Focus()
	m.relayout() // a zoom follows the focus
}

// matches is key.Matches, shorter.
func matches(k tea.KeyPressMsg, b ...key.Binding) bool { return key.Matches(k, b...) }
