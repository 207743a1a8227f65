package checks

import (
	"regexp"
	"regexp/syntax"
	"strings"
)

// matching builds a short string that pattern matches, walking Go's parse
// of it (RE2 and POSIX agree on the common part: literals, classes,
// repetition, alternation, anchors). It reports false when RE2 cannot parse
// the pattern or the string it built does not match after all.
func matching(pattern string) (string, bool) {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return "", false
	}
	var b strings.Builder
	if !build(&b, re.Simplify()) {
		return "", false
	}
	s := b.String()
	ok, err := regexp.MatchString(pattern, s)
	return s, err == nil && ok
}

// build writes the shortest string re matches, picking first alternatives.
func build(b *strings.Builder, re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpLiteral:
		b.WriteString(string(re.Rune))
	case syntax.OpCharClass:
		if len(re.Rune) == 0 {
			return false
		}
		b.WriteRune(classRune(re.Rune))
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		b.WriteByte('a')
	case syntax.OpPlus:
		return build(b, re.Sub[0])
	case syntax.OpRepeat:
		for i := 0; i < re.Min; i++ {
			if !build(b, re.Sub[0]) {
				return false
			}
		}
	case syntax.OpCapture:
		return build(b, re.Sub[0])
	case syntax.OpConcat:
		for _, s := range re.Sub {
			if !build(b, s) {
				return false
			}
		}
	case syntax.OpAlternate:
		return build(b, re.Sub[0])
	case syntax.OpNoMatch:
		return false
	}
	// Empty matches, stars, quests and anchors add nothing.
	return true
}

// classRune picks a readable rune from a character class's ranges: a
// letter or digit when the class has one, else its first rune.
func classRune(ranges []rune) rune {
	for i := 0; i+1 < len(ranges); i += 2 {
		for _, r := range "a0A_" {
			if ranges[i] <= r && r <= ranges[i+1] {
				return r
			}
		}
	}
	return ranges[0]
}
