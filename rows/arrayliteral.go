package rows

import (
	"errors"
	"regexp"
	"strings"
)

// ArrayLiteral is a parsed Postgres array literal: {1,2}, {{a,b},{c,d}},
// {"x y",NULL}, [0:1]={a,b}. A level holds either elements or sub-arrays,
// never both (Postgres's rule); an empty array has neither. It is jig's one
// reader of array text: the factory parses overrides with it and the
// engine compares array results with it.
type ArrayLiteral struct {
	// Bounds is the explicit dimension decoration before "=" as written
	// ("[0:1]"), "" when absent (every lower bound 1).
	Bounds string
	Elems  []ArrayElem
	Subs   []*ArrayLiteral
}

// ArrayElem is one element: its text with quotes and backslash escapes
// removed, or NULL (an unquoted, unescaped NULL in any case).
type ArrayElem struct {
	Text string
	Null bool
}

// errNotArray is what every malformed literal reports; callers say what
// was expected in their own terms.
var errNotArray = errors.New("not an array literal")

var boundsRE = regexp.MustCompile(`^((?:\[\s*[+-]?\d+\s*(?::\s*[+-]?\d+\s*)?\])+)\s*=`)

// ParseArrayLiteral reads a whole array literal, with Postgres's rules:
// elements quoted with "..." or bare, backslash escapes in both, space
// around elements ignored, sub-arrays of one depth and size (rectangular).
func ParseArrayLiteral(s string) (*ArrayLiteral, error) {
	s = strings.TrimSpace(s)
	bounds := ""
	if m := boundsRE.FindStringSubmatch(s); m != nil {
		bounds, s = m[1], s[len(m[0]):]
	}
	p := &arrayParser{s: s}
	root, ok := p.array()
	if !ok || strings.TrimSpace(p.s[p.i:]) != "" || !root.rectangular() {
		return nil, errNotArray
	}
	root.Bounds = bounds
	return root, nil
}

type arrayParser struct {
	s string
	i int
}

func (p *arrayParser) skipSpace() {
	for p.i < len(p.s) && strings.IndexByte(" \t\n\r\v\f", p.s[p.i]) >= 0 {
		p.i++
	}
}

func (p *arrayParser) array() (*ArrayLiteral, bool) {
	p.skipSpace()
	if p.i >= len(p.s) || p.s[p.i] != '{' {
		return nil, false
	}
	p.i++
	n := &ArrayLiteral{}
	p.skipSpace()
	if p.i < len(p.s) && p.s[p.i] == '}' {
		p.i++
		return n, true
	}
	for {
		p.skipSpace()
		if p.i < len(p.s) && p.s[p.i] == '{' {
			sub, ok := p.array()
			if !ok || len(n.Elems) > 0 {
				return nil, false
			}
			n.Subs = append(n.Subs, sub)
		} else {
			e, ok := p.elem()
			if !ok || len(n.Subs) > 0 {
				return nil, false
			}
			n.Elems = append(n.Elems, e)
		}
		p.skipSpace()
		if p.i >= len(p.s) {
			return nil, false
		}
		c := p.s[p.i]
		p.i++
		if c == '}' {
			return n, true
		}
		if c != ',' {
			return nil, false
		}
	}
}

// elem reads one element: "quoted" or bare, backslash escapes in both.
func (p *arrayParser) elem() (ArrayElem, bool) {
	var b strings.Builder
	quoted, escaped := false, false
	if p.i < len(p.s) && p.s[p.i] == '"' {
		quoted = true
		p.i++
	}
	for ; p.i < len(p.s); p.i++ {
		c := p.s[p.i]
		switch {
		case c == '\\':
			p.i++
			if p.i >= len(p.s) {
				return ArrayElem{}, false
			}
			b.WriteByte(p.s[p.i])
			escaped = true
			continue
		case quoted && c == '"':
			p.i++
			return ArrayElem{Text: b.String()}, true
		case !quoted && (c == ',' || c == '}'):
			text := strings.TrimRight(b.String(), " \t\n\r\v\f")
			if text == "" {
				return ArrayElem{}, false
			}
			return ArrayElem{Text: text, Null: !escaped && strings.EqualFold(text, "null")}, true
		case !quoted && (c == '{' || c == '"'):
			return ArrayElem{}, false
		}
		b.WriteByte(c)
	}
	return ArrayElem{}, false
}

// rectangular reports matching sub-array sizes at every depth.
func (n *ArrayLiteral) rectangular() bool {
	for _, s := range n.Subs {
		if !s.rectangular() || len(s.Elems) != len(n.Subs[0].Elems) || len(s.Subs) != len(n.Subs[0].Subs) {
			return false
		}
	}
	return len(n.Subs) == 0 || n.Subs[0].depth() == n.Subs[len(n.Subs)-1].depth()
}

func (n *ArrayLiteral) depth() int {
	if len(n.Subs) == 0 {
		return 1
	}
	return 1 + n.Subs[0].depth()
}
