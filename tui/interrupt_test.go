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
	"github.com/jig-sql/jig/engine/enginetest"
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

// A signal that comes while a cell is being typed keeps what was typed:
// the open edit is committed into the autosave, not lost.
func TestFlushAutosaveKeepsOpenEdit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "autosave.yaml")
	m := New(context.Background(), demoWorkspace(t, nil), Options{Server: enginetest.Server(t), Autosave: path})
	t.Cleanup(m.Cleanup)
	d := newDriver(m)
	d.send(tea.WindowSizeMsg{Width: 120, Height: 36})
	d.run(m.Init())
	d.until(t, func() bool { return m.ready && m.input.src != nil && d.settled() })
	d.press(t, "a")
	for _, k := range []string{"enter", "z", "z"} {
		d.send(keyPress(k))
	}
	if !m.input.Editing() {
		t.Fatal("no cell editor open")
	}
	m.flushAutosave()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("no autosave: %v", err)
	}
	if !strings.Contains(string(data), "zz}") { // the default, then what was typed
		t.Errorf("the typed cell is not in the autosave:\n%s", data)
	}
}
