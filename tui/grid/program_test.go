package grid

import (
	"bytes"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"
)

// host is the smallest program around a grid: it sizes it, opens the
// editor on enter, writes committed text back, and quits on q only when no
// cell is being edited.
type host struct {
	grid Model
	src  *SliceSource
}

func (h host) Init() tea.Cmd { return nil }

func (h host) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		h.grid.SetSize(msg.Width, msg.Height)
		return h, nil
	case EditedMsg:
		h.src.Rows[msg.Row][msg.Col] = Cell{Text: msg.Text, Kind: Override}
		return h, nil
	case tea.KeyPressMsg:
		if !h.grid.Editing() {
			switch msg.String() {
			case "q":
				return h, tea.Quit
			case "enter":
				r, c := h.grid.Current()
				h.grid.StartEdit(h.src.Cell(r, c).Text)
				return h, nil
			}
		}
	}
	var cmd tea.Cmd
	h.grid, cmd = h.grid.Update(msg)
	return h, cmd
}

func (h host) View() tea.View { return tea.NewView(h.grid.View()) }

func TestProgramEditsACell(t *testing.T) {
	src := diffSource()
	g := New(src, testStyles())
	g.Focus()
	tm := teatest.NewTestModel(t, host{grid: g, src: src}, teatest.WithInitialTermSize(60, 12))
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte("firefox")) },
		teatest.WithDuration(3*time.Second))

	tm.Send(tea.KeyPressMsg{Code: tea.KeyDown})
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	tm.Send(tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}) // clear the old text
	tm.Type("quokka")                                     // q must be a letter here
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte("quokka")) },
		teatest.WithDuration(3*time.Second))
	tm.Type("q")

	final := tm.FinalModel(t, teatest.WithFinalTimeout(3*time.Second)).(host)
	if got := final.src.Rows[1][0]; got.Text != "quokka" || got.Kind != Override {
		t.Errorf("row 1 col 0 = %+v, want the override quokka", got)
	}
}
