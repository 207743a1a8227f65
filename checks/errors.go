package checks

import (
	"fmt"
	"sort"
	"strings"
)

// Pos is a place in a config file, 1-based. It is how a Result points back
// at the entry that produced it.
type Pos struct {
	File string
	Line int
	Col  int
}

// String formats the position as file:line:col, the form editors jump to.
func (p Pos) String() string { return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col) }

// ConfigError is one mistake in a checks file, at the line and column where
// it is. It has the same shape as workspace's positioned error so callers can
// show both the same way; checks keeps its own to stay importable on its own.
type ConfigError struct {
	File string
	Line int
	Col  int
	Msg  string
	// Hint is an optional second line, usually "did you mean `column`?".
	Hint string
}

// Error renders "file:line:col: msg" plus an indented hint line when there is one.
func (e *ConfigError) Error() string {
	s := fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
	if e.Hint != "" {
		s += "\n  hint: " + e.Hint
	}
	return s
}

// ConfigErrors is every mistake found in one or more files, in file and
// position order. Decoding never stops at the first one: fixing config is
// quicker when all of it is reported at once.
type ConfigErrors []*ConfigError

// Error joins the errors one per line (hints on their own indented lines).
func (es ConfigErrors) Error() string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.Error()
	}
	return strings.Join(parts, "\n")
}

// Unwrap lets errors.As find an individual *ConfigError.
func (es ConfigErrors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// sortErrors orders errors by file, line and column, keeping the order of
// errors reported at the same place.
func sortErrors(es ConfigErrors) {
	sort.SliceStable(es, func(i, j int) bool {
		a, b := es[i], es[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

// didYouMean is the hint for a misspelt name, or "" when nothing is close.
func didYouMean(name string, candidates []string) string {
	if n := nearest(name, candidates); n != "" {
		return "did you mean `" + n + "`?"
	}
	return ""
}

// nearest returns the candidate closest to name by edit distance, or "" when
// none is close enough to be a plausible typo (at most a third of the
// longer name, and never more than 3 edits).
func nearest(name string, candidates []string) string {
	best, bestD := "", -1
	for _, c := range candidates {
		d := levenshtein(strings.ToLower(name), strings.ToLower(c))
		if bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	limit := max(len(name), len(best))/3 + 1
	if bestD < 0 || bestD > min(limit, 3) || bestD == len(name) {
		return ""
	}
	return best
}

// levenshtein is the edit distance between a and b in runes.
func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
