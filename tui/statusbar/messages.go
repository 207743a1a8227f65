package statusbar

import (
	"time"

	tea "charm.land/bubbletea/v2"
)

// Step is a stage of getting Postgres ready.
type Step int

// The start-up steps, in order, then the two outcomes.
const (
	Idle Step = iota
	Downloading
	Initialising
	Starting
	ApplyingSchema
	Ready
	Failed
)

// StartupMsg reports start-up progress; each replaces the last.
type StartupMsg struct {
	Step        Step
	Done, Total int64  // bytes fetched and expected while Downloading; Total 0 if unknown
	Version     string // Postgres version, e.g. "17.5"
	Addr        string // host:port once Ready
	Detail      string // e.g. the schema file being applied
}

// RunStartedMsg says a query run began; the spinner turns until the
// matching RunFinishedMsg.
type RunStartedMsg struct {
	Label string // what runs, e.g. the query's name
}

// RunFinishedMsg says the run ended. Rows is the result's row count.
type RunFinishedMsg struct {
	Took time.Duration
	Rows int
	Err  error // also shown as the error line; nil clears a failed run's error
}

// ErrorMsg puts Err on the error line until the next key press.
type ErrorMsg struct{ Err error }

// ReportError is the command that shows err on the error line.
func ReportError(err error) tea.Cmd {
	return func() tea.Msg { return ErrorMsg{Err: err} }
}

// ClearErrorMsg takes Err off the error line when it is still the one
// shown: the file it was about was fixed. Another error stays.
type ClearErrorMsg struct{ Err error }

// ClearError is the command that sends ClearErrorMsg.
func ClearError(err error) tea.Cmd {
	return func() tea.Msg { return ClearErrorMsg{Err: err} }
}
