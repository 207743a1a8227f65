package engine_test

import (
	"bufio"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// docsCorpus holds Redshift's documented function examples: each page's
// SQL with the output the page shows (format described at its top).
const docsCorpus = "../workspace/redshift/testdata/docs_examples.txt"

// docExample is one example of the corpus.
type docExample struct {
	id, url, setup, sql string
	wantErr             bool       // the page shows an error
	want                [][]string // column names, then one slice per row
}

// loadDocExamples reads the corpus: the examples in file order and the
// setup blocks by name.
func loadDocExamples(tb testing.TB) ([]docExample, map[string]string) {
	tb.Helper()
	f, err := os.Open(docsCorpus)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	p := &corpusParser{setups: map[string]string{}}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		if !p.line(sc.Text()) {
			tb.Fatalf("%s:%d: unexpected line %q", docsCorpus, n, sc.Text())
		}
	}
	p.flush()
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return p.exs, p.setups
}

// corpusParser reads the corpus a line at a time.
type corpusParser struct {
	exs            []docExample
	setups         map[string]string
	cur            *docExample // the example being read, nil in a setup block
	setup, section string      // the setup block's name; "sql" or "output"
	body           []string    // the section's lines so far
}

// line takes one line of the corpus; false means it fits nowhere.
func (p *corpusParser) line(line string) bool {
	switch {
	case strings.HasPrefix(line, "#") && p.section == "":
	case strings.HasPrefix(line, "=== "):
		p.flush()
		p.section, p.setup, p.cur = "", "", nil
		if name, ok := strings.CutPrefix(line, "=== setup "); ok {
			p.setup = name
			return true
		}
		p.exs = append(p.exs, docExample{id: strings.TrimPrefix(line, "=== ")})
		p.cur = &p.exs[len(p.exs)-1]
	case p.section != "sql" && p.cur != nil && strings.HasPrefix(line, "url: "):
		p.cur.url = strings.TrimPrefix(line, "url: ")
	case p.section != "sql" && p.cur != nil && strings.HasPrefix(line, "setup: "):
		p.cur.setup = strings.TrimPrefix(line, "setup: ")
	case line == "sql:" || line == "output:":
		p.flush()
		p.section = strings.TrimSuffix(line, ":")
	case line == "output: error" && p.cur != nil:
		p.flush()
		p.cur.wantErr, p.section = true, ""
	case p.section != "":
		p.body = append(p.body, line)
	default:
		return strings.TrimSpace(line) == ""
	}
	return true
}

// flush ends the section being read.
func (p *corpusParser) flush() {
	text := strings.TrimSpace(strings.Join(p.body, "\n"))
	switch {
	case p.setup != "":
		p.setups[p.setup] = text
	case p.cur != nil && p.section == "sql":
		p.cur.sql = text
	case p.cur != nil && p.section == "output":
		for _, l := range p.body {
			if l = strings.TrimSpace(l); l != "" {
				p.cur.want = append(p.cur.want, strings.Split(l, " | "))
			}
		}
	}
	p.body = nil
}

// fraction matches a time's fractional seconds, to compare 00:00:00.5550
// (as Redshift prints it) with 00:00:00.555 and 19:30:00.0 with 19:30:00.
var fraction = regexp.MustCompile(`(\d\d:\d\d:\d\d)\.(\d+)`)

// normCell is a cell as compared: trimmed (the pages align columns with
// spaces), booleans spelled out, time fractions without trailing zeros.
func normCell(s string) string {
	s = strings.TrimSpace(s)
	switch s {
	case "t":
		return "true"
	case "f":
		return "false"
	}
	return fraction.ReplaceAllStringFunc(s, func(m string) string {
		return strings.TrimSuffix(strings.TrimRight(m, "0"), ".")
	})
}

// sameCell compares a documented cell with the local one. A documented
// number with k decimals matches a local number that rounds to it at k
// decimals (the pages print 0.21 for 0.2086 and 10.0 for 10); integers must
// be equal digit for digit.
func sameCell(want, got string) bool {
	want, got = normCell(want), normCell(got)
	if want == got {
		return true
	}
	w, err1 := strconv.ParseFloat(want, 64)
	g, err2 := strconv.ParseFloat(got, 64)
	if err1 != nil || err2 != nil {
		return false
	}
	k := 0
	if _, dec, ok := strings.Cut(want, "."); ok {
		k = len(dec)
	} else if strings.Contains(got, "e") || math.Abs(g) > 1e15 {
		return false // large integers: float64 cannot tell them apart
	}
	p := math.Pow(10, float64(k))
	return math.Abs(math.Round(g*p)-math.Round(w*p)) < 0.5
}

// sameRows reports whether got holds the documented rows in any order
// (the pages print many results whose order the query leaves open).
func sameRows(want, got [][]string) bool {
	if len(want) != len(got) {
		return false
	}
	used := make([]bool, len(got))
	for _, w := range want {
		found := false
		for j, g := range got {
			if !used[j] && sameRow(w, g) {
				used[j], found = true, true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func sameRow(want, got []string) bool {
	if len(want) != len(got) {
		return false
	}
	for i := range want {
		if !sameCell(want[i], got[i]) {
			return false
		}
	}
	return true
}
