package sqlscan

import "strings"

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

func isDigit(c byte) bool    { return c >= '0' && c <= '9' }
func isHexDigit(c byte) bool { return isDigit(c) || (c|0x20 >= 'a' && c|0x20 <= 'f') }
func isOctDigit(c byte) bool { return c >= '0' && c <= '7' }
func isBinDigit(c byte) bool { return c == '0' || c == '1' }

// isIdentStart is Postgres's ident_start: a letter, _, or any byte of a
// non-ASCII character.
func isIdentStart(c byte) bool {
	return c == '_' || (c|0x20 >= 'a' && c|0x20 <= 'z') || c >= 0x80
}

// isIdentCont is Postgres's ident_cont: ident_start, a digit, or $.
func isIdentCont(c byte) bool { return isIdentStart(c) || isDigit(c) || c == '$' }

// isOpChar is Postgres's op_chars.
func isOpChar(c byte) bool { return strings.IndexByte("~!@#^&|`?+-*/%<>=", c) >= 0 }

// digitsEnd reads digits (with single _ separators) from src[j].
func digitsEnd(src string, j int, digit func(byte) bool) int {
	for j < len(src) {
		switch {
		case digit(src[j]):
			j++
		case src[j] == '_' && j+1 < len(src) && digit(src[j+1]) && j > 0 && digit(src[j-1]):
			j++
		default:
			return j
		}
	}
	return j
}

// numberEnd reads an integer, a decimal (1., 1.5, .5), a real (1e-3) or a
// 0x / 0o / 0b integer. "1..2" is 1 then ..: an array slice, not 1. then .2.
func numberEnd(src string, i int) int {
	if src[i] == '0' && i+2 < len(src) {
		var digit func(byte) bool
		switch src[i+1] | 0x20 {
		case 'x':
			digit = isHexDigit
		case 'o':
			digit = isOctDigit
		case 'b':
			digit = isBinDigit
		}
		k := i + 2
		if digit != nil && k < len(src) && src[k] == '_' {
			k++
		}
		if digit != nil && k < len(src) && digit(src[k]) {
			return digitsEnd(src, k, digit)
		}
	}
	j := digitsEnd(src, i, isDigit)
	if j < len(src) && src[j] == '.' && !strings.HasPrefix(src[j:], "..") {
		j = digitsEnd(src, j+1, isDigit)
	}
	if j < len(src) && src[j]|0x20 == 'e' {
		k := j + 1
		if k < len(src) && (src[k] == '+' || src[k] == '-') {
			k++
		}
		if k < len(src) && isDigit(src[k]) {
			j = digitsEnd(src, k, isDigit)
		}
	}
	return j
}

// operatorEnd cuts an operator as Postgres does: a run of op_chars, ended
// early by -- or /* (a comment starts there), and not ending in + or -
// unless it holds one of ~ ! @ # % ^ & | ` ? (so "=-1" is = then -1).
func operatorEnd(src string, i int) int {
	j := i
	for j < len(src) && isOpChar(src[j]) {
		if j > i && (strings.HasPrefix(src[j:], "--") || strings.HasPrefix(src[j:], "/*")) {
			break
		}
		j++
	}
	if j-i > 1 && !strings.ContainsAny(src[i:j], "~!@#%^&|`?") {
		for j-i > 1 && (src[j-1] == '+' || src[j-1] == '-') {
			j--
		}
	}
	return j
}
