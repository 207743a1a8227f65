package rows

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ev is the value of a sub-expression under SQL's three-valued logic, plus
// "unknown" for what the factory cannot evaluate (functions it does not
// know, now(), arithmetic, columns left to the database).
type ev struct {
	k    evKind
	s    string
	f    float64
	b    bool
	list []ev
}

type evKind uint8

const (
	evUnknown evKind = iota
	evNull
	evNum
	evStr
	evBool
	evList
)

// env gives the evaluator a row's cells by column name.
type env func(name string) (Value, kind, bool)

func (n nLit) eval() ev {
	switch {
	case n.null:
		return ev{k: evNull}
	case n.num:
		if f, err := strconv.ParseFloat(n.text, 64); err == nil {
			return ev{k: evNum, f: f}
		}
		return ev{}
	}
	return ev{k: evStr, s: n.text}
}

func eval(n node, e env) ev {
	switch n := n.(type) {
	case nLit:
		return n.eval()
	case nBoolLit:
		return ev{k: evBool, b: n.v}
	case nCol:
		return evalCol(n.name, e)
	case nCast:
		return cast(eval(n.x, e), n.typ)
	case nArray:
		out := ev{k: evList}
		for _, x := range n.elems {
			out.list = append(out.list, eval(x, e))
		}
		return out
	case nBool:
		return logic(n.and, eval(n.l, e), eval(n.r, e))
	case nNot:
		x := eval(n.x, e)
		if x.k == evBool {
			x.b = !x.b
		}
		return x
	case nIsNull:
		x := eval(n.x, e)
		if x.k == evUnknown {
			return x
		}
		return ev{k: evBool, b: (x.k == evNull) != n.not}
	case nCmp:
		return compare(n.op, eval(n.l, e), eval(n.r, e))
	case nQuant:
		return quantified(n, eval(n.l, e), eval(n.list, e))
	case nBetween:
		x := eval(n.x, e)
		r := logic(true, compare(">=", x, eval(n.lo, e)), compare("<=", x, eval(n.hi, e)))
		if n.not && r.k == evBool {
			r.b = !r.b
		}
		return r
	case nFunc:
		return call(n.name, n.args, e)
	}
	return ev{}
}

func evalCol(name string, e env) ev {
	v, k, ok := e(name)
	switch {
	case !ok || v.Default:
		return ev{}
	case v.Null:
		return ev{k: evNull}
	case k.isNumber():
		if f, err := strconv.ParseFloat(v.Text, 64); err == nil {
			return ev{k: evNum, f: f}
		}
		return ev{}
	case k == kBool:
		b, err := parseBool(v.Text)
		if err != nil {
			return ev{}
		}
		return ev{k: evBool, b: b == "true"}
	}
	return ev{k: evStr, s: v.Text}
}

func cast(x ev, typ string) ev {
	base := strings.TrimSuffix(typ, "[]")
	k := kindsByBase[base]
	switch {
	case x.k == evList:
		for i := range x.list {
			x.list[i] = cast(x.list[i], base)
		}
	case x.k == evStr && k.isNumber():
		if f, err := strconv.ParseFloat(strings.TrimSpace(x.s), 64); err == nil {
			return ev{k: evNum, f: f}
		}
		return ev{}
	case x.k == evStr && k == kBool:
		if b, err := parseBool(x.s); err == nil {
			return ev{k: evBool, b: b == "true"}
		}
		return ev{}
	case x.k == evNum && k.isTextish():
		return ev{k: evStr, s: strconv.FormatFloat(x.f, 'f', -1, 64)}
	}
	return x
}

func logic(and bool, a, b ev) ev {
	dominant := !and // AND is decided by a false, OR by a true
	for _, x := range []ev{a, b} {
		if x.k == evBool && x.b == dominant {
			return x
		}
	}
	switch {
	case a.k == evUnknown || b.k == evUnknown || a.k != evBool && a.k != evNull || b.k != evBool && b.k != evNull:
		return ev{}
	case a.k == evNull || b.k == evNull:
		return ev{k: evNull}
	}
	return ev{k: evBool, b: !dominant}
}

// compare applies a comparison or pattern operator.
func compare(op string, a, b ev) ev {
	if a.k == evUnknown || b.k == evUnknown || a.k == evList || b.k == evList {
		return ev{}
	}
	if a.k == evNull || b.k == evNull {
		return ev{k: evNull}
	}
	if strings.Contains(op, "~") {
		return match(op, a, b)
	}
	c, ok := order(a, b)
	if !ok {
		return ev{}
	}
	var r bool
	switch op {
	case "=":
		r = c == 0
	case "<>", "!=":
		r = c != 0
	case "<":
		r = c < 0
	case "<=":
		r = c <= 0
	case ">":
		r = c > 0
	case ">=":
		r = c >= 0
	default:
		return ev{}
	}
	return ev{k: evBool, b: r}
}

// order compares two non-NULL values of compatible kinds.
func order(a, b ev) (int, bool) {
	if a.k == evNum && b.k == evStr || a.k == evStr && b.k == evNum {
		a, b = cast(a, "float8"), cast(b, "float8")
	}
	switch {
	case a.k == evNum && b.k == evNum:
		return cmp3(a.f < b.f, a.f > b.f), true
	case a.k == evStr && b.k == evStr:
		return strings.Compare(a.s, b.s), true
	case a.k == evBool && b.k == evBool:
		return cmp3(!a.b && b.b, a.b && !b.b), true
	}
	return 0, false
}

func cmp3(less, more bool) int {
	if less {
		return -1
	}
	if more {
		return 1
	}
	return 0
}

func match(op string, a, b ev) ev {
	if a.k != evStr || b.k != evStr {
		return ev{}
	}
	neg := strings.HasPrefix(op, "!")
	op = strings.TrimPrefix(op, "!")
	pat, fold := b.s, strings.HasSuffix(op, "*")
	if strings.HasPrefix(op, "~~") {
		pat = likeToRegexp(pat)
	}
	if fold {
		pat = "(?i)" + pat
	}
	re, err := regexp.Compile(pat)
	if err != nil {
		return ev{}
	}
	return ev{k: evBool, b: re.MatchString(a.s) != neg}
}

func likeToRegexp(p string) string {
	var b strings.Builder
	b.WriteString("^(?s)")
	for i := 0; i < len(p); i++ {
		switch c := p[i]; {
		case c == '\\' && i+1 < len(p):
			i++
			b.WriteString(regexp.QuoteMeta(p[i : i+1]))
		case c == '%':
			b.WriteString(".*")
		case c == '_':
			b.WriteString(".")
		default:
			b.WriteString(regexp.QuoteMeta(p[i : i+1]))
		}
	}
	b.WriteString("$")
	return b.String()
}

func quantified(n nQuant, x, list ev) ev {
	if list.k == evNull {
		return list
	}
	if list.k != evList {
		return ev{}
	}
	acc := ev{k: evBool, b: n.all}
	for _, el := range list.list {
		acc = logic(n.all, acc, compare(n.op, x, el))
	}
	return acc
}

func call(name string, args []node, e env) ev {
	if len(args) != 1 {
		return ev{}
	}
	x := eval(args[0], e)
	if x.k == evNull || x.k == evUnknown {
		return x
	}
	switch name {
	case "length", "char_length", "character_length":
		if x.k == evStr {
			return ev{k: evNum, f: float64(utf8.RuneCountInString(x.s))}
		}
	case "octet_length":
		if x.k == evStr {
			return ev{k: evNum, f: float64(len(x.s))}
		}
	case "lower", "upper", "btrim":
		if x.k == evStr {
			f := map[string]func(string) string{"lower": strings.ToLower, "upper": strings.ToUpper, "btrim": strings.TrimSpace}[name]
			return ev{k: evStr, s: f(x.s)}
		}
	case "abs":
		if x.k == evNum {
			x.f = max(x.f, -x.f)
			return x
		}
	}
	return ev{}
}
