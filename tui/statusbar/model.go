package statusbar

import (
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/jig-sql/jig/tui/styles"
)

// Model is the status bar. The host sends it every StartupMsg, Run…Msg,
// ErrorMsg, spinner.TickMsg and — so the error clears — every key press.
type Model struct {
	st      styles.StatusStyles
	width   int
	startup StartupMsg
	spinner spinner.Model
	busy    string // label of the running query; "" when idle
	ran     bool
	took    time.Duration
	rows    int
	err     error
	runErr  bool // err came from a run, so the next good run clears it
}

// New returns an idle status bar.
func New(st styles.Styles) Model {
	m := Model{spinner: spinner.New(spinner.WithSpinner(spinner.MiniDot))}
	m.SetStyles(st)
	return m
}

// SetStyles swaps the theme.
func (m *Model) SetStyles(st styles.Styles) {
	m.st = st.Status
	m.spinner.Style = st.Status.Busy
}

// SetWidth sets the line's width in cells.
func (m *Model) SetWidth(w int) { m.width = max(w, 0) }

// Err is the error on show, if any.
func (m Model) Err() error { return m.err }

// Busy reports whether a query is running.
func (m Model) Busy() bool { return m.busy != "" }

// Step is the last start-up step reported.
func (m Model) Step() Step { return m.startup.Step }

// Update applies one message; it returns the spinner's tick while
// something is in progress.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	was := m.spinning()
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		m.err = nil
	case ErrorMsg:
		m.err, m.runErr = msg.Err, false
	case ClearErrorMsg:
		if m.err != nil && m.err == msg.Err {
			m.err = nil
		}
	case StartupMsg:
		m.startup = msg
	case RunStartedMsg:
		m.busy = msg.Label
		if m.busy == "" {
			m.busy = "query"
		}
	case RunFinishedMsg:
		m.busy, m.ran, m.took, m.rows = "", true, msg.Took, msg.Rows
		switch {
		case msg.Err != nil:
			m.err, m.runErr = msg.Err, true
		case m.runErr:
			m.err = nil
		}
	case spinner.TickMsg:
		if !m.spinning() {
			return m, nil // let the tick chain end
		}
		var cmd tea.Cmd
		m.spinner, cmd = m.spinner.Update(msg)
		return m, cmd
	}
	if !was && m.spinning() {
		return m, m.spinner.Tick
	}
	return m, nil
}

// spinning is true while anything is in progress.
func (m Model) spinning() bool {
	switch m.startup.Step {
	case Downloading, Initialising, Starting, ApplyingSchema:
		return true
	}
	return m.busy != ""
}
