package workspace

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokKind classifies SQL tokens. The lexer follows Postgres's rules closely
// enough that nothing inside a string, quoted identifier or comment is ever
// mistaken for a keyword: translation only ever edits tkIdent and tkPunct.
type tokKind int

const (
	tkSpace   tokKind = iota
	tkComment         // -- to end of line, or /* */ (nested, as in Postgres)
	tkIdent           // unquoted identifier or keyword
	tkQuoted          // "quoted identifier", U&"..."
	tkString          // '...', E'...', B'...', X'...', N'...', U&'...', $tag$...$tag$
	tkNumber
	tkParam // $1
	tkPunct // one character, or ::
)

// token is a half-open byte range [Start, End) of the source.
type token struct {
	Kind       tokKind
	Start, End int
	Text       string
}

// lexSQL splits src into tokens covering every byte. Unterminated strings,
// identifiers and comments run to the end of the input; the server reports
// those, jig only has to not misread them.
func lexSQL(src string) []token {
	var toks []token
	for i := 0; i < len(src); {
		kind, end := lexOne(src, i)
		if end <= i { // never loop forever, whatever the input
			end = i + 1
		}
		toks = append(toks, token{Kind: kind, Start: i, End: end, Text: src[i:end]})
		i = end
	}
	return toks
}

func lexOne(src string, i int) (tokKind, int) {
	c := src[i]
	switch {
	case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
		j := i
		for j < len(src) && strings.IndexByte(" \t\n\r\f\v", src[j]) >= 0 {
			j++
		}
		return tkSpace, j
	case strings.HasPrefix(src[i:], "--"):
		if j := strings.IndexByte(src[i:], '\n'); j >= 0 {
			return tkComment, i + j
		}
		return tkComment, len(src)
	case strings.HasPrefix(src[i:], "/*"):
		return tkComment, blockCommentEnd(src, i)
	case c == '\'':
		return tkString, quotedEnd(src, i+1, '\'', false)
	case c == '"':
		return tkQuoted, quotedEnd(src, i+1, '"', false)
	case c == '$':
		if end, ok := dollarQuoteEnd(src, i); ok {
			return tkString, end
		}
		j := i + 1
		for j < len(src) && isDigit(src[j]) {
			j++
		}
		return tkParam, j
	case isDigit(c) || (c == '.' && i+1 < len(src) && isDigit(src[i+1])):
		return tkNumber, numberEnd(src, i)
	case c == ':' && strings.HasPrefix(src[i:], "::"):
		return tkPunct, i + 2
	}
	r, n := utf8.DecodeRuneInString(src[i:])
	if !isIdentStart(r) {
		return tkPunct, i + n
	}
	j := i + n
	for j < len(src) {
		r, n := utf8.DecodeRuneInString(src[j:])
		if !isIdentStart(r) && !unicode.IsDigit(r) && r != '$' {
			break
		}
		j += n
	}
	return lexPrefixed(src, i, j)
}

// lexPrefixed handles E'..', B'..', X'..', N'..', U&'..' and U&"..".
func lexPrefixed(src string, i, j int) (tokKind, int) {
	word := strings.ToLower(src[i:j])
	if j < len(src) && src[j] == '\'' {
		switch word {
		case "e":
			return tkString, quotedEnd(src, j+1, '\'', true)
		case "b", "x", "n":
			return tkString, quotedEnd(src, j+1, '\'', false)
		}
	}
	if word == "u" && strings.HasPrefix(src[j:], "&'") {
		return tkString, quotedEnd(src, j+2, '\'', false)
	}
	if word == "u" && strings.HasPrefix(src[j:], `&"`) {
		return tkQuoted, quotedEnd(src, j+2, '"', false)
	}
	return tkIdent, j
}

// quotedEnd finds the end of a quoted run starting after the opening quote;
// a doubled quote is an escaped quote, and with backslash a \ escapes the
// next byte (E” strings).
func quotedEnd(src string, j int, q byte, backslash bool) int {
	for j < len(src) {
		switch {
		case backslash && src[j] == '\\':
			j += 2
		case src[j] == q && j+1 < len(src) && src[j+1] == q:
			j += 2
		case src[j] == q:
			return j + 1
		default:
			j++
		}
	}
	return len(src)
}

func blockCommentEnd(src string, i int) int {
	depth := 0
	for j := i; j < len(src); {
		switch {
		case strings.HasPrefix(src[j:], "/*"):
			depth++
			j += 2
		case strings.HasPrefix(src[j:], "*/"):
			depth--
			j += 2
			if depth == 0 {
				return j
			}
		default:
			j++
		}
	}
	return len(src)
}

// dollarQuoteEnd recognises $tag$...$tag$ (tag empty or an identifier not
// starting with a digit).
func dollarQuoteEnd(src string, i int) (int, bool) {
	j := i + 1
	for j < len(src) && src[j] != '$' {
		r, n := utf8.DecodeRuneInString(src[j:])
		if !(isIdentStart(r) || (j > i+1 && unicode.IsDigit(r))) {
			return 0, false
		}
		j += n
	}
	if j >= len(src) {
		return 0, false
	}
	tag := src[i : j+1]
	if k := strings.Index(src[j+1:], tag); k >= 0 {
		return j + 1 + k + len(tag), true
	}
	return len(src), true
}

func numberEnd(src string, i int) int {
	j := i
	for j < len(src) && (isDigit(src[j]) || src[j] == '.' || src[j] == '_') {
		if src[j] == '.' && strings.HasPrefix(src[j:], "..") {
			break
		}
		j++
	}
	if j < len(src) && (src[j] == 'e' || src[j] == 'E') {
		k := j + 1
		if k < len(src) && (src[k] == '+' || src[k] == '-') {
			k++
		}
		if k < len(src) && isDigit(src[k]) {
			for j = k; j < len(src) && isDigit(src[j]); j++ {
			}
		}
	}
	return j
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isIdentStart(r rune) bool {
	return r == '_' || (r < utf8.RuneSelf && (r|0x20 >= 'a' && r|0x20 <= 'z')) || (r >= utf8.RuneSelf && r != utf8.RuneError)
}

// significant drops spaces and comments.
func significant(toks []token) []token {
	out := make([]token, 0, len(toks))
	for _, t := range toks {
		if t.Kind != tkSpace && t.Kind != tkComment {
			out = append(out, t)
		}
	}
	return out
}

// is reports whether t is the unquoted keyword kw (case-insensitive).
func (t token) is(kw string) bool { return t.Kind == tkIdent && strings.EqualFold(t.Text, kw) }

// punct reports whether t is the punctuation p.
func (t token) punct(p string) bool { return t.Kind == tkPunct && t.Text == p }

// identName folds an identifier the way Postgres does: unquoted names are
// lower-cased (ASCII only), quoted names keep their case with "" undoubled.
func identName(t token) string {
	if t.Kind == tkQuoted && strings.HasPrefix(t.Text, `"`) {
		s := strings.TrimPrefix(t.Text, `"`)
		s = strings.TrimSuffix(s, `"`)
		return strings.ReplaceAll(s, `""`, `"`)
	}
	return asciiLower(t.Text)
}

func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
