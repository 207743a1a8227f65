package rows

import (
	"fmt"
)

// node is a parsed CHECK expression.
type node interface{}

type (
	nBool struct {
		and  bool
		l, r node
	} // AND / OR
	nNot struct{ x node } //
	nCmp struct {
		op   string
		l, r node
	} // = <> < <= > >= ~~ ~ and friends
	nQuant struct {
		op      string
		all     bool
		l, list node
	} // op ANY/ALL (array)
	nIsNull struct {
		not bool
		x   node
	} //
	nBetween struct {
		not       bool
		x, lo, hi node
	}
	nCol struct{ name string }
	nLit struct {
		text string
		num  bool
		null bool
	}
	nBoolLit struct{ v bool }
	nFunc    struct {
		name string
		args []node
	}
	nArray struct{ elems []node }
	nCast  struct {
		x   node
		typ string
	}
	nOpaque struct{} // something the factory does not evaluate
)

type parser struct {
	toks []token
	pos  int
}

// parseCheck parses a CHECK expression, with or without the CHECK keyword.
func parseCheck(s string) (node, error) {
	toks, err := lexCheck(s)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks}
	if p.isIdent("check") {
		p.pos++
	}
	n := p.or()
	if p.peek().kind != tEOF {
		return nil, fmt.Errorf("unexpected %q", p.peek().text)
	}
	return n, nil
}

func (p *parser) peek() token { return p.toks[p.pos] }
func (p *parser) next() token {
	t := p.toks[p.pos]
	if t.kind != tEOF {
		p.pos++
	}
	return t
}
func (p *parser) isIdent(w string) bool {
	t := p.peek()
	return t.kind == tIdent && !t.quoted && t.text == w
}
func (p *parser) isPunct(s string) bool {
	t := p.peek()
	return t.kind == tPunct && t.text == s
}
func (p *parser) accept(s string) bool {
	if p.isPunct(s) || p.isIdent(s) || p.peek().kind == tOp && p.peek().text == s {
		p.pos++
		return true
	}
	return false
}

func (p *parser) or() node {
	l := p.and()
	for p.accept("or") {
		l = nBool{and: false, l: l, r: p.and()}
	}
	return l
}

func (p *parser) and() node {
	l := p.not()
	for p.accept("and") {
		l = nBool{and: true, l: l, r: p.not()}
	}
	return l
}

func (p *parser) not() node {
	if p.accept("not") {
		return nNot{x: p.not()}
	}
	return p.predicate()
}

var cmpOps = map[string]bool{"=": true, "<>": true, "!=": true, "<": true, "<=": true,
	">": true, ">=": true, "~~": true, "!~~": true, "~": true, "!~": true, "~~*": true, "!~~*": true, "~*": true, "!~*": true}

func (p *parser) predicate() node {
	l := p.additive()
	for {
		t := p.peek()
		switch {
		case t.kind == tOp && cmpOps[t.text]:
			p.pos++
			if p.isIdent("any") || p.isIdent("all") || p.isIdent("some") {
				all := p.next().text == "all"
				l = nQuant{op: t.text, all: all, l: l, list: p.additive()}
				continue
			}
			l = nCmp{op: t.text, l: l, r: p.additive()}
		case p.isIdent("is"):
			p.pos++
			not := p.accept("not")
			if p.accept("null") {
				l = nIsNull{not: not, x: l}
				continue
			}
			return nOpaque{} // IS TRUE, IS DISTINCT FROM …
		case p.isIdent("between") || p.isIdent("not") && p.toks[p.pos+1].text == "between":
			not := p.accept("not")
			p.pos++
			lo := p.additive()
			p.accept("and")
			l = nBetween{not: not, x: l, lo: lo, hi: p.additive()}
		case p.isIdent("in") || p.isIdent("not") && p.toks[p.pos+1].text == "in":
			not := p.accept("not")
			p.pos++
			list := p.primary()
			op, all := "=", false
			if not {
				op, all = "<>", true
			}
			if e, ok := list.(nArray); ok {
				list = e
			}
			l = nQuant{op: op, all: all, l: l, list: list}
		default:
			return l
		}
	}
}

func (p *parser) additive() node {
	l := p.unary()
	for t := p.peek(); t.kind == tOp && (t.text == "+" || t.text == "-" || t.text == "*" ||
		t.text == "/" || t.text == "%" || t.text == "||"); t = p.peek() {
		p.pos++
		l = nFunc{name: t.text, args: []node{l, p.unary()}} // evaluated as unknown
	}
	return l
}

func (p *parser) unary() node {
	if t := p.peek(); t.kind == tOp && t.text == "-" {
		p.pos++
		x := p.unary()
		if lit, ok := x.(nLit); ok && lit.num {
			return nLit{text: "-" + lit.text, num: true}
		}
		return nOpaque{}
	}
	return p.postfix(p.primary())
}

func (p *parser) postfix(x node) node {
	for p.accept("::") {
		x = nCast{x: x, typ: p.typeName()}
	}
	return x
}

// typeName reads the type of a cast: words, a modifier, array brackets.
func (p *parser) typeName() string {
	name := p.next().text
	for p.accept(".") {
		name = p.next().text
	}
	for p.isIdent("varying") || p.isIdent("precision") || p.isIdent("without") ||
		p.isIdent("with") || p.isIdent("time") || p.isIdent("zone") {
		name += " " + p.next().text
	}
	if p.accept("(") {
		for !p.accept(")") && p.peek().kind != tEOF {
			p.pos++
		}
	}
	for p.accept("[") {
		p.accept("]")
		name += "[]"
	}
	return name
}
