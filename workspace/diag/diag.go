package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// PosError is one problem in one workspace file, at a 1-based line and
// column (columns count characters, not bytes), so an editor can jump to it.
type PosError struct {
	File string // path relative to the workspace, slash-separated
	Line int
	Col  int
	Msg  string
	Hint string // optional: what to do about it, e.g. "did you mean `dialect`?"
}

// Error formats the error as file:line:col: msg, with the hint on its own line.
func (e *PosError) Error() string {
	s := fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
	if e.Hint != "" {
		s += "\n  hint: " + e.Hint
	}
	return s
}

// Errors is every problem found in one run, so a user fixes them all at once
// instead of one per run. A nil or empty Errors is not returned as an error.
type Errors []*PosError

// Error lists the errors one per line (hints indented below their error).
func (es Errors) Error() string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.Error()
	}
	return strings.Join(parts, "\n")
}

// Sort orders the errors by file, line and column.
func (es Errors) Sort() {
	slices.SortStableFunc(es, func(a, b *PosError) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
	})
}

// Err returns the sorted errors as an error, or nil when there are none.
func (es Errors) Err() error {
	if len(es) == 0 {
		return nil
	}
	es.Sort()
	return es
}

// Add appends a positioned error; the message is format applied to args.
func (es *Errors) Add(file string, line, col int, hint, format string, args ...any) {
	*es = append(*es, &PosError{File: file, Line: line, Col: col, Msg: fmt.Sprintf(format, args...), Hint: hint})
}

// LineCol converts a 0-based byte offset into text to a 1-based line and
// column, counting columns in characters. Offsets past the end clamp to the
// end; an offset inside a multi-byte character counts as that character.
func LineCol(text string, offset int) (line, col int) {
	offset = max(0, min(offset, len(text)))
	line, col = 1, 1
	for i := 0; i < offset; {
		r, n := utf8.DecodeRuneInString(text[i:])
		if i+n > offset {
			break
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += n
	}
	return line, col
}

// Offset is LineCol backwards: the byte offset of a 1-based line and
// column (characters) of text. A column past its line's end is the start
// of the next line; a place past the end of text is len(text).
func Offset(text string, line, col int) int {
	l, c := 1, 1
	for i, r := range text {
		if l == line && c == col || l > line {
			return i
		}
		if r == '\n' {
			l, c = l+1, 1
		} else {
			c++
		}
	}
	return len(text)
}

// Nearest returns the candidate closest to name by edit distance, or "" when
// none is close enough to be a plausible typo (more than a third of the
// longer word changed). Comparison ignores case.
func Nearest(name string, candidates []string) string {
	best, bestDist := "", -1
	lname := strings.ToLower(name)
	for _, c := range candidates {
		d := levenshtein(lname, strings.ToLower(c))
		if bestDist < 0 || d < bestDist {
			best, bestDist = c, d
		}
	}
	limit := max(utf8.RuneCountInString(name), utf8.RuneCountInString(best))/3 + 1
	if bestDist < 0 || bestDist > limit || bestDist == utf8.RuneCountInString(name) {
		return ""
	}
	return best
}

// DidYouMean is the hint for a misspelt name: "did you mean `x`?" with the
// Nearest candidate, or "" when none is near. Every hint of this kind in
// jig's domain packages comes from here, so they read the same.
func DidYouMean(name string, candidates []string) string {
	if n := Nearest(name, candidates); n != "" {
		return "did you mean `" + n + "`?"
	}
	return ""
}

// levenshtein is the edit distance between a and b, in runes.
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
