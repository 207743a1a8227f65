package rows

import (
	"fmt"
	"strings"
)

// Tokens of the CHECK expressions Postgres prints (pg_get_constraintdef):
// fully parenthesised, casts as ::type, IN lists as = ANY (ARRAY[...]).

type tokKind uint8

const (
	tEOF tokKind = iota
	tIdent
	tString
	tNumber
	tOp
	tPunct // ( ) [ ] , .
)

type token struct {
	kind   tokKind
	text   string // identifiers lower-cased unless quoted; strings unquoted
	quoted bool
}

func lexCheck(s string) ([]token, error) {
	var out []token
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '\'':
			j, text, err := lexString(s, i+1)
			if err != nil {
				return nil, err
			}
			out, i = append(out, token{kind: tString, text: text}), j
		case c == '"':
			j := i + 1
			var b strings.Builder
			for ; j < len(s); j++ {
				if s[j] == '"' {
					if j+1 < len(s) && s[j+1] == '"' {
						b.WriteByte('"')
						j++
						continue
					}
					break
				}
				b.WriteByte(s[j])
			}
			if j >= len(s) {
				return nil, fmt.Errorf("unterminated quoted identifier")
			}
			out, i = append(out, token{kind: tIdent, text: b.String(), quoted: true}), j+1
		case c >= '0' && c <= '9':
			j := i
			for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == '.' ||
				s[j] == 'e' || s[j] == 'E' || (s[j] == '-' || s[j] == '+') && (s[j-1] == 'e' || s[j-1] == 'E')) {
				j++
			}
			out, i = append(out, token{kind: tNumber, text: s[i:j]}), j
		case isIdentStart(c):
			j := i
			for j < len(s) && (isIdentStart(s[j]) || s[j] >= '0' && s[j] <= '9' || s[j] == '$') {
				j++
			}
			if c == 'E' || c == 'e' { // E'...' escape string: treat as plain
				if j == i+1 && j < len(s) && s[j] == '\'' {
					i++
					continue
				}
			}
			out, i = append(out, token{kind: tIdent, text: strings.ToLower(s[i:j])}), j
		case strings.ContainsRune("()[],.", rune(c)):
			out, i = append(out, token{kind: tPunct, text: s[i : i+1]}), i+1
		default:
			j := i
			for j < len(s) && strings.ContainsRune("<>=!~*+-/%^&|#@:", rune(s[j])) {
				j++
			}
			if j == i {
				return nil, fmt.Errorf("unexpected %q", c)
			}
			out, i = append(out, token{kind: tOp, text: s[i:j]}), j
		}
	}
	return append(out, token{kind: tEOF}), nil
}

func lexString(s string, i int) (int, string, error) {
	var b strings.Builder
	for ; i < len(s); i++ {
		if s[i] == '\'' {
			if i+1 < len(s) && s[i+1] == '\'' {
				b.WriteByte('\'')
				i++
				continue
			}
			return i + 1, b.String(), nil
		}
		b.WriteByte(s[i])
	}
	return 0, "", fmt.Errorf("unterminated string")
}

func isIdentStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80
}
