package rows

import (
	"fmt"
	"strings"

	"github.com/jig-sql/jig/workspace/sqlscan"
)

// The CHECK expressions Postgres prints (pg_get_constraintdef) are fully
// parenthesised, with casts as ::type and IN lists as = ANY (ARRAY[...]).
// The parser reads them as these tokens, made from the shared scanner's.

type tokKind uint8

const (
	tEOF tokKind = iota
	tIdent
	tString
	tNumber
	tOp
	tPunct // ( ) [ ] , . ::
)

type token struct {
	kind   tokKind
	text   string // identifiers folded as Postgres folds them; strings' values
	quoted bool
}

// lexCheck scans s with sqlscan, dropping comments and space. An
// unterminated literal or a token no CHECK expression holds is an error.
func lexCheck(s string) ([]token, error) {
	var out []token
	for _, t := range sqlscan.ScanSignificant(s) {
		if t.Err != nil {
			return nil, t.Err
		}
		switch t.Kind {
		case sqlscan.Ident, sqlscan.QuotedIdent:
			out = append(out, token{kind: tIdent, text: t.Name(), quoted: t.Kind == sqlscan.QuotedIdent})
		case sqlscan.String:
			v, _ := t.Value()
			out = append(out, token{kind: tString, text: v})
		case sqlscan.Number:
			out = append(out, token{kind: tNumber, text: t.Text})
		case sqlscan.Op:
			out = append(out, token{kind: tOp, text: t.Text})
		default:
			if t.Kind != sqlscan.Punct || len(t.Text) > 1 && t.Text != "::" || len(t.Text) == 1 && !strings.Contains("()[],.", t.Text) {
				return nil, fmt.Errorf("%d:%d: unexpected %q", t.Line, t.Col, t.Text)
			}
			out = append(out, token{kind: tPunct, text: t.Text})
		}
	}
	return append(out, token{kind: tEOF}), nil
}

func (p *parser) primary() node {
	t := p.next()
	switch t.kind {
	case tString:
		return nLit{text: t.text}
	case tNumber:
		return nLit{text: t.text, num: true}
	case tPunct:
		if t.text == "(" {
			n := p.or()
			if p.accept(",") { // a row or IN list: (a, b, c)
				elems := []node{n}
				for {
					elems = append(elems, p.or())
					if !p.accept(",") {
						break
					}
				}
				n = nArray{elems: elems}
			}
			p.accept(")")
			return n
		}
		return nOpaque{}
	case tIdent:
		return p.identifier(t)
	}
	return nOpaque{}
}

func (p *parser) identifier(t token) node {
	if !t.quoted {
		switch t.text {
		case "null":
			return nLit{null: true}
		case "true", "false":
			return nBoolLit{v: t.text == "true"}
		case "array":
			return p.arrayCtor()
		}
	}
	if p.isPunct("(") {
		p.pos++
		var args []node
		for !p.accept(")") && p.peek().kind != tEOF {
			args = append(args, p.or())
			p.accept(",")
		}
		return nFunc{name: t.text, args: args}
	}
	name := t.text
	for p.accept(".") { // table.column: keep the column
		name = p.next().text
	}
	return nCol{name: name}
}

func (p *parser) arrayCtor() node {
	if !p.accept("[") {
		return nOpaque{}
	}
	var elems []node
	for !p.accept("]") && p.peek().kind != tEOF {
		elems = append(elems, p.or())
		p.accept(",")
	}
	return nArray{elems: elems}
}
