package statusbar

import (
	"errors"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/jig-sql/jig/tui/styles"
)

func send(m Model, msgs ...tea.Msg) (Model, tea.Cmd) {
	var cmd tea.Cmd
	for _, msg := range msgs {
		m, cmd = m.Update(msg)
	}
	return m, cmd
}

func newBar() Model {
	m := New(styles.NewStyles(true))
	m.SetWidth(80)
	return m
}

func TestView(t *testing.T) {
	tests := []struct {
		name string
		msgs []tea.Msg
		want string
	}{
		{"idle", nil, ""},
		{"download", []tea.Msg{StartupMsg{Step: Downloading, Version: "17", Done: 10 << 20, Total: 40 << 20}},
			"⠋ downloading Postgres 17 ████░░░░░░░░░░░░ 10.0 MB / 40.0 MB"},
		{"download size unknown", []tea.Msg{StartupMsg{Step: Downloading, Version: "17", Done: 512 << 10}},
			"⠋ downloading Postgres 17 512 kB"},
		{"initialising", []tea.Msg{StartupMsg{Step: Initialising}}, "⠋ initialising the data directory"},
		{"schema", []tea.Msg{StartupMsg{Step: ApplyingSchema, Detail: "schema/events.sql"}},
			"⠋ applying schema schema/events.sql"},
		{"ready", []tea.Msg{StartupMsg{Step: Ready, Version: "17.5", Addr: "127.0.0.1:54321"}},
			"● Postgres 17.5 on 127.0.0.1:54321"},
		{"running", []tea.Msg{StartupMsg{Step: Ready, Version: "17.5", Addr: "127.0.0.1:1"}, RunStartedMsg{Label: "by_browser"}},
			"● Postgres 17.5 on 127.0.0.1:1" + strings.Repeat(" ", 29) + "⠋ running by_browser…"},
		{"finished", []tea.Msg{RunStartedMsg{}, RunFinishedMsg{Took: 12 * time.Millisecond, Rows: 3}},
			"                                                         last run 12 ms · 3 rows"},
		{"error", []tea.Msg{ErrorMsg{Err: errors.New("saving fixtures/a.yaml: disk full\nmore")}},
			"✗ saving fixtures/a.yaml: disk full …"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := send(newBar(), tt.msgs...)
			view := m.View()
			if w := ansi.StringWidth(view); w != 80 {
				t.Errorf("width %d, want 80", w)
			}
			if got := strings.TrimRight(ansi.Strip(view), " "); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestErrorClearsOnNextKey(t *testing.T) {
	m, _ := send(newBar(), ReportError(errors.New("boom"))())
	if m.Err() == nil {
		t.Fatal("error not shown")
	}
	m, _ = send(m, tea.KeyPressMsg{Code: 'j', Text: "j"})
	if m.Err() != nil || strings.Contains(ansi.Strip(m.View()), "boom") {
		t.Error("error survived a key press")
	}
}

func TestFailedRunShowsError(t *testing.T) {
	m, _ := send(newBar(), RunStartedMsg{Label: "q"}, RunFinishedMsg{Err: errors.New("syntax error at 3:7")})
	if m.Busy() || m.Err() == nil {
		t.Errorf("busy %v err %v", m.Busy(), m.Err())
	}
}

func TestSpinnerTicksOnlyWhileBusy(t *testing.T) {
	m, cmd := send(newBar(), RunStartedMsg{Label: "q"})
	if cmd == nil {
		t.Fatal("no tick when a run starts")
	}
	tick := cmd().(spinner.TickMsg)
	if _, cmd = m.Update(tick); cmd == nil {
		t.Error("spinner stopped while busy")
	}
	m, _ = send(m, RunFinishedMsg{})
	if _, cmd = m.Update(tick); cmd != nil {
		t.Error("spinner still ticking when idle")
	}
}

func TestNarrowWidthTruncates(t *testing.T) {
	m, _ := send(newBar(), StartupMsg{Step: Ready, Version: "17.5", Addr: "127.0.0.1:54321"},
		RunFinishedMsg{Took: 1500 * time.Millisecond, Rows: 1})
	m.SetWidth(30)
	view := ansi.Strip(m.View())
	if ansi.StringWidth(view) != 30 || !strings.HasSuffix(view, "last run 1.50 s · 1 row") {
		t.Errorf("narrow view %q", view)
	}
}

// A good run clears a failed run's error; ClearErrorMsg clears only the
// error it names; a reported error outlives a good run.
func TestFixedErrorsClear(t *testing.T) {
	m, _ := send(newBar(), RunFinishedMsg{Err: errors.New("syntax error")}, RunStartedMsg{Label: "q"}, RunFinishedMsg{})
	if m.Err() != nil {
		t.Errorf("a good run left the failed run's error: %v", m.Err())
	}
	file := errors.New("schema/events.sql:4:8: syntax error")
	m, _ = send(newBar(), ErrorMsg{Err: file}, RunFinishedMsg{}, ClearErrorMsg{Err: errors.New("other")})
	if m.Err() != file {
		t.Errorf("err = %v, want the file's error to stay", m.Err())
	}
	if m, _ = send(m, ClearErrorMsg{Err: file}); m.Err() != nil {
		t.Errorf("ClearErrorMsg left %v", m.Err())
	}
}
