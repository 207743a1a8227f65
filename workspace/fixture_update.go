package workspace

import (
	"errors"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/jig-sql/jig/workspace/diag"
)

// UpdateExpectedRows rewrites only expect.rows of a fixture file (jig test
// --update, "accept" in the workbench). Every other byte — comments, key
// order, other keys' formatting — is kept; when rows equal the current
// expected rows the input is returned unchanged. A file whose expect: is
// written in flow style is re-rendered with MarshalFixture instead.
func UpdateExpectedRows(src []byte, rows []Row) ([]byte, error) {
	if rows == nil {
		rows = []Row{}
	}
	out, err := updateExpectedRows(src, rows)
	if err != nil {
		return nil, err
	}
	// Whatever the document held, never write one that does not read back
	// to these rows: refusing leaves the user's file as it was.
	var errs diag.Errors
	got := decodeFixture(&ydec{file: "fixture", errs: &errs}, "fixture/fixture.yaml", out, false)
	if errs.Err() != nil || !SameRows(got.Expect.Rows, rows) {
		return nil, errors.New("cannot write expect: rows into this fixture in place; write them by hand")
	}
	return out, nil
}

func updateExpectedRows(src []byte, rows []Row) ([]byte, error) {
	if loneCR(src) {
		// YAML breaks lines at a lone \r too; the in-place edit counts
		// lines at \n, and would splice rows into the wrong place.
		return nil, errors.New("the fixture has a carriage return without a line feed; save it with \\n (or \\r\\n) line ends")
	}
	if rows == nil {
		rows = []Row{}
	}
	var errs diag.Errors
	d := &ydec{file: "fixture", errs: &errs}
	f := decodeFixture(d, "fixture/fixture.yaml", src, false)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	if f.Expect.Rows != nil && SameRows(f.Expect.Rows, rows) {
		return src, nil
	}
	root := d.parse(src)
	rootKVs, _ := d.pairs(root, "fixture")
	lines := strings.SplitAfter(string(src), "\n")
	var expect *ast.MappingValueNode
	for _, kv := range rootKVs {
		if keyName(kv) == "expect" {
			expect = kv
		}
	}
	if m, ok := d.unwrap(root).(*ast.MappingNode); expect == nil && (len(rootKVs) == 0 || ok && m.IsFlowStyle) {
		// A document that is not a block mapping ("~", "{query: q}"):
		// appending a block key to it would write YAML that does not parse.
		return nil, errors.New("the fixture is not a block mapping; add expect: rows by hand")
	}
	if expect == nil {
		out := string(src)
		if out != "" && !strings.HasSuffix(out, "\n") {
			out += "\n"
		}
		// The document's keys may stand indented ("  query: q"): expect
		// goes at their column, its rows two further in.
		_, col := pos(rootKVs[0].Key)
		at := strings.Repeat(" ", col-1)
		return []byte(out + at + "expect:\n" + rowsBlock(at+"  ", "rows", rows)), nil
	}
	expLine, expCol := pos(expect.Key)
	var kvs []*ast.MappingValueNode
	switch v := d.unwrap(expect.Value).(type) {
	case nil, *ast.NullNode:
		if !bareKeyLine(lines[expLine-1]) {
			// `expect: ~`, `expect: !`: a block below that line would not
			// parse, or would take the tag; the line becomes `expect:`.
			lines[expLine-1] = bareKey(lines[expLine-1])
		}
	case *ast.MappingNode:
		if v.IsFlowStyle {
			return remarshal(f, rows), nil
		}
		kvs = v.Values
	default:
		return remarshal(f, rows), nil
	}
	indent := strings.Repeat(" ", expCol+1) // two in from expect:, wherever it stands
	if len(kvs) > 0 {
		_, col := pos(kvs[0].Key)
		indent = strings.Repeat(" ", col-1)
	}
	block := rowsBlock(indent, "rows", rows)
	var rowsKV *ast.MappingValueNode
	for _, kv := range kvs {
		if keyName(kv) == "rows" {
			rowsKV = kv
		}
	}
	if rowsKV == nil { // insert right below expect:
		return []byte(splice(lines, expLine, expLine-1, block)), nil
	}
	start, _ := pos(rowsKV.Key)
	end := nextKeyLine(kvs, rowsKV)
	if end == 0 {
		end = nextKeyLine(rootKVs, expect)
	}
	if end == 0 {
		end = len(lines) + 1
	}
	end-- // last line of the rows value
	for end > start && isBlankOrComment(lines[end-1]) {
		end-- // keep comments that belong to what follows
	}
	return []byte(splice(lines, start, end, block)), nil
}

// splice replaces lines first..last (1-based, inclusive) with text; when
// last < first it inserts text after line first instead.
func splice(lines []string, first, last int, text string) string {
	if last < first { // insert after line `first`
		head := strings.Join(lines[:first], "")
		if !strings.HasSuffix(head, "\n") {
			head += "\n"
		}
		return head + text + strings.Join(lines[first:], "")
	}
	head := strings.Join(lines[:first-1], "")
	tail := strings.Join(lines[min(last, len(lines)):], "")
	return head + text + tail
}

// loneCR reports whether src holds a \r that does not start a \r\n.
func loneCR(src []byte) bool {
	for i, b := range src {
		if b == '\r' && (i+1 == len(src) || src[i+1] != '\n') {
			return true
		}
	}
	return false
}

// bareKeyLine reports whether line is `key:` with nothing after the colon
// but a comment.
func bareKeyLine(line string) bool {
	_, after, ok := strings.Cut(line, ":")
	after = strings.TrimSpace(after)
	return ok && (after == "" || strings.HasPrefix(after, "#"))
}

// bareKey is line cut after its key's colon, keeping a trailing comment.
func bareKey(line string) string {
	key, after, _ := strings.Cut(line, ":")
	out := key + ":"
	if i := strings.Index(after, " #"); i >= 0 {
		out += after[i:]
	}
	return strings.TrimRight(out, " \t\r\n") + "\n"
}

func isBlankOrComment(line string) bool {
	t := strings.TrimSpace(line)
	return t == "" || strings.HasPrefix(t, "#")
}

func remarshal(f *Fixture, rows []Row) []byte {
	f.Expect.Rows = rows
	return MarshalFixture(f)
}
