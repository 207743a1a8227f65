package sqllex

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind classifies SQL tokens. The lexer follows Postgres's rules closely
// enough that nothing inside a string, quoted identifier or comment is ever
// mistaken for a keyword: translation only ever edits Ident and Punctuation tokens.
type Kind int

const (
	Space   Kind = iota
	Comment      // -- to end of line, or /* */ (nested, as in Postgres)
	Ident        // unquoted identifier or keyword
	Quoted       // "quoted identifier", U&"..."
	String       // '...', E'...', B'...', X'...', N'...', U&'...', $tag$...$tag$
	Number
	Param       // $1
	Punctuation // one character, or ::
)

// Token is a half-open byte range [Start, End) of the source.
type Token struct {
	Kind       Kind
	Start, End int
	Text       string
}

// Lex splits src into tokens covering every byte. Unterminated strings,
// identifiers and comments run to the end of the input; the server reports
// those, jig only has to not misread them.
func Lex(src string) []Token {
	var toks []Token
	for i := 0; i < len(src); {
		kind, end := lexOne(src, i)
		if end <= i { // never loop forever, whatever the input
			end = i + 1
		}
		toks = append(toks, Token{Kind: kind, Start: i, End: end, Text: src[i:end]})
		i = end
	}
	return toks
}

func lexOne(src string, i int) (Kind, int) {
	c := src[i]
	switch {
	case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
		j := i
		for j < len(src) && strings.IndexByte(" \t\n\r\f\v", src[j]) >= 0 {
			j++
		}
		return Space, j
	case strings.HasPrefix(src[i:], "--"):
		if j := strings.IndexByte(src[i:], '\n'); j >= 0 {
			return Comment, i + j
		}
		return Comment, len(src)
	case strings.HasPrefix(src[i:], "/*"):
		return Comment, blockCommentEnd(src, i)
	case c == '\'':
		return String, quotedEnd(src, i+1, '\'', false)
	case c == '"':
		return Quoted, quotedEnd(src, i+1, '"', false)
	case c == '$':
		if end, ok := dollarQuoteEnd(src, i); ok {
			return String, end
		}
		j := i + 1
		for j < len(src) && IsDigit(src[j]) {
			j++
		}
		return Param, j
	case IsDigit(c) || (c == '.' && i+1 < len(src) && IsDigit(src[i+1])):
		return Number, numberEnd(src, i)
	case c == ':' && strings.HasPrefix(src[i:], "::"):
		return Punctuation, i + 2
	}
	r, n := utf8.DecodeRuneInString(src[i:])
	if !isIdentStart(r) {
		return Punctuation, i + n
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
func lexPrefixed(src string, i, j int) (Kind, int) {
	word := strings.ToLower(src[i:j])
	if j < len(src) && src[j] == '\'' {
		switch word {
		case "e":
			return String, quotedEnd(src, j+1, '\'', true)
		case "b", "x", "n":
			return String, quotedEnd(src, j+1, '\'', false)
		}
	}
	if word == "u" && strings.HasPrefix(src[j:], "&'") {
		return String, quotedEnd(src, j+2, '\'', false)
	}
	if word == "u" && strings.HasPrefix(src[j:], `&"`) {
		return Quoted, quotedEnd(src, j+2, '"', false)
	}
	return Ident, j
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
	for j < len(src) && (IsDigit(src[j]) || src[j] == '.' || src[j] == '_') {
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
		if k < len(src) && IsDigit(src[k]) {
			for j = k; j < len(src) && IsDigit(src[j]); j++ {
			}
		}
	}
	return j
}

// IsDigit reports whether c is an ASCII digit.
func IsDigit(c byte) bool { return c >= '0' && c <= '9' }

func isIdentStart(r rune) bool {
	return r == '_' || (r < utf8.RuneSelf && (r|0x20 >= 'a' && r|0x20 <= 'z')) || (r >= utf8.RuneSelf && r != utf8.RuneError)
}

// Significant drops spaces and comments.
func Significant(toks []Token) []Token {
	out := make([]Token, 0, len(toks))
	for _, t := range toks {
		if t.Kind != Space && t.Kind != Comment {
			out = append(out, t)
		}
	}
	return out
}

// Is reports whether t is the unquoted keyword kw (case-insensitive).
func (t Token) Is(kw string) bool { return t.Kind == Ident && strings.EqualFold(t.Text, kw) }

// Punct reports whether t is the punctuation p.
func (t Token) Punct(p string) bool { return t.Kind == Punctuation && t.Text == p }

// IdentName folds an identifier the way Postgres does: unquoted names are
// lower-cased (ASCII only), quoted names keep their case with "" undoubled.
func IdentName(t Token) string {
	if t.Kind == Quoted && strings.HasPrefix(t.Text, `"`) {
		s := strings.TrimPrefix(t.Text, `"`)
		s = strings.TrimSuffix(s, `"`)
		return strings.ReplaceAll(s, `""`, `"`)
	}
	return Lower(t.Text)
}

// Lower lower-cases ASCII letters only, as Postgres folds unquoted names.
func Lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// MatchParen returns the index of the ")" closing st[i], or len(st)-1.
func MatchParen(st []Token, i int) int {
	depth := 0
	for j := i; j < len(st); j++ {
		switch {
		case st[j].Punct("("):
			depth++
		case st[j].Punct(")"):
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return len(st) - 1
}
