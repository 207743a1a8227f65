package tui

import (
	"time"

	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/engine/postgres"
	"github.com/jig-sql/jig/rows"
	"github.com/jig-sql/jig/workspace"
)

// progressMsg is one start-up report from the engine, through the relay.
type progressMsg postgres.Progress

// readyMsg says the server is up and the workspace schema applied.
type readyMsg struct {
	describe string
	version  string
	addr     string
	tables   catalog
	note     string
}

// startFailedMsg says Postgres could not be started or the schema applied.
type startFailedMsg struct{ err error }

// queryInputsMsg is what a query and each query above it read
// themselves, from their plans; err is the query's own plan's error.
type queryInputsMsg struct {
	query string
	reads map[string][]engine.Input
	err   error
}

// builtMsg carries the rows the factory made for a session generation, so
// the input grid shows defaults without waiting for the query.
type builtMsg struct {
	gen int
	ds  *rows.Dataset
	err error
}

// runDoneMsg is a live run's outcome for generation gen. A run older than
// the newest edit is dropped on arrival.
type runDoneMsg struct {
	gen  int
	live *engine.LiveRun
	err  error
	took time.Duration
}

// pageMsg is a window of result rows fetched for generation gen.
type pageMsg struct {
	gen    int
	offset int
	rows   [][]engine.Value
	err    error
}

// acceptedMsg carries the whole current result as expected rows.
type acceptedMsg struct {
	gen  int
	rows []workspace.Row
	err  error
}

// savedMsg reports a fixture written to disk.
type savedMsg struct {
	name    string
	path    string
	fixture *workspace.Fixture
	note    string // how the file was written, when it is news
	err     error
}

// autosavedMsg reports the autosave file written (or removed).
type autosavedMsg struct{ err error }

// autosaveFoundMsg offers back a session left by a crash.
type autosaveFoundMsg struct{ session *Session }

// fixtureStatusMsg carries the outcome of every saved fixture, run once
// Postgres is ready, for the sidebar's marks.
type fixtureStatusMsg struct{ status map[string]engine.Status }
