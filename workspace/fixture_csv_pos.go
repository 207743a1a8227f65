package workspace

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml/ast"
)

// filePos is a 1-based line and column (in characters) of a file.
type filePos struct{ line, col int }

// inlineLocator maps a line:col of an inline CSV's text to where that
// character stands in the fixture: in a literal block (csv: |) line k is
// the k-th line under the |, indented; in a quoted or plain scalar the
// text's bytes are walked back through the escapes that wrote them.
func inlineLocator(v ast.Node, data []byte) func(line, col int) (int, int) {
	line, col := pos(v)
	if _, ok := v.(*ast.LiteralNode); ok {
		indent := blockIndent(data, line)
		return func(l, c int) (int, int) { return line + l, indent + c }
	}
	text := ""
	if s, ok := v.(*ast.StringNode); ok {
		text = s.Value
	}
	at := flowPositions(data, line, col)
	return func(l, c int) (int, int) {
		if len(at) == 0 || text == "" {
			return line, col
		}
		p := at[min(textOffset(text, l, c), len(at)-1)]
		return p.line, p.col
	}
}

// blockIndent is the indentation of the first non-blank line after line
// (a block scalar's header line), or 0.
func blockIndent(data []byte, line int) int {
	lines := strings.Split(string(data), "\n")
	for i := line; i < len(lines); i++ { // lines[i] is line i+1
		if t := strings.TrimLeft(lines[i], " "); t != "" {
			return len(lines[i]) - len(t)
		}
	}
	return 0
}

// textOffset is the byte offset of line:col (col in characters) in text.
func textOffset(text string, line, col int) int {
	off := 0
	for l := 1; l < line; l++ {
		i := strings.IndexByte(text[off:], '\n')
		if i < 0 {
			return len(text)
		}
		off += i + 1
	}
	for c := 1; c < col && off < len(text) && text[off] != '\n'; c++ {
		_, n := utf8.DecodeRuneInString(text[off:])
		off += n
	}
	return off
}

// flowPositions walks a flow scalar (quoted or plain) that starts at
// line:col of data and returns, for each byte of its decoded value, where
// in the file it was written, and one more for the end. Line folding is
// approximated (a line break is one byte), which only blurs positions.
func flowPositions(data []byte, line, col int) []filePos {
	i := byteOffset(data, line, col)
	if i >= len(data) {
		return nil
	}
	quote := data[i]
	if quote != '"' && quote != '\'' {
		quote = 0
	} else {
		i, col = i+1, col+1
	}
	var out []filePos
	emit := func(n int) {
		for ; n > 0; n-- {
			out = append(out, filePos{line, col})
		}
	}
	for i < len(data) {
		r, n := utf8.DecodeRune(data[i:])
		switch {
		case quote != 0 && r == rune(quote) && quote == '\'' && i+1 < len(data) && data[i+1] == '\'':
			emit(1)
			i, col = i+2, col+2
		case quote != 0 && r == rune(quote), quote == 0 && (r == '\n' || r == '#'):
			emit(1)
			return out
		case quote == '"' && r == '\\' && i+1 < len(data):
			raw, size := escapeSize(data[i+1:])
			emit(size)
			i, col = i+1+raw, col+1+raw
		case r == '\n':
			emit(1)
			i, line, col = i+1, line+1, 1
			for i < len(data) && (data[i] == ' ' || data[i] == '\t') {
				i, col = i+1, col+1
			}
		default:
			emit(n)
			i, col = i+n, col+1
		}
	}
	return append(out, filePos{line, col})
}

// escapeSize is, for a double-quoted escape (after its \), how many bytes
// it takes in the file and how many its value takes.
func escapeSize(b []byte) (raw, size int) {
	hex := map[byte]int{'x': 2, 'u': 4, 'U': 8}[b[0]]
	if hex > 0 && len(b) > hex {
		v, err := strconv.ParseUint(string(b[1:1+hex]), 16, 32)
		if err == nil {
			return 1 + hex, max(utf8.RuneLen(rune(v)), 1)
		}
	}
	switch b[0] {
	case '\n':
		return 1, 0
	case 'N', '_':
		return 1, 2
	case 'L', 'P':
		return 1, 3
	}
	return 1, 1
}

// byteOffset is the offset in data of line:col (col in characters).
func byteOffset(data []byte, line, col int) int {
	off := 0
	for l := 1; l < line && off < len(data); l++ {
		i := bytes.IndexByte(data[off:], '\n')
		if i < 0 {
			return len(data)
		}
		off += i + 1
	}
	for c := 1; c < col && off < len(data); c++ {
		_, n := utf8.DecodeRune(data[off:])
		off += n
	}
	return off
}
