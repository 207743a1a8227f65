package checks

import (
	"math/big"
	"strings"
	"unicode"
)

// lexed is what a search reads from SQL text: the identifiers it uses
// (lower case; quoted ones as written) and the literals it compares with.
type lexed struct {
	idents  map[string]bool
	strings []string
	numbers []*big.Rat
}

// lex scans SQL loosely: enough to find names and literals, never to
// judge the SQL (the server does that).
func lex(sql string) lexed {
	lx := lexed{idents: map[string]bool{}}
	r := []rune(sql)
	for i := 0; i < len(r); {
		c := r[i]
		switch {
		case c == '-' && i+1 < len(r) && r[i+1] == '-':
			for i < len(r) && r[i] != '\n' {
				i++
			}
		case c == '\'' || c == '"':
			s, n := quoted(r[i:], c)
			if c == '\'' {
				lx.strings = append(lx.strings, s)
			} else {
				lx.idents[s] = true
			}
			i += n
		case unicode.IsLetter(c) || c == '_':
			j := i
			for j < len(r) && (unicode.IsLetter(r[j]) || unicode.IsDigit(r[j]) || r[j] == '_' || r[j] == '$') {
				j++
			}
			lx.idents[strings.ToLower(string(r[i:j]))] = true
			i = j
		case unicode.IsDigit(c):
			j := i
			for j < len(r) && (unicode.IsDigit(r[j]) || r[j] == '.') {
				j++
			}
			if n, ok := new(big.Rat).SetString(strings.TrimSuffix(string(r[i:j]), ".")); ok {
				lx.numbers = append(lx.numbers, n)
			}
			i = j
		default:
			i++
		}
	}
	return lx
}

// quoted reads a literal or quoted identifier starting at r[0] == q, a
// doubled quote standing for one; it returns the text and runes consumed.
func quoted(r []rune, q rune) (string, int) {
	var b strings.Builder
	i := 1
	for i < len(r) {
		if r[i] == q {
			if i+1 < len(r) && r[i+1] == q {
				b.WriteRune(q)
				i += 2
				continue
			}
			return b.String(), i + 1
		}
		b.WriteRune(r[i])
		i++
	}
	return b.String(), i
}
