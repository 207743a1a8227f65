package statusbar

import (
	"fmt"
	"github.com/jig-sql/jig/workspace/diag"
	"strings"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// barWidth is the download progress bar's width in cells.
const barWidth = 16

// View renders one line of exactly the set width: start-up state (or the
// error) on the left, the run on the right.
func (m Model) View() string {
	if m.width == 0 {
		return ""
	}
	left := m.startupView()
	if m.err != nil {
		left = m.st.Error.Render("✗ " + oneLine(m.err.Error()))
	}
	right := m.runView()
	gap := m.width - ansi.StringWidth(left) - ansi.StringWidth(right)
	if gap < 1 {
		left = ansi.Truncate(left, max(m.width-ansi.StringWidth(right)-1, 0), "…")
		gap = m.width - ansi.StringWidth(left) - ansi.StringWidth(right)
	}
	line := ansi.Truncate(left+strings.Repeat(" ", max(gap, 0))+right, m.width, "…")
	return m.st.Bar.Render(line + strings.Repeat(" ", m.width-ansi.StringWidth(line)))
}

func (m Model) startupView() string {
	s := m.startup
	spin := m.spinner.View() + " "
	switch s.Step {
	case Downloading:
		return spin + m.st.Busy.Render("downloading Postgres "+s.Version) + " " + m.progress(s.Done, s.Total)
	case Initialising:
		return spin + m.st.Busy.Render("initialising the data directory")
	case Starting:
		return spin + m.st.Busy.Render("starting Postgres "+s.Version)
	case ApplyingSchema:
		return spin + m.st.Busy.Render("applying schema") + m.st.Muted.Render(prefixed(" ", s.Detail))
	case Ready:
		return m.st.OK.Render(fmt.Sprintf("● Postgres %s on %s", s.Version, s.Addr))
	case Failed:
		return m.st.Error.Render("✗ Postgres did not start") + m.st.Muted.Render(prefixed(" ", s.Detail))
	}
	return ""
}

// progress draws a bar of bytes done out of total, then the figures.
func (m Model) progress(done, total int64) string {
	if total <= 0 {
		return m.st.Muted.Render(bytes(done))
	}
	n := int(min(max(done*barWidth/total, 0), barWidth))
	full := lipgloss.NewStyle().Foreground(m.st.ProgressFull).Render(strings.Repeat("█", n))
	empty := lipgloss.NewStyle().Foreground(m.st.ProgressEmpty).Render(strings.Repeat("░", barWidth-n))
	return full + empty + m.st.Muted.Render(" "+bytes(done)+" / "+bytes(total))
}

func (m Model) runView() string {
	switch {
	case m.busy != "":
		return m.spinner.View() + " " + m.st.Busy.Render("running "+m.busy+"…")
	case m.ran:
		return m.st.Muted.Render(fmt.Sprintf("last run %s · %s", Duration(m.took), Plural(m.rows, "row")))
	}
	return ""
}

// bytes formats a byte count the way download sizes are read.
func bytes(n int64) string {
	const mb = 1 << 20
	if n < mb {
		return fmt.Sprintf("%d kB", n>>10)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/mb)
}

// Duration formats a run's time: "12 ms" below a second, "1.25 s" above.
func Duration(d time.Duration) string {
	if d < time.Second {
		return fmt.Sprintf("%d ms", d.Milliseconds())
	}
	return fmt.Sprintf("%.2f s", d.Seconds())
}

// Plural is diag.Plural, for the panes that count with the status bar.
func Plural(n int, noun string) string { return diag.Plural(n, noun) }

func prefixed(p, s string) string {
	if s == "" {
		return ""
	}
	return p + s
}

// oneLine keeps a multi-line error to its first line.
func oneLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " …"
	}
	return s
}
