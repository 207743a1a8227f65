package highlight

import (
	"bytes"
	"strings"
	"testing"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/jig-sql/jig/tui/styles"
)

const demo = "-- net revenue\nSELECT\n\tSUM(o.gross_revenue + o.discount) AS net_revenue\nFROM orders AS o\nWHERE o.status = 'paid' AND o.n > 2;"

// Highlighting never changes the text: stripped, every line is the plain
// line, tabs expanded.
func TestLinesKeepTheText(t *testing.T) {
	lines := Lines(demo, styles.NewStyles(true).SQL)
	plain := Plain(demo)
	if len(lines) != len(plain) {
		t.Fatalf("%d lines, want %d", len(lines), len(plain))
	}
	for i := range lines {
		if got := ansi.Strip(lines[i]); got != plain[i] {
			t.Errorf("line %d: %q, want %q", i, got, plain[i])
		}
	}
	if plain[2] != "    SUM(o.gross_revenue + o.discount) AS net_revenue" {
		t.Errorf("tab not expanded: %q", plain[2])
	}
}

// Keywords, strings, numbers and comments each get their theme style.
func TestLinesPaintTokenKinds(t *testing.T) {
	st := styles.NewStyles(true).SQL
	all := strings.Join(Lines(demo, st), "\n")
	for _, want := range []string{
		st.Keyword.Render("SELECT"), st.String.Render("'paid'"), st.Number.Render("2"),
		st.Comment.Render("-- net revenue"), st.Text.Render("net_revenue"),
	} {
		if !strings.Contains(all, want) {
			t.Errorf("no %q in\n%q", want, all)
		}
	}
}

// Under NO_COLOR (the ASCII profile) no colour is left, and keywords stay
// bold, so the query keeps its shape.
func TestNoColorKeepsBoldKeywords(t *testing.T) {
	var buf bytes.Buffer
	w := &colorprofile.Writer{Forward: &buf, Profile: colorprofile.Ascii}
	w.WriteString(strings.Join(Lines(demo, styles.NewStyles(true).SQL), "\n"))
	out := buf.String()
	if strings.Contains(out, "38;") || strings.Contains(out, "48;") {
		t.Errorf("colour codes left under NO_COLOR: %q", out)
	}
	if !strings.Contains(out, "\x1b[1mSELECT") {
		t.Errorf("SELECT is not bold under NO_COLOR: %q", out)
	}
}
