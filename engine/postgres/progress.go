package postgres

import "fmt"

// Step is one stage of bringing a server up, in the order they happen.
type Step int

// The steps Start reports, in order. Download and Extract happen only when
// binaries are not cached yet; Init only the first time ever (per version).
const (
	StepResolve Step = iota // looking for binaries
	StepDownload
	StepExtract
	StepInit   // initdb of the cached template cluster
	StepCopy   // a new workspace's cluster copied from the template
	StepStart  // postmaster starting
	StepSchema // workspace schema being applied (reported by callers)
	StepReady
)

var stepNames = [...]string{"resolving binaries", "downloading", "extracting", "initialising cluster", "preparing cluster", "starting", "applying schema", "ready"}

func (s Step) String() string {
	if int(s) < len(stepNames) {
		return stepNames[s]
	}
	return fmt.Sprintf("step(%d)", int(s))
}

// Progress is one report from Start. During StepDownload, Bytes and Total
// (-1 when unknown) count the archive; Message says what happens in words a
// status bar can show.
type Progress struct {
	Step    Step
	Bytes   int64
	Total   int64
	Message string
}

// ProgressFunc receives progress reports. It is called from Start's goroutine
// and must not block; the TUI forwards them to its program with p.Send.
type ProgressFunc func(Progress)

func (f ProgressFunc) report(p Progress) {
	if f != nil {
		f(p)
	}
}
