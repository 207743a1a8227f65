package workspace

import (
	"encoding/json"
	"math/big"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml/ast"
	ytoken "github.com/goccy/go-yaml/token"
)

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

// flowRowKeeping renders a row as a flow mapping, the file's keys first in
// the file's order; a cell whose value is the one the file had keeps the
// file's spelling of it.
func flowRowKeeping(r Row, item ast.Node, old Row) string {
	var written map[string]ast.Node
	var order []string
	if m, ok := item.(*ast.MappingNode); ok {
		written = map[string]ast.Node{}
		for _, kv := range m.Values {
			written[keyName(kv)] = kv.Value
			order = append(order, keyName(kv))
		}
	}
	cells := slices.Clone(r.Cells)
	slices.SortStableFunc(cells, func(a, b Cell) int {
		return rank(order, a.Column) - rank(order, b.Column)
	})
	parts := make([]string, len(cells))
	for i, c := range cells {
		v := yamlValue(c.Value)
		n, ok := written[c.Column]
		switch {
		case ok && sameValue(old, c):
			if s, ok := spelling(n); ok {
				v = s
			}
		case ok && isNumberNode(n):
			// The file wrote this column as a number: a new numeric value
			// stays one (75.50, not "75.50").
			if s, isText := c.Value.(string); isText && plainNumber(s) {
				if _, err := strconv.ParseFloat(s, 64); err == nil {
					v = s
				}
			}
		}
		parts[i] = yamlString(c.Column) + ": " + v
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// rank is column's place in the file's keys; new columns come after them.
func rank(order []string, column string) int {
	if i := slices.Index(order, column); i >= 0 {
		return i
	}
	return len(order)
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
	// Exact spellings (text, YAML's exact numbers, integers) compare as
	// decimals, so 1234567890123456789.1 is not 1234567890123456789.2.
	if x, ok := exactDecimal(a); ok {
		if y, ok := exactDecimal(b); ok {
			return x.Cmp(y) == 0
		}
	}
	x, ok1 := number(a)
	y, ok2 := number(b)
	return ok1 && ok2 && x == y
}

// exactDecimal is v as an exact rational when v is spelt exactly.
func exactDecimal(v any) (*big.Rat, bool) {
	var s string
	switch x := v.(type) {
	case int64:
		return new(big.Rat).SetInt64(x), true
	case int:
		return new(big.Rat).SetInt64(int64(x)), true
	case json.Number:
		s = string(x)
	case string:
		s = x
	default:
		return nil, false
	}
	if !plainNumber(s) {
		return nil, false
	}
	return new(big.Rat).SetString(s)
}

// plainNumber reports whether s is a number spelt without space, hex,
// underscores, NaN or infinity.
func plainNumber(s string) bool {
	return s != "" && strings.TrimSpace(s) == s && !strings.ContainsAny(s, "xXnNiI_")
}

func number(v any) (float64, bool) {
	switch x := v.(type) {
	case int64:
		return float64(x), true
	case int:
		return float64(x), true
	case float64:
		return x, true
	case json.Number:
		f, err := x.Float64()
		return f, err == nil
	case string:
		f, err := strconv.ParseFloat(x, 64)
		return f, err == nil && plainNumber(x)
	}
	return 0, false
}

// isNumberNode reports whether the file wrote n as a plain number.
func isNumberNode(n ast.Node) bool {
	switch n.(type) {
	case *ast.IntegerNode, *ast.FloatNode:
		return true
	}
	return false
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

// sameRow reports whether two rows hold the same columns, in any order (a
// mapping's keys have none), with loosely equal values.
func sameRow(a, b Row) bool {
	if len(a.Cells) != len(b.Cells) {
		return false
	}
	for _, c := range a.Cells {
		i := slices.IndexFunc(b.Cells, func(d Cell) bool { return d.Column == c.Column })
		if i < 0 || !looseEqual(c.Value, b.Cells[i].Value) {
			return false
		}
	}
	return true
}

func sameAll(a, b []Row) bool { return slices.EqualFunc(a, b, sameRow) }
