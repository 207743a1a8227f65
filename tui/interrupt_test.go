package tui

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// A signal (ctx ending) ends Run with ErrInterrupted, which the CLI makes
// exit 130; bubbletea's own SIGTERM handling made it a plain quit (exit 0).
func TestRunEndedByContextIsInterrupted(t *testing.T) {
	ws := demoWorkspace(t, nil)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(300*time.Millisecond, cancel)
	err := Run(ctx, ws, Options{Start: neverStarts, Autosave: "-"},
		tea.WithInput(strings.NewReader("")), tea.WithOutput(io.Discard))
	if !errors.Is(err, ErrInterrupted) {
		t.Fatalf("Run = %v, want ErrInterrupted", err)
	}
}

// The unsaved session is written to the autosave file when a signal ends
// the workbench, even if the edit's own autosave never ran.
func TestFlushAutosave(t *testing.T) {
	ws := demoWorkspace(t, nil)
	path := filepath.Join(t.TempDir(), "autosave.yaml")
	m := New(context.Background(), ws, Options{Start: neverStarts, Autosave: path})
	defer m.Cleanup()
	m.flushAutosave()
	if _, err := os.Stat(path); err == nil {
		t.Fatal("a session with no changes was autosaved")
	}
	m.sess.AddRow("events")
	m.flushAutosave()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("no autosave after a change: %v", err)
	}
	back, err := decodeAutosave(data, m.fixturesDir, "")
	if err != nil || len(back.Table("events").Rows) != 1 {
		t.Fatalf("autosave %v, %v:\n%s", back, err, data)
	}
}
