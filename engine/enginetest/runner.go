package enginetest

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/workspace"
)

// WriteFiles writes files (slash paths relative to dir, to their text)
// under dir, creating folders as needed.
func WriteFiles(tb testing.TB, dir string, files map[string]string) {
	tb.Helper()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}

// Workspace loads a workspace of files written to a temporary folder; with
// no files it is jig's demo workspace.
func Workspace(tb testing.TB, files map[string]string) *workspace.Workspace {
	tb.Helper()
	dir := filepath.Join(tb.TempDir(), "ws")
	if files == nil {
		if err := workspace.WriteDemo(dir); err != nil {
			tb.Fatal(err)
		}
	}
	WriteFiles(tb, dir, files)
	ws, err := workspace.Load(dir)
	if err != nil {
		tb.Fatal(err)
	}
	return ws
}

// DemoWorkspace loads jig's demo workspace with files added to it (or
// replacing its own), for tests that need the demo and one thing more.
func DemoWorkspace(tb testing.TB, files map[string]string) *workspace.Workspace {
	tb.Helper()
	dir := filepath.Join(tb.TempDir(), "ws")
	if err := workspace.WriteDemo(dir); err != nil {
		tb.Fatal(err)
	}
	WriteFiles(tb, dir, files)
	ws, err := workspace.Load(dir)
	if err != nil {
		tb.Fatal(err)
	}
	return ws
}

// Runner prepares a runner for ws on the package's server, closed when the
// test ends.
func Runner(tb testing.TB, ws *workspace.Workspace, o engine.RunnerOptions) *engine.Runner {
	tb.Helper()
	r, err := engine.NewRunner(context.Background(), Server(tb), ws, o)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(r.Close)
	return r
}

// RunnerFromFiles is Runner on Workspace(tb, files).
func RunnerFromFiles(tb testing.TB, files map[string]string, o engine.RunnerOptions) (*engine.Runner, *workspace.Workspace) {
	tb.Helper()
	ws := Workspace(tb, files)
	return Runner(tb, ws, o), ws
}
