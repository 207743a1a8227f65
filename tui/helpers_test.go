package tui

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"
	"github.com/jig-sql/jig/engine/enginetest"
	"github.com/jig-sql/jig/engine/postgres"
	"github.com/jig-sql/jig/workspace"
)

func TestMain(m *testing.M) {
	measure = func(time.Duration) time.Duration { return 7 * time.Millisecond }
	enginetest.Main(m)
}

// demoWorkspace writes the demo into a temp dir, applies edits (path →
// content), and loads it.
func demoWorkspace(tb testing.TB, edits map[string]string) *workspace.Workspace {
	tb.Helper()
	dir := tb.TempDir()
	if err := workspace.WriteDemo(dir); err != nil {
		tb.Fatal(err)
	}
	for p, text := range edits {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, p)), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, p), []byte(text), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	ws, err := workspace.Load(dir)
	if err != nil {
		tb.Fatal(err)
	}
	return ws
}

// neverStarts is a StartFunc stuck at "starting", for screens before ready.
func neverStarts(ctx context.Context, progress postgres.ProgressFunc) (*postgres.Server, error) {
	progress(postgres.Progress{Step: postgres.StepStart, Message: "starting"})
	<-ctx.Done()
	return nil, ctx.Err()
}

// screen keeps the last frame the program drew, captured on the program's
// own goroutine by a filter, so tests can wait on what the user would see.
type screen struct {
	mu      sync.Mutex
	text    string
	settled bool // no query running, every saved fixture's outcome in
}

func (s *screen) filter(tm tea.Model, msg tea.Msg) tea.Msg {
	m := tm.(*Model)
	text := ansi.Strip(m.render())
	settled := m.ready && !m.status.Busy() && len(m.sidebar.status) >= len(m.ws.Fixtures)
	s.mu.Lock()
	s.text, s.settled = text, settled
	s.mu.Unlock()
	return msg
}

func (s *screen) isSettled() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.settled
}

func (s *screen) get() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.text
}

// poke is a message nobody handles: sending it makes the filter capture
// the frame after everything before it was applied.
type poke struct{}

// harness runs a Model in teatest with a pinned colour profile.
type harness struct {
	tb  testing.TB
	tm  *teatest.TestModel
	m   *Model
	scr *screen
}

func startHarness(tb testing.TB, ws *workspace.Workspace, o Options, w, h int) *harness {
	tb.Helper()
	if o.Autosave == "" {
		o.Autosave = "-"
	}
	m := New(context.Background(), ws, o)
	scr := &screen{}
	tm := teatest.NewTestModel(tb, m, teatest.WithInitialTermSize(w, h),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii), tea.WithFilter(scr.filter)))
	hs := &harness{tb: tb, tm: tm, m: m, scr: scr}
	tb.Cleanup(func() {
		tm.Quit()
		tm.WaitFinished(tb, teatest.WithFinalTimeout(10*time.Second))
		m.Cleanup()
	})
	return hs
}

// waitFor polls the screen until ok holds, and returns it.
func (h *harness) waitFor(what string, ok func(string) bool) string {
	h.tb.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		h.tm.Send(poke{})
		time.Sleep(20 * time.Millisecond)
		if s := h.scr.get(); ok(s) {
			return s
		}
	}
	h.tb.Fatalf("timed out waiting for %s; screen:\n%s", what, h.scr.get())
	return ""
}

// waitText waits for the screen to contain all of texts.
func (h *harness) waitText(texts ...string) string {
	h.tb.Helper()
	return h.waitFor(strings.Join(texts, ", "), func(s string) bool {
		for _, t := range texts {
			if !strings.Contains(s, t) {
				return false
			}
		}
		return true
	})
}

// keys sends key presses by name ("enter", "tab", "ctrl+u", or a letter).
func (h *harness) keys(names ...string) {
	for _, n := range names {
		h.tm.Send(keyPress(n))
	}
}

func keyPress(s string) tea.KeyPressMsg {
	codes := map[string]rune{
		"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
		"enter": tea.KeyEnter, "esc": tea.KeyEscape, "tab": tea.KeyTab,
		"home": tea.KeyHome, "end": tea.KeyEnd, "pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown,
		"delete": tea.KeyDelete, "space": tea.KeySpace,
	}
	if c, ok := codes[s]; ok {
		return tea.KeyPressMsg{Code: c}
	}
	if r, ok := strings.CutPrefix(s, "ctrl+"); ok {
		return tea.KeyPressMsg{Code: rune(r[0]), Mod: tea.ModCtrl}
	}
	if s == "shift+tab" {
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	}
	return tea.KeyPressMsg{Code: []rune(s)[0], Text: s}
}

var (
	portRE    = regexp.MustCompile(`127\.0\.0\.1:\d+`)
	msRE      = regexp.MustCompile(`\d+(\.\d+)? (ms|s)\b`)
	spinnerRE = regexp.MustCompile(`[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]`)
)

// normalize hides what changes from run to run: the port, timings and
// the spinner's frame.
func normalize(s string) string {
	s = portRE.ReplaceAllString(s, "127.0.0.1:PORT")
	s = msRE.ReplaceAllString(s, "N ms")
	return spinnerRE.ReplaceAllString(s, "⠋")
}

// driver runs a Model without a program, executing commands on their own
// goroutines and feeding their messages back, for benchmarks that time an
// edit until its result is on screen.
type driver struct {
	m  *Model
	ch chan tea.Msg
}

func newDriver(m *Model) *driver { return &driver{m: m, ch: make(chan tea.Msg, 256)} }

func (d *driver) run(cmd tea.Cmd) {
	if cmd != nil {
		go func() { d.ch <- cmd() }()
	}
}

// send applies msg and runs the command it returns.
func (d *driver) send(msg tea.Msg) {
	_, cmd := d.m.Update(msg)
	d.run(cmd)
}

// poll processes messages until none arrives for quiet.
func (d *driver) poll(quiet time.Duration) {
	for {
		select {
		case msg := <-d.ch:
			d.handle(msg)
		case <-time.After(quiet):
			return
		}
	}
}

// handle applies a command's message: batches are run, spinner ticks
// dropped (their sleeps would pace the test).
func (d *driver) handle(msg tea.Msg) {
	switch msg := msg.(type) {
	case nil, spinner.TickMsg:
	case tea.BatchMsg:
		for _, c := range msg {
			d.run(c)
		}
	default:
		d.send(msg)
	}
}

// until processes messages until cond holds (spinner ticks are dropped so
// their sleeps do not count).
func (d *driver) until(tb testing.TB, cond func() bool) {
	tb.Helper()
	timeout := time.After(120 * time.Second)
	for !cond() {
		select {
		case msg := <-d.ch:
			d.handle(msg)
		case <-timeout:
			tb.Fatalf("driver: timed out; screen:\n%s", ansi.Strip(d.m.render()))
		}
	}
}
