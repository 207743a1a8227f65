package diag

import (
	"strings"
	"unicode/utf8"
)

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
