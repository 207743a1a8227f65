package rows

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
