package sqlscan

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Name folds an identifier the way Postgres does: unquoted names are
// lower-cased (ASCII only, as in a UTF-8 database), quoted names keep their
// case with "" undoubled and U&"..." escapes decoded. Other tokens give
// their text lower-cased, so a keyword compares as a name.
func (t Token) Name() string {
	switch {
	case t.Kind == QuotedIdent && strings.HasPrefix(t.Text, `"`):
		return undouble(t.Text[1:], '"')
	case t.Kind == QuotedIdent: // U&"..."
		return decodeUnicode(undouble(t.Text[3:], '"'))
	}
	return asciiLower(t.Text)
}

// Value is the text a string token stands for: quotes removed, doubled
// quotes undoubled, E'...' backslash escapes and U&'...' escapes decoded,
// a dollar quote's body as written. B'...' and X'...' give their digits.
// ok is false for a token that is not a string. An unterminated string
// gives what it holds so far.
func (t Token) Value() (s string, ok bool) {
	if t.Kind != String || t.Text == "" {
		return "", false
	}
	text := t.Text
	switch c := text[0] | 0x20; {
	case text[0] == '$':
		tag := text[:strings.IndexByte(text[1:], '$')+2]
		body := text[len(tag):]
		return strings.TrimSuffix(body, tag), true
	case text[0] == '\'':
		return undouble(text[1:], '\''), true
	case c == 'e':
		return decodeBackslash(text[2:]), true
	case c == 'u':
		return decodeUnicode(undouble(text[3:], '\'')), true
	}
	return undouble(text[2:], '\''), true // B, X, N
}

// undouble reads a quoted body after its opening quote: the closing quote
// (if any) ends it, a doubled quote is one quote.
func undouble(body string, q byte) string {
	if !strings.ContainsRune(body, rune(q)) {
		return body
	}
	var b strings.Builder
	for i := 0; i < len(body); i++ {
		if body[i] == q {
			if i+1 >= len(body) || body[i+1] != q {
				break
			}
			i++
		}
		b.WriteByte(body[i])
	}
	return b.String()
}

// decodeBackslash reads an E'...' body after its opening quote.
func decodeBackslash(body string) string {
	var b strings.Builder
	for i := 0; i < len(body); i++ {
		c := body[i]
		switch {
		case c == '\'' && i+1 < len(body) && body[i+1] == '\'':
			b.WriteByte('\'')
			i++
		case c == '\'':
			return b.String()
		case c == '\\' && i+1 < len(body):
			i += backslashEscape(&b, body[i+1:])
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// backslashEscape writes the escape that follows a backslash in esc and
// returns how many bytes of esc it used.
func backslashEscape(b *strings.Builder, esc string) int {
	simple := map[byte]byte{'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}
	c := esc[0]
	if r, ok := simple[c]; ok {
		b.WriteByte(r)
		return 1
	}
	switch {
	case isOctDigit(c):
		n := prefixLen(esc, 3, isOctDigit)
		v, _ := strconv.ParseUint(esc[:n], 8, 16)
		b.WriteByte(byte(v))
		return n
	case c == 'x' && len(esc) > 1 && isHexDigit(esc[1]):
		n := prefixLen(esc[1:], 2, isHexDigit)
		v, _ := strconv.ParseUint(esc[1:1+n], 16, 8)
		b.WriteByte(byte(v))
		return 1 + n
	case (c == 'u' || c == 'U') && writeCodePoint(b, esc[1:], map[byte]int{'u': 4, 'U': 8}[c]):
		return 1 + map[byte]int{'u': 4, 'U': 8}[c]
	}
	b.WriteByte(c)
	return 1
}

// decodeUnicode decodes \XXXX and \+XXXXXX escapes (and \\) of a U&
// literal whose escape character is the default backslash.
func decodeUnicode(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] != '\\' || i+1 >= len(s):
			b.WriteByte(s[i])
		case s[i+1] == '\\':
			b.WriteByte('\\')
			i++
		case s[i+1] == '+' && writeCodePoint(&b, s[i+2:], 6):
			i += 7
		case writeCodePoint(&b, s[i+1:], 4):
			i += 4
		default:
			b.WriteByte('\\')
		}
	}
	return b.String()
}

// writeCodePoint writes the code point spelled by the first n hex digits of
// s, reporting false (writing nothing) when they are not there or invalid.
func writeCodePoint(b *strings.Builder, s string, n int) bool {
	if prefixLen(s, n, isHexDigit) != n {
		return false
	}
	v, err := strconv.ParseUint(s[:n], 16, 32)
	if err != nil || !utf8.ValidRune(rune(v)) {
		return false
	}
	b.WriteRune(rune(v))
	return true
}

// prefixLen counts the leading bytes of s (at most max) that pass ok.
func prefixLen(s string, max int, ok func(byte) bool) int {
	n := 0
	for n < len(s) && n < max && ok(s[n]) {
		n++
	}
	return n
}

func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if b[j] >= 'A' && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}
