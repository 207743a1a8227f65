package rows

import (
	"math"
	"strconv"
)

// spec is what a column's simple CHECK conditions require of a default:
// the conjuncts the factory understands, read off the expression so the
// default is built to meet them instead of being tried until it does.
type spec struct {
	allowed, forbidden []string
	lo, hi             float64
	hasLo, hasHi       bool
	loExcl, hiExcl     bool
	minLen, maxLen     int
}

// deriveSpec collects the conditions on subject among the top-level AND
// conjuncts of a CHECK expression.
func deriveSpec(n node, subject string, s *spec) {
	switch n := n.(type) {
	case nBool:
		if n.and {
			deriveSpec(n.l, subject, s)
			deriveSpec(n.r, subject, s)
		}
	case nCmp:
		deriveCmp(n, subject, s)
	case nQuant:
		if !isSubject(n.l, subject) {
			return
		}
		lits := literals(n.list)
		switch {
		case n.op == "=" && !n.all && lits != nil:
			s.allowed = intersect(s.allowed, lits)
		case (n.op == "<>" || n.op == "!=") && n.all:
			s.forbidden = append(s.forbidden, lits...)
		}
	case nBetween:
		if !n.not && isSubject(n.x, subject) {
			deriveCmp(nCmp{op: ">=", l: n.x, r: n.lo}, subject, s)
			deriveCmp(nCmp{op: "<=", l: n.x, r: n.hi}, subject, s)
		}
	}
}

func deriveCmp(n nCmp, subject string, s *spec) {
	op := n.op
	if isSubject(n.r, subject) { // 0 < x reads as x > 0
		n.l, n.r = n.r, n.l
		op = map[string]string{"<": ">", "<=": ">=", ">": "<", ">=": "<="}[op]
		if op == "" {
			op = n.op
		}
	}
	if f, ok := n.l.(nFunc); ok && len(f.args) == 1 && isSubject(f.args[0], subject) &&
		(f.name == "length" || f.name == "char_length" || f.name == "character_length") {
		if v, ok := constant(n.r); ok {
			if k, err := strconv.Atoi(v); err == nil {
				lengthBound(op, k, s)
			}
		}
		return
	}
	v, ok := constant(n.r)
	if !isSubject(n.l, subject) || !ok {
		return
	}
	switch op {
	case "=":
		s.allowed = intersect(s.allowed, []string{v})
	case "<>", "!=":
		s.forbidden = append(s.forbidden, v)
	case ">", ">=", "<", "<=":
		numBound(op, v, s)
	}
}

func lengthBound(op string, k int, s *spec) {
	switch op {
	case "<":
		k--
		fallthrough
	case "<=", "=":
		if s.maxLen == 0 || k < s.maxLen {
			s.maxLen = max(k, 0)
		}
		if op != "=" {
			return
		}
		fallthrough
	case ">=":
		s.minLen = max(s.minLen, k)
	case ">":
		s.minLen = max(s.minLen, k+1)
	}
}

func numBound(op, v string, s *spec) {
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(f) {
		return
	}
	if op[0] == '>' {
		if !s.hasLo || f > s.lo || f == s.lo && op == ">" {
			s.lo, s.hasLo, s.loExcl = f, true, op == ">"
		}
		return
	}
	if !s.hasHi || f < s.hi || f == s.hi && op == "<" {
		s.hi, s.hasHi, s.hiExcl = f, true, op == "<"
	}
}

func isSubject(n node, subject string) bool {
	for {
		switch x := n.(type) {
		case nCast:
			n = x.x
		case nCol:
			return x.name == subject
		default:
			return false
		}
	}
}

// constant is the text of a literal, through casts.
func constant(n node) (string, bool) {
	for {
		switch x := n.(type) {
		case nCast:
			n = x.x
		case nLit:
			return x.text, !x.null
		default:
			return "", false
		}
	}
}

func literals(n node) []string {
	for {
		c, ok := n.(nCast)
		if !ok {
			break
		}
		n = c.x
	}
	a, ok := n.(nArray)
	if !ok {
		return nil
	}
	out := make([]string, 0, len(a.elems))
	for _, e := range a.elems {
		v, ok := constant(e)
		if !ok {
			return nil
		}
		out = append(out, v)
	}
	return out
}

func intersect(have, add []string) []string {
	if have == nil {
		return add
	}
	var out []string
	for _, h := range have {
		for _, a := range add {
			if h == a {
				out = append(out, h)
				break
			}
		}
	}
	if out == nil {
		out = []string{} // nothing satisfies both: keep it empty, not "any"
	}
	return out
}
