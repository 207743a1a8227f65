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
	var exs []docExample
	setups := map[string]string{}
	var cur *docExample
	var setupName, section string
	var body []string
	flush := func() {
		text := strings.TrimSpace(strings.Join(body, "\n"))
		switch {
		case setupName != "":
			setups[setupName] = text
		case cur != nil && section == "sql":
			cur.sql = text
		case cur != nil && section == "output":
			for _, l := range body {
				if l = strings.TrimSpace(l); l != "" {
					cur.want = append(cur.want, strings.Split(l, " | "))
				}
			}
		}
		body = nil
	}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "#") && section == "":
		case strings.HasPrefix(line, "=== "):
			flush()
			section, setupName, cur = "", "", nil
			if name, ok := strings.CutPrefix(line, "=== setup "); ok {
				setupName = name
				continue
			}
			exs = append(exs, docExample{id: strings.TrimPrefix(line, "=== ")})
			cur = &exs[len(exs)-1]
		case section != "sql" && strings.HasPrefix(line, "url: ") && cur != nil:
			cur.url = strings.TrimPrefix(line, "url: ")
		case section != "sql" && strings.HasPrefix(line, "setup: ") && cur != nil:
			cur.setup = strings.TrimPrefix(line, "setup: ")
		case line == "sql:" || line == "output:":
			flush()
			section = strings.TrimSuffix(line, ":")
		case line == "output: error" && cur != nil:
			flush()
			cur.wantErr, section = true, ""
		case section != "":
			body = append(body, line)
		case strings.TrimSpace(line) != "":
			tb.Fatalf("%s:%d: unexpected line %q", docsCorpus, n, line)
		}
	}
	flush()
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return exs, setups
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
