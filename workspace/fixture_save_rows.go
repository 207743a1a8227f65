package workspace

import (
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml/ast"
	ytoken "github.com/goccy/go-yaml/token"
)

// rows edits the list under kv from old to now: rows equal at the start
// and the end are kept as written, rows in between are replaced in place
// (a one-line flow row keeps what surrounds its braces, such as a trailing
// comment), dropped or added after the last kept one.
func (e *fileEdit) rows(kv *ast.MappingValueNode, old, now []Row) {
	seq, ok := e.d.unwrap(kv.Value).(*ast.SequenceNode)
	keyLine, _ := pos(kv.Key)
	if !ok || seq.IsFlowStyle || len(seq.Values) != len(old) || len(now) == 0 {
		if ok && !seq.IsFlowStyle && len(seq.Values) == len(old) && sameAll(old, now) {
			return
		}
		if !ok && len(old) == 0 && len(now) == 0 {
			return
		}
		indent := e.indentOf(keyLine)
		e.replace(keyLine, max(lastLine(kv), keyLine)-keyLine+1, rowsBlock(indent, yamlString(keyName(kv)), now))
		return
	}
	p := 0
	for p < len(old) && p < len(now) && sameRow(old[p], now[p]) {
		p++
	}
	s := 0
	for s < len(old)-p && s < len(now)-p && sameRow(old[len(old)-1-s], now[len(now)-1-s]) {
		s++
	}
	itemIndent := e.indentOf(itemLine(seq.Values[0]))
	after := keyLine // the last line of the last item kept or replaced
	if p > 0 {
		after = lastLine(seq.Values[p-1])
	}
	var dels []int // old items between two kept rows
	var ins []Row  // new rows between two kept rows
	flush := func() {
		k := min(len(dels), len(ins))
		for i := range k {
			e.row(seq.Values[dels[i]], old[dels[i]], ins[i], itemIndent)
		}
		if k > 0 {
			after = lastLine(seq.Values[dels[k-1]])
		}
		for _, j := range dels[k:] {
			n := seq.Values[j]
			e.replace(itemLine(n), lastLine(n)-itemLine(n)+1, "")
		}
		if len(ins) > k {
			var b strings.Builder
			for _, r := range ins[k:] {
				b.WriteString(itemIndent + "- " + flowRowKeeping(r, nil, Row{}) + "\n")
			}
			e.replace(after+1, 0, b.String())
		}
		dels, ins = dels[:0], ins[:0]
	}
	for _, op := range align(old[p:len(old)-s], now[p:len(now)-s]) {
		switch {
		case op.old >= 0 && op.now >= 0:
			flush()
			after = lastLine(seq.Values[p+op.old])
		case op.old >= 0:
			dels = append(dels, p+op.old)
		default:
			ins = append(ins, now[p+op.now])
		}
	}
	flush()
}

// alignOp pairs an old row with a new one (both set: kept), or marks one
// deleted (now < 0) or added (old < 0).
type alignOp struct{ old, now int }

// align is a longest common subsequence of rows, so rows kept around an
// insertion or a deletion stay as written. Past a size where the table
// would be large it pairs rows by position.
func align(old, now []Row) []alignOp {
	var ops []alignOp
	if len(old)*len(now) > 1<<20 {
		for i := range max(len(old), len(now)) {
			switch {
			case i < len(old) && i < len(now) && sameRow(old[i], now[i]):
				ops = append(ops, alignOp{i, i})
			case i < len(old) && i < len(now):
				ops = append(ops, alignOp{i, -1}, alignOp{-1, i})
			case i < len(old):
				ops = append(ops, alignOp{i, -1})
			default:
				ops = append(ops, alignOp{-1, i})
			}
		}
		return ops
	}
	n, m := len(old), len(now)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if sameRow(old[i], now[j]) {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && sameRow(old[i], now[j]):
			ops = append(ops, alignOp{i, j})
			i, j = i+1, j+1
		case j >= m || i < n && lcs[i+1][j] >= lcs[i][j+1]:
			ops = append(ops, alignOp{i, -1})
			i++
		default:
			ops = append(ops, alignOp{-1, j})
			j++
		}
	}
	return ops
}

// row replaces one changed item.
func (e *fileEdit) row(n ast.Node, old, now Row, indent string) {
	text := flowRowKeeping(now, n, old)
	first, last := itemLine(n), lastLine(n)
	if m, ok := e.d.unwrap(n).(*ast.MappingNode); ok && m.IsFlowStyle && first == last &&
		m.Start != nil && m.End != nil && m.Start.Position != nil && m.End.Position != nil {
		line := []rune(e.line(first))
		a, b := m.Start.Position.Column-1, m.End.Position.Column
		if a >= 0 && b <= len(line) && a < b && line[a] == '{' && line[b-1] == '}' {
			e.replace(first, 1, string(line[:a])+text+string(line[b:])+"\n")
			return
		}
	}
	e.replace(first, last-first+1, indent+"- "+text+"\n")
}

// itemLine is the line a list item starts on (its "- ").
func itemLine(n ast.Node) int {
	line, _ := pos(n)
	if m, ok := n.(*ast.MappingNode); ok && m.IsFlowStyle {
		line = tokenLine(m.Start)
	}
	return line
}

// flowRowKeeping renders a row as a flow mapping; a cell whose value is
// the one the file had keeps the file's spelling of it.
func flowRowKeeping(r Row, item ast.Node, old Row) string {
	var written map[string]ast.Node
	if m, ok := item.(*ast.MappingNode); ok {
		written = map[string]ast.Node{}
		for _, kv := range m.Values {
			written[keyName(kv)] = kv.Value
		}
	}
	parts := make([]string, len(r.Cells))
	for i, c := range r.Cells {
		v := yamlValue(c.Value)
		if n, ok := written[c.Column]; ok && sameValue(old, c) {
			if s, ok := spelling(n); ok {
				v = s
			}
		}
		parts[i] = yamlString(c.Column) + ": " + v
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// sameValue reports whether old holds c's column with c's value.
func sameValue(old Row, c Cell) bool {
	for _, o := range old.Cells {
		if o.Column == c.Column {
			return looseEqual(o.Value, c.Value)
		}
	}
	return false
}

// looseEqual is equality of YAML values where a number equals the text of
// the same number: a result's numeric "150.00" is the file's 150.00, so
// accepting an unchanged row keeps it as written.
func looseEqual(a, b any) bool {
	if reflect.DeepEqual(a, b) {
		return true
	}
	x, ok1 := number(a)
	y, ok2 := number(b)
	return ok1 && ok2 && x == y
}

func number(v any) (float64, bool) {
	switch x := v.(type) {
	case int64:
		return float64(x), true
	case int:
		return float64(x), true
	case float64:
		return x, true
	case string:
		f, err := strconv.ParseFloat(x, 64)
		return f, err == nil && strings.TrimSpace(x) == x && !strings.ContainsAny(x, "xXnNiI_")
	}
	return 0, false
}

// spelling is a scalar as the file wrote it, when that is one plain token.
func spelling(n ast.Node) (string, bool) {
	switch v := n.(type) {
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.NullNode, *ast.InfinityNode, *ast.NanNode:
		return v.GetToken().Value, true
	case *ast.StringNode:
		o := strings.TrimSpace(v.Token.Origin)
		switch v.Token.Type {
		case ytoken.StringType:
			if !strings.ContainsAny(v.Value, "\n") {
				return v.Token.Value, true
			}
		case ytoken.SingleQuoteType, ytoken.DoubleQuoteType:
			if len(o) >= 2 && o[0] == o[len(o)-1] && !strings.ContainsAny(o, "\n") {
				return o, true
			}
		}
	}
	return "", false
}

// sameRow reports whether two rows hold the same columns, in order, with
// loosely equal values.
func sameRow(a, b Row) bool {
	return slices.EqualFunc(a.Cells, b.Cells, func(c, d Cell) bool {
		return c.Column == d.Column && looseEqual(c.Value, d.Value)
	})
}

func sameAll(a, b []Row) bool { return slices.EqualFunc(a, b, sameRow) }
