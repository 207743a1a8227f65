package workspace

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/goccy/go-yaml/ast"
	ytoken "github.com/goccy/go-yaml/token"

	"github.com/jig-sql/jig/workspace/diag"
)

// UpdateFixture returns a fixture file's text with its given rows and
// expected rows made f's, editing the document in place: comments, key
// order, other keys (ordered:, columns:, checks:) and every row that did
// not change stay byte for byte; a changed row keeps the spelling of the
// cells that did not change (100.00 stays 100.00). The workbench saves an
// opened fixture with it. Description, setup and checks are not changed.
func UpdateFixture(src []byte, f *Fixture) ([]byte, error) {
	var errs diag.Errors
	d := &ydec{file: "fixture", errs: &errs}
	old := decodeFixture(d, "fixture/fixture.yaml", src, false)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	root := d.parse(src)
	rootKVs, _ := d.pairs(root, "fixture")
	if m, ok := d.unwrap(root).(*ast.MappingNode); !ok || m.IsFlowStyle {
		return nil, errors.New("the fixture is not a block mapping; save it as a new fixture")
	}
	e := &fileEdit{d: d, lines: strings.SplitAfter(string(src), "\n")}
	if err := e.given(find(rootKVs, "given"), old.Given, f.Given, find(rootKVs, "expect")); err != nil {
		return nil, err
	}
	rowsDone, err := e.expectRows(d, find(rootKVs, "expect"), old.Expect.Rows, f.Expect.Rows)
	if err != nil {
		return nil, err
	}
	out := []byte(e.apply())
	if !rowsDone && f.Expect.Rows != nil {
		return UpdateExpectedRows(out, f.Expect.Rows)
	}
	return out, nil
}

// find is the pair with key name, or nil.
func find(kvs []*ast.MappingValueNode, name string) *ast.MappingValueNode {
	for _, kv := range kvs {
		if keyName(kv) == name {
			return kv
		}
	}
	return nil
}

// fileEdit collects line edits against the original text and applies them
// from the bottom up, so every position stays that of the original.
type fileEdit struct {
	d     *ydec
	lines []string
	edits []lineEdit
}

// lineEdit replaces n lines from line at (1-based) with text; n == 0
// inserts text before line at.
type lineEdit struct {
	at, n int
	text  string
}

func (e *fileEdit) replace(at, n int, text string) {
	e.edits = append(e.edits, lineEdit{at: at, n: n, text: text})
}

func (e *fileEdit) apply() string {
	slices.SortStableFunc(e.edits, func(a, b lineEdit) int { return b.at - a.at })
	lines := e.lines
	for _, ed := range e.edits {
		at := min(ed.at-1, len(lines))
		tail := lines[min(at+ed.n, len(lines)):]
		head := lines[:at:at]
		if ed.text != "" && at > 0 && !strings.HasSuffix(head[at-1], "\n") {
			head = append(head[:at-1:at-1], head[at-1]+"\n")
		}
		lines = append(append(head, ed.text), tail...)
	}
	return strings.Join(lines, "")
}

// line is line n (1-based) without its line break.
func (e *fileEdit) line(n int) string {
	if n < 1 || n > len(e.lines) {
		return ""
	}
	return strings.TrimRight(e.lines[n-1], "\r\n")
}

// indentOf is line n's leading spaces.
func (e *fileEdit) indentOf(n int) string {
	l := e.line(n)
	return l[:len(l)-len(strings.TrimLeft(l, " "))]
}

// given edits each table's rows; tables the file lacks are added at the
// end of given: (or a new given: before expect:).
func (e *fileEdit) given(kv *ast.MappingValueNode, old, now []GivenTable, expect *ast.MappingValueNode) error {
	var tables []*ast.MappingValueNode
	if kv != nil {
		m, ok := e.d.unwrap(kv.Value).(*ast.MappingNode)
		if kv.Value != nil && ok && m.IsFlowStyle {
			return errors.New("given: is written in flow style; save the fixture as a new one")
		}
		tables, _ = e.d.pairs(kv.Value, "given")
	}
	seen := map[string]bool{}
	for _, t := range tables {
		if seen[keyName(t)] {
			return fmt.Errorf("given: names table %s twice; save the fixture as a new one", keyName(t))
		}
		seen[keyName(t)] = true
	}
	var added strings.Builder
	for _, g := range now {
		t := find(tables, g.Table)
		switch {
		case t == nil && g.CSV.Unchanged(g.Rows):
			added.WriteString(csvBlock("  ", yamlString(g.Table), g.CSV))
		case t == nil:
			added.WriteString(rowsBlock("  ", yamlString(g.Table), g.Rows))
		case isMapping(t.Value) && !g.CSV.Unchanged(g.Rows):
			return fmt.Errorf("given.%s is read from CSV and its rows changed; jig does not rewrite CSV: edit the CSV, or write the rows as YAML", g.Table)
		case !isMapping(t.Value):
			e.rows(t, oldRows(old, g.Table), g.Rows)
		} // else a CSV given whose rows did not change: kept as written
	}
	for _, t := range tables {
		if isMapping(t.Value) {
			continue // a CSV given is never dropped
		}
		if !slices.ContainsFunc(now, func(g GivenTable) bool { return g.Table == keyName(t) }) {
			e.rows(t, oldRows(old, keyName(t)), nil)
		}
	}
	if added.Len() == 0 {
		return nil
	}
	switch {
	case kv != nil:
		e.replace(lastLine(kv)+1, 0, added.String())
	case expect != nil:
		line, _ := pos(expect.Key)
		e.replace(line, 0, "given:\n"+added.String())
	default:
		e.replace(len(e.lines)+1, 0, "given:\n"+added.String())
	}
	return nil
}

func oldRows(old []GivenTable, table string) []Row {
	var out []Row
	for _, g := range old {
		if g.Table == table {
			out = append(out, g.Rows...)
		}
	}
	return out
}

// expectRows edits expect.rows in place when the file has them as a block
// list; it reports false when the caller must write them otherwise.
func (e *fileEdit) expectRows(d *ydec, expect *ast.MappingValueNode, old, now []Row) (bool, error) {
	if expect == nil || now == nil {
		return now == nil, nil
	}
	m, ok := d.unwrap(expect.Value).(*ast.MappingNode)
	if !ok || m.IsFlowStyle {
		return false, nil
	}
	kv := find(m.Values, "rows")
	if kv == nil {
		return false, nil
	}
	seq, ok := d.unwrap(kv.Value).(*ast.SequenceNode)
	if !ok || seq.IsFlowStyle || len(seq.Values) != len(old) || len(now) == 0 {
		return false, nil
	}
	e.rows(kv, old, now)
	return true, nil
}

// lastLine is the last line any token of n is on.
func lastLine(n ast.Node) int {
	last := 0
	ast.Walk(visitFunc(func(n ast.Node) {
		if _, ok := n.(*ast.CommentGroupNode); ok {
			return
		}
		if tk := n.GetToken(); tk != nil && tk.Position != nil {
			last = max(last, tk.Position.Line)
		}
		switch v := n.(type) {
		case *ast.MappingNode:
			last = max(last, tokenLine(v.End))
		case *ast.SequenceNode:
			last = max(last, tokenLine(v.End))
		}
	}), n)
	return last
}

type visitFunc func(ast.Node)

func (f visitFunc) Visit(n ast.Node) ast.Visitor {
	if n == nil {
		return nil
	}
	f(n)
	return f
}

func tokenLine(tk *ytoken.Token) int {
	if tk == nil || tk.Position == nil {
		return 0
	}
	return tk.Position.Line
}
