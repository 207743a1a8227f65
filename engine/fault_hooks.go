//go:build jigfault

package engine

import (
	"os"

	"github.com/jig-sql/jig/workspace"
)

// A jig built with -tags jigfault crashes on request, so the fault tests
// can prove what a crash leaves behind (nothing). JIG_FAULT_PANIC panics
// on a goroutine nothing recovers as the first fixture starts: the process
// dies at once, no deferred Stop runs.
func init() {
	if os.Getenv("JIG_FAULT_PANIC") != "" {
		beforeFixture = func(*workspace.Fixture) {
			go func() { panic("JIG_FAULT_PANIC is set (a jigfault build)") }()
			select {}
		}
	}
}
