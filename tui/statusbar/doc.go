// Package statusbar is the workbench's bottom line: how far Postgres has got
// starting up (with a download progress bar on a first run), a spinner while
// a query runs, the last run's time, and one error line that stays until the
// user presses a key (as leg100/pug reports errors).
//
// The bar is driven by messages (StartupMsg, RunStartedMsg, RunFinishedMsg,
// ErrorMsg), so whoever relays engine events needs no handle on it.
//
// The download bar is drawn here rather than with bubbles/progress, which
// needs the harmonica module that go.sum does not carry.
package statusbar
