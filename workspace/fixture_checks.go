package workspace

import (
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// nextKeyLine is the line of the root key after kv, or 0 when kv is last.
func nextKeyLine(kvs []*ast.MappingValueNode, kv *ast.MappingValueNode) int {
	line, _ := pos(kv.Key)
	next := 0
	for _, o := range kvs {
		if l, _ := pos(o.Key); l > line && (next == 0 || l < next) {
			next = l
		}
	}
	return next
}

// checkEntries cuts the checks: list into one YAML text per entry, taken
// from the file's own lines so checks can report exact positions.
func checkEntries(d *ydec, data []byte, kv *ast.MappingValueNode, nextLine int) []CheckEntry {
	seq, ok := d.unwrap(kv.Value).(*ast.SequenceNode)
	if !ok {
		if _, null := d.unwrap(kv.Value).(*ast.NullNode); !null && kv.Value != nil {
			d.errAt(kv.Value, "e.g. - {table: browser_users, not_null: user_id}", "checks: expected a list, got %s", kind(d.unwrap(kv.Value)))
		}
		return nil
	}
	lines := strings.Split(string(data), "\n")
	if nextLine == 0 || nextLine > len(lines)+1 {
		nextLine = len(lines) + 1
	}
	out := make([]CheckEntry, 0, len(seq.Values))
	for i, v := range seq.Values {
		line, col := pos(v)
		end := nextLine - 1
		if i+1 < len(seq.Values) {
			l, _ := pos(seq.Values[i+1])
			end = l - 1
		}
		if _, empty := d.unwrap(v).(*ast.NullNode); empty {
			// "- " with nothing after it: keep it as an explicit null, which
			// checks reports as an empty entry and which writes back as is.
			out = append(out, CheckEntry{YAML: []byte("null\n"), Line: line, Col: col})
			continue
		}
		var text string
		if seq.IsFlowStyle || end < line || line < 1 || line > len(lines) {
			// Entries sharing a line: fall back to the parsed text.
			text = dedent(strings.TrimRight(v.String(), "\n")) + "\n"
		} else {
			text = entryText(lines[line-1:entryEnd(lines, line, end, col)], col)
			if t := trimLineEnds(text); t != text && readsAs(t, d.unwrap(v)) {
				// Trailing blanks mean nothing outside a block scalar, and
				// the file's last line keeps them where a re-written one
				// would not: drop them so an entry reads the same both ways.
				text = t
			}
			if !readsAs(text, d.unwrap(v)) {
				// goccy misplaces multi-line plain scalars: use the parsed text.
				text = dedent(strings.TrimRight(v.String(), "\n")) + "\n"
			}
		}
		if _, err := parser.ParseBytes([]byte(text), 0); err != nil {
			d.errs.Add(d.file, line, col, "write each check as a mapping: - {not_null: user_id}",
				"checks: this entry does not read as YAML on its own (%s)", firstLine(err.Error()))
			continue
		}
		out = append(out, CheckEntry{YAML: []byte(text), Line: line, Col: col})
	}
	return out
}

// readsAs reports whether text, an entry cut from the file's lines, parses
// to something like v: not empty when v is not, the same string when v is a
// string.
func readsAs(text string, v ast.Node) bool {
	f, err := parser.ParseBytes([]byte(text), 0)
	if err != nil || len(f.Docs) != 1 || f.Docs[0].Body == nil {
		return err != nil // a parse error is reported by the caller
	}
	if want, ok := v.(*ast.StringNode); ok {
		// A bare string entry (never a valid check, but kept to be reported
		// by checks) is written as goccy prints it, the same on every pass.
		got, ok := f.Docs[0].Body.(*ast.StringNode)
		return ok && got.Value == want.Value && !strings.Contains(strings.TrimSpace(text), "\n")
	}
	return true
}

// entryEnd is the last line of the entry whose value starts at line:col,
// at most end: the entry stops before the first line indented less than
// its value (the next entry's "-", when the next value is on a later line).
func entryEnd(lines []string, line, end, col int) int {
	for j := line + 1; j <= end; j++ {
		l := strings.TrimSuffix(lines[j-1], "\r")
		t := strings.TrimLeft(l, " ")
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		if len(l)-len(t) < col-1 {
			return j - 1
		}
	}
	return end
}

// firstLine is the first line of a message.
func firstLine(s string) string {
	first, _, _ := strings.Cut(s, "\n")
	return first
}

// trimLineEnds drops the spaces and tabs that end each line of text.
func trimLineEnds(text string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	return strings.Join(lines, "\n")
}

// entryText dedents an entry's lines by col-1 characters, blanking what
// precedes the entry on its first line ("- "), and drops trailing blank and
// comment-only lines.
func entryText(lines []string, col int) string {
	out := make([]string, len(lines))
	for i, l := range lines {
		l = strings.TrimSuffix(l, "\r")
		if i == 0 {
			r := []rune(l)
			if col-1 <= len(r) {
				l = string(r[col-1:])
			}
		} else {
			indent := len(l) - len(strings.TrimLeft(l, " "))
			l = l[min(indent, col-1):]
		}
		out[i] = l
	}
	for len(out) > 1 {
		last := strings.TrimSpace(out[len(out)-1])
		if last != "" && !strings.HasPrefix(last, "#") {
			break
		}
		out = out[:len(out)-1]
	}
	return strings.Join(out, "\n") + "\n"
}

// dedent removes the indentation all non-blank lines share: goccy prints a
// flow entry's node with the column it had in the file, which would change
// each time the fixture is written back.
func dedent(text string) string {
	lines := strings.Split(text, "\n")
	common := -1
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		if n := len(l) - len(strings.TrimLeft(l, " ")); common < 0 || n < common {
			common = n
		}
	}
	for i, l := range lines {
		if len(l) >= common && common > 0 {
			lines[i] = l[common:]
		}
	}
	return strings.Join(lines, "\n")
}
