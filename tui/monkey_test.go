package tui

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

var (
	monkeySeed = flag.Uint64("monkey.seed", 0, "seed of TestMonkey (0: a fixed default, printed)")
	monkeyKeys = flag.Int("monkey.keys", 4000, "how many random inputs TestMonkey sends")
)

// defaultMonkeySeed keeps the default run the same on every machine; pass
// -monkey.seed to explore, and the seed a failure prints to replay it.
const defaultMonkeySeed = 13

// monkeyKeysPool is every key the workbench binds, in any pane or mode,
// plus text for the editors. Deletes and edits are weighted up so they
// land on empty grids and last rows often.
var monkeyKeysPool = strings.Fields(`
	up down left right h j k l g G 0 $ home end pgup pgdown ctrl+u ctrl+d
	a a a d x x x delete n r u u ctrl+r enter enter o ] [ ] m m O e c z z ? esc esc
	tab tab shift+tab s q y n 1 7 - . x NULL abc ' space`)

// TestMonkey drives the real root model, on the package's Postgres, with
// thousands of random keys, clicks and resizes (down to 1×1, up to
// 200×50), and fails on any panic or broken invariant: cursors in range,
// the grid showing the session's rows, the rows shown being the rows run,
// and every frame exactly the terminal's size.
func TestMonkey(t *testing.T) {
	if testing.Short() {
		t.Skip("thousands of runs on Postgres")
	}
	seed := *monkeySeed
	if seed == 0 {
		seed = defaultMonkeySeed
	}
	t.Logf("monkey seed %d (replay: go test ./tui -run TestMonkey -monkey.seed %d)", seed, seed)
	runMonkey(t, readyDriver(t, nil), seed, *monkeyKeys)
}

// TestMonkeyChain is the monkey on the shop project, whose mart reads
// three staging queries: m mocks and un-mocks them, O walks up the chain.
func TestMonkeyChain(t *testing.T) {
	if testing.Short() {
		t.Skip("thousands of runs on Postgres")
	}
	seed := *monkeySeed
	if seed == 0 {
		seed = defaultMonkeySeed
	}
	t.Logf("monkey seed %d (replay: go test ./tui -run TestMonkeyChain -monkey.seed %d)", seed, seed)
	runMonkey(t, shopDriver(t, 120, 36), seed, *monkeyKeys/4)
}

// runMonkey sends n random inputs to d, checking the model after each.
func runMonkey(t *testing.T, d *driver, seed uint64, n int) {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	mk := &monkey{t: t, d: d, rng: rng, seed: seed, w: 120, h: 36, seen: map[mode]int{}}
	start := time.Now()
	for i := range n {
		mk.step(i)
		if i%40 == 39 {
			mk.settle()
			mk.checkRun()
		}
	}
	t.Logf("%d inputs in %v; %d settled runs compared; inputs by mode %v", n,
		time.Since(start).Round(time.Millisecond), mk.runs, mk.seen)
	if mk.runs == 0 || len(mk.seen) < 4 {
		t.Errorf("the monkey compared %d runs and saw modes %v: it no longer reaches the workbench's states", mk.runs, mk.seen)
	}
}

type monkey struct {
	t    *testing.T
	d    *driver
	rng  *rand.Rand
	seed uint64
	w, h int
	log  []string // the last inputs, for the failure report
	runs int      // settled runs compared with the screen
	seen map[mode]int
}

// step sends one random input and checks the model afterwards.
func (mk *monkey) step(i int) {
	msg, what := mk.input()
	mk.log = append(mk.log, what)
	if len(mk.log) > 30 {
		mk.log = mk.log[1:]
	}
	defer func() {
		if r := recover(); r != nil {
			mk.fail(i, fmt.Sprintf("panic: %v\n%s", r, debug.Stack()))
		}
	}()
	mk.seen[mk.d.m.mode]++
	mk.d.send(msg)
	mk.d.poll(time.Millisecond)
	mk.checkFrame(i)
	mk.checkCursors(i)
}

// input picks the next input: mostly keys, some clicks and wheel turns,
// and now and then a resize.
func (mk *monkey) input() (tea.Msg, string) {
	switch n := mk.rng.IntN(100); {
	case n < 1: // below the minimum, down to 1×1: the "too small" frame
		mk.w, mk.h = 1+mk.rng.IntN(minWidth+10), 1+mk.rng.IntN(minHeight+4)
		return tea.WindowSizeMsg{Width: mk.w, Height: mk.h}, fmt.Sprintf("resize %dx%d", mk.w, mk.h)
	case n < 3:
		mk.w, mk.h = 20+mk.rng.IntN(181), 10+mk.rng.IntN(41)
		return tea.WindowSizeMsg{Width: mk.w, Height: mk.h}, fmt.Sprintf("resize %dx%d", mk.w, mk.h)
	case n < 7:
		x, y := mk.rng.IntN(mk.w), mk.rng.IntN(mk.h)
		return tea.MouseClickMsg{X: x, Y: y, Button: tea.MouseLeft}, fmt.Sprintf("click %d,%d", x, y)
	case n < 9:
		x, y := mk.rng.IntN(mk.w), mk.rng.IntN(mk.h)
		b := []tea.MouseButton{tea.MouseWheelUp, tea.MouseWheelDown, tea.MouseWheelLeft, tea.MouseWheelRight}[mk.rng.IntN(4)]
		return tea.MouseWheelMsg{X: x, Y: y, Button: b}, fmt.Sprintf("wheel %d at %d,%d", b, x, y)
	}
	k := monkeyKeysPool[mk.rng.IntN(len(monkeyKeysPool))]
	return keyPress(k), k
}

// settle lets the newest run finish, so what it ran can be compared with
// what is shown.
func (mk *monkey) settle() {
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		mk.d.poll(5 * time.Millisecond)
		if !mk.d.m.status.Busy() && len(mk.d.ch) == 0 {
			return
		}
	}
	mk.fail(-1, "the workbench did not settle in 20 s")
}

func (mk *monkey) fail(i int, why string) {
	mk.t.Helper()
	mk.t.Fatalf("monkey seed %d, input %d: %s\nlast inputs: %s\nscreen:\n%s", mk.seed, i, why,
		strings.Join(mk.log, " · "), ansi.Strip(mk.d.m.render()))
}

// checkFrame: the frame is exactly the terminal's size.
func (mk *monkey) checkFrame(i int) {
	m := mk.d.m
	lines := strings.Split(m.render(), "\n")
	if len(lines) != m.h {
		mk.fail(i, fmt.Sprintf("the frame has %d lines at %dx%d", len(lines), m.w, m.h))
	}
	for n, l := range lines {
		if w := ansi.StringWidth(l); w != m.w {
			mk.fail(i, fmt.Sprintf("frame line %d is %d wide at %dx%d: %q", n, w, m.w, m.h, ansi.Strip(l)))
		}
	}
}

// checkCursors: every cursor is on something that exists, and the input
// grid shows the session's rows.
func (mk *monkey) checkCursors(i int) {
	m := mk.d.m
	inRange := func(what string, v, n int) {
		if v < 0 || v >= max(n, 1) {
			mk.fail(i, fmt.Sprintf("%s cursor %d outside [0, %d)", what, v, max(n, 1)))
		}
	}
	g := &m.input.grid
	row, col := g.Current()
	inRange("input row", row, g.Len())
	if m.input.src != nil {
		inRange("input column", col, len(g.Source().Columns()))
		// The session's rows, then the parents the factory made for them.
		want := m.sess.RowCount(m.input.table()) + len(m.input.src.parents)
		if got := g.Len(); got != want {
			mk.fail(i, fmt.Sprintf("the input grid shows %d rows of %s, the session and its parents have %d", got, m.input.table(), want))
		}
	}
	r := &m.result.grid
	row, col = r.Current()
	inRange("result row", row, r.Len())
	if r.Source() != nil {
		inRange("result column", col, len(r.Source().Columns()))
	}
	inRange("sidebar", m.sidebar.cursor, len(m.sidebar.items))
	inRange("checks", m.checks.cursor, len(m.checks.res))
}

// checkRun: once settled, the run on screen ran the session's rows, and
// the result grid shows the rows it returned.
func (mk *monkey) checkRun() {
	m := mk.d.m
	if m.live == nil || m.liveGen != m.gen || m.sess == nil || m.live.Result == nil {
		return
	}
	mk.runs++
	given := map[string]int{}
	for _, g := range m.live.Fixture.Given {
		given[g.Table] = len(g.Rows)
	}
	for _, t := range m.sess.Tables {
		if given[t.Name] != len(t.Rows) {
			mk.fail(-1, fmt.Sprintf("%s: %d rows shown, %d ran", t.Name, len(t.Rows), given[t.Name]))
		}
	}
	want := m.live.Total
	if m.live.Comparison != nil && m.live.Fixture.Expect.Rows != nil && m.live.Comparison.Problem == "" {
		want = len(m.live.Comparison.Rows)
	}
	if m.result.src != nil && m.result.grid.Len() != want {
		mk.fail(-1, fmt.Sprintf("the result grid shows %d rows, the run returned %d", m.result.grid.Len(), want))
	}
}
