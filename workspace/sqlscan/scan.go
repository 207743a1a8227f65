package sqlscan

import (
	"strings"
	"unicode/utf8"
)

// Scan splits src into tokens covering every byte, in order. It never
// fails and never panics; see the package doc for the rules.
func Scan(src string) []Token {
	toks := make([]Token, 0, len(src)/4+1)
	line, col := 1, 1
	for i := 0; i < len(src); {
		kind, end, msg := scanOne(src, i)
		if end <= i { // never loop forever, whatever the input
			end = i + 1
		}
		t := Token{Kind: kind, Text: src[i:end], Offset: i, Line: line, Col: col}
		if msg != "" {
			t.Err = &Error{Offset: i, Line: line, Col: col, Msg: msg}
		}
		toks = append(toks, t)
		line, col = advance(t.Text, line, col)
		i = end
	}
	return toks
}

// advance moves line:col over text: a newline starts a line, every other
// character (an invalid UTF-8 byte counts as one) is one column.
func advance(text string, line, col int) (int, int) {
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case c == '\n':
			line, col = line+1, 1
			i++
		case c < utf8.RuneSelf:
			col++
			i++
		default:
			_, n := utf8.DecodeRuneInString(text[i:])
			col++
			i += n
		}
	}
	return line, col
}

// scanOne reads the token at src[i]: its kind, end, and a problem if any.
func scanOne(src string, i int) (Kind, int, string) {
	c := src[i]
	switch {
	case isSpace(c):
		j := i + 1
		for j < len(src) && isSpace(src[j]) {
			j++
		}
		return Space, j, ""
	case strings.HasPrefix(src[i:], "--"):
		j := i + 2
		for j < len(src) && src[j] != '\n' && src[j] != '\r' {
			j++
		}
		return Comment, j, ""
	case strings.HasPrefix(src[i:], "/*"):
		end, ok := blockCommentEnd(src, i)
		return Comment, end, problem(ok, "unterminated /* comment; close it with */")
	case c == '\'':
		end, ok := quotedEnd(src, i+1, '\'', false)
		return String, end, problem(ok, "unterminated quoted string; close it with '")
	case c == '"':
		end, ok := quotedEnd(src, i+1, '"', false)
		return QuotedIdent, end, problem(ok, `unterminated quoted identifier; close it with "`)
	case c == '$':
		return scanDollar(src, i)
	case isDigit(c) || (c == '.' && i+1 < len(src) && isDigit(src[i+1])):
		return Number, numberEnd(src, i), ""
	case isIdentStart(c):
		return scanWord(src, i)
	case isOpChar(c):
		return Op, operatorEnd(src, i), ""
	}
	for _, p := range [...]string{"::", ":=", ".."} {
		if strings.HasPrefix(src[i:], p) {
			return Punct, i + 2, ""
		}
	}
	return Punct, i + 1, ""
}

func problem(ok bool, msg string) string {
	if ok {
		return ""
	}
	return msg
}

// scanWord reads an identifier or keyword, or a prefixed string when the
// word is exactly E, B, X, N or U followed by a quote (U&' and U&").
func scanWord(src string, i int) (Kind, int, string) {
	j := i + 1
	for j < len(src) && isIdentCont(src[j]) {
		j++
	}
	if j != i+1 || j >= len(src) {
		return Ident, j, ""
	}
	switch c := src[i] | 0x20; {
	case src[j] == '\'' && c == 'e':
		end, ok := quotedEnd(src, j+1, '\'', true)
		return String, end, problem(ok, "unterminated E'...' string; close it with '")
	case src[j] == '\'' && (c == 'b' || c == 'x' || c == 'n'):
		end, ok := quotedEnd(src, j+1, '\'', false)
		return String, end, problem(ok, "unterminated quoted string; close it with '")
	case c == 'u' && strings.HasPrefix(src[j:], "&'"):
		end, ok := quotedEnd(src, j+2, '\'', false)
		return String, end, problem(ok, "unterminated U&'' string; close it with '")
	case c == 'u' && strings.HasPrefix(src[j:], `&"`):
		end, ok := quotedEnd(src, j+2, '"', false)
		return QuotedIdent, end, problem(ok, `unterminated quoted identifier; close it with "`)
	}
	return Ident, j, ""
}

// quotedEnd finds the end of a quoted run starting after the opening
// quote q: a doubled quote is an escaped quote and, with backslash, a \
// escapes the next byte (E'...' strings). ok is false when it runs out.
func quotedEnd(src string, j int, q byte, backslash bool) (int, bool) {
	for j < len(src) {
		switch {
		case backslash && src[j] == '\\':
			j += 2
		case src[j] != q:
			j++
		case j+1 < len(src) && src[j+1] == q:
			j += 2
		default:
			return j + 1, true
		}
	}
	return len(src), false
}

// blockCommentEnd finds the end of the /* comment at src[i], counting
// nested /* */ pairs as Postgres does.
func blockCommentEnd(src string, i int) (int, bool) {
	depth := 1
	for j := i + 2; j+1 < len(src); {
		switch {
		case src[j] == '/' && src[j+1] == '*':
			depth++
			j += 2
		case src[j] == '*' && src[j+1] == '/':
			depth--
			j += 2
			if depth == 0 {
				return j, true
			}
		default:
			j++
		}
	}
	return len(src), false
}

// scanDollar reads $1 (a parameter), $tag$...$tag$ or $$...$$ (a string),
// or a lone $ (punctuation; the server will reject it).
func scanDollar(src string, i int) (Kind, int, string) {
	j := i + 1
	if j < len(src) && isDigit(src[j]) {
		return Param, digitsEnd(src, j, isDigit), ""
	}
	if j < len(src) && isIdentStart(src[j]) {
		for j++; j < len(src) && isIdentCont(src[j]) && src[j] != '$'; j++ {
		}
	}
	if j >= len(src) || src[j] != '$' {
		return Punct, i + 1, ""
	}
	tag := src[i : j+1]
	if k := strings.Index(src[j+1:], tag); k >= 0 {
		return String, j + 1 + k + len(tag), ""
	}
	return String, len(src), "unterminated dollar-quoted string; close it with " + tag
}
