package workspace

import (
	"strings"

	"github.com/goccy/go-yaml/ast"
)

// rows edits the list under kv from old to now: rows equal at the start
// and the end are kept as written, rows in between are aligned (longest
// common subsequence) so kept rows stay too; a changed row is replaced in
// place (a one-line flow row keeps what surrounds its braces, such as a
// trailing comment), dropped rows go and added ones follow the last kept.
func (e *fileEdit) rows(kv *ast.MappingValueNode, old, now []Row) {
	seq, ok := e.d.unwrap(kv.Value).(*ast.SequenceNode)
	keyLine, _ := pos(kv.Key)
	block := ok && !seq.IsFlowStyle && len(seq.Values) == len(old)
	switch {
	case block && sameAll(old, now), !ok && len(old) == 0 && len(now) == 0:
		return
	case !block || len(now) == 0:
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
	l := &listEdit{e: e, items: seq.Values, old: old, indent: e.indentOf(itemLine(seq.Values[0])), after: keyLine}
	if p > 0 {
		l.after = lastLine(seq.Values[p-1])
	}
	for _, op := range align(old[p:len(old)-s], now[p:len(now)-s]) {
		switch {
		case op.old >= 0 && op.now >= 0:
			l.flush()
			l.after = lastLine(seq.Values[p+op.old])
		case op.old >= 0:
			l.dels = append(l.dels, p+op.old)
		default:
			l.ins = append(l.ins, now[p+op.now])
		}
	}
	l.flush()
}

// listEdit is one list's edit in progress: the old items dropped and the
// new rows added since the last row kept.
type listEdit struct {
	e      *fileEdit
	items  []ast.Node
	old    []Row
	indent string // of the items' "- "
	after  int    // last line of the last item kept or replaced
	dels   []int
	ins    []Row
}

// flush writes the pending change: dropped and added rows pair up as
// replacements, the rest are deleted or inserted.
func (l *listEdit) flush() {
	k := min(len(l.dels), len(l.ins))
	for i := range k {
		l.e.row(l.items[l.dels[i]], l.old[l.dels[i]], l.ins[i], l.indent)
	}
	if k > 0 {
		l.after = lastLine(l.items[l.dels[k-1]])
	}
	for _, j := range l.dels[k:] {
		n := l.items[j]
		l.e.replace(itemLine(n), lastLine(n)-itemLine(n)+1, "")
	}
	if len(l.ins) > k {
		var b strings.Builder
		for _, r := range l.ins[k:] {
			b.WriteString(l.indent + "- " + flowRowKeeping(r, nil, Row{}) + "\n")
		}
		l.e.replace(l.after+1, 0, b.String())
	}
	l.dels, l.ins = l.dels[:0], l.ins[:0]
}

// alignOp pairs an old row with a new one (both set: kept), or marks one
// deleted (now < 0) or added (old < 0).
type alignOp struct{ old, now int }

// align is a longest common subsequence of rows, so rows kept around an
// insertion or a deletion stay as written. Past a size where its table
// would be large it pairs rows by position.
func align(old, now []Row) []alignOp {
	if len(old)*len(now) > 1<<20 {
		return alignByPosition(old, now)
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
	var ops []alignOp
	for i, j := 0, 0; i < n || j < m; {
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

func alignByPosition(old, now []Row) []alignOp {
	var ops []alignOp
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
