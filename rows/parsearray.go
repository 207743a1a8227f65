package rows

import (
	"fmt"
	"strings"

	"github.com/jig-sql/jig/workspace"
)

// arrayNode is a parsed array literal: elements or sub-arrays.
type arrayNode struct {
	elems []arrayElem
	subs  []*arrayNode
}

type arrayElem struct {
	text string
	null bool
}

// parseArray reads a Postgres array literal ({1,2}, {{a,b},{c,d}},
// {"x y",NULL}), parses every element as the element type, and prints it
// back in Postgres's output form.
func parseArray(t workspace.Type, k kind, s string) (string, error) {
	s = strings.TrimSpace(s)
	p := &arrayParser{s: s}
	root, ok := p.array()
	if !ok || strings.TrimSpace(p.s[p.i:]) != "" || !root.rectangular() {
		return "", parseError(t, k, s, "not an array literal like "+arrayExample(t, k))
	}
	elem := t
	elem.ArrayDims, elem.Domain = 0, nil
	for strings.HasSuffix(elem.Name, "[]") {
		elem.Name = strings.TrimSuffix(elem.Name, "[]")
	}
	b, err := root.format(nil, elem, k)
	if err != nil {
		return "", err
	}
	return string(b), nil
}

func arrayExample(t workspace.Type, k kind) string {
	e := example(t, k)
	return "{" + string(appendArrayElem(nil, e)) + "," + string(appendArrayElem(nil, e)) + "}"
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

func (p *arrayParser) array() (*arrayNode, bool) {
	p.skipSpace()
	if p.i >= len(p.s) || p.s[p.i] != '{' {
		return nil, false
	}
	p.i++
	n := &arrayNode{}
	p.skipSpace()
	if p.i < len(p.s) && p.s[p.i] == '}' {
		p.i++
		return n, true
	}
	for {
		p.skipSpace()
		if p.i < len(p.s) && p.s[p.i] == '{' {
			sub, ok := p.array()
			if !ok || len(n.elems) > 0 {
				return nil, false
			}
			n.subs = append(n.subs, sub)
		} else {
			e, ok := p.elem()
			if !ok || len(n.subs) > 0 {
				return nil, false
			}
			n.elems = append(n.elems, e)
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
func (p *arrayParser) elem() (arrayElem, bool) {
	var b strings.Builder
	quoted, any := false, false
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
				return arrayElem{}, false
			}
			b.WriteByte(p.s[p.i])
			any = true
			continue
		case quoted && c == '"':
			p.i++
			return arrayElem{text: b.String()}, true
		case !quoted && (c == ',' || c == '}'):
			text := strings.TrimRight(b.String(), " \t\n\r\v\f")
			if text == "" {
				return arrayElem{}, false
			}
			return arrayElem{text: text, null: !any && strings.EqualFold(text, "null")}, true
		case !quoted && (c == '{' || c == '"'):
			return arrayElem{}, false
		}
		b.WriteByte(c)
	}
	return arrayElem{}, false
}

// rectangular reports matching sub-array sizes at every depth.
func (n *arrayNode) rectangular() bool {
	for _, s := range n.subs {
		if !s.rectangular() || len(s.elems) != len(n.subs[0].elems) || len(s.subs) != len(n.subs[0].subs) {
			return false
		}
	}
	return len(n.subs) == 0 || n.subs[0].depth() == n.subs[len(n.subs)-1].depth()
}

func (n *arrayNode) depth() int {
	if len(n.subs) == 0 {
		return 1
	}
	return 1 + n.subs[0].depth()
}

func (n *arrayNode) format(b []byte, elem workspace.Type, k kind) ([]byte, error) {
	b = append(b, '{')
	for i, s := range n.subs {
		if i > 0 {
			b = append(b, ',')
		}
		var err error
		if b, err = s.format(b, elem, k); err != nil {
			return nil, err
		}
	}
	for i, e := range n.elems {
		if i > 0 {
			b = append(b, ',')
		}
		if e.null {
			b = append(b, "NULL"...)
			continue
		}
		text, err := parseScalar(elem, k, e.text, true)
		if err != nil {
			return nil, fmt.Errorf("array element %d: %w", i+1, err)
		}
		b = appendArrayElem(b, text)
	}
	return append(b, '}'), nil
}
