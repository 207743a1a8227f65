package rows

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/jig-sql/jig/workspace"
)

func parseInt(k kind, s string) (string, string, error) {
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return "", fmt.Sprintf("out of range %d to %d", -intLimit(k)-1, intLimit(k)), err
		}
		return "", "", err
	}
	if v > intLimit(k) || v < -intLimit(k)-1 {
		return "", fmt.Sprintf("out of range %d to %d", -intLimit(k)-1, intLimit(k)), errSyntax
	}
	return strconv.FormatInt(v, 10), "", nil
}

// parseNumeric normalises a decimal the way numeric's input and output do:
// exponent applied, leading zeros dropped, rounded half away from zero to
// the column's scale, which is then always printed in full.
func parseNumeric(t workspace.Type, s string) (string, string, error) {
	switch strings.ToLower(s) {
	case "nan":
		return "NaN", "", nil
	case "infinity", "inf", "+infinity", "+inf", "-infinity", "-inf":
		if t.Precision > 0 {
			return "", "infinity does not fit a numeric with precision", errSyntax
		}
		if s[0] == '-' {
			return "-Infinity", "", nil
		}
		return "Infinity", "", nil
	}
	neg, intPart, frac, ok := splitDecimal(s)
	if !ok {
		return "", "", errSyntax
	}
	if t.Precision > 0 {
		intPart, frac = roundDecimal(intPart, frac, t.Scale)
		if before := len(strings.TrimLeft(intPart, "0")); before > t.Precision-t.Scale {
			return "", fmt.Sprintf("more than %d digits before the point", t.Precision-t.Scale), errSyntax
		}
	}
	out := intPart
	if frac != "" {
		out += "." + frac
	}
	if neg && strings.Trim(out, "0.") != "" {
		out = "-" + out
	}
	return out, "", nil
}

// splitDecimal reads [sign]digits[.digits][e[sign]digits] and applies the
// exponent: the integer part without leading zeros ("0" for none) and the
// fraction digits.
func splitDecimal(s string) (neg bool, intPart, frac string, ok bool) {
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg, s = s[0] == '-', s[1:]
	}
	mant, exp := s, 0
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		e, err := strconv.Atoi(s[i+1:])
		if err != nil || e > 1000 || e < -1000 || strings.HasPrefix(s[i+1:], "+-") {
			return false, "", "", false
		}
		mant, exp = s[:i], e
	}
	ip, fp, _ := strings.Cut(mant, ".")
	if ip+fp == "" || !allDigits(ip) || !allDigits(fp) {
		return false, "", "", false
	}
	digits, point := ip+fp, len(ip)+exp
	if point < 0 {
		digits, point = strings.Repeat("0", -point)+digits, 0
	}
	if point > len(digits) {
		digits += strings.Repeat("0", point-len(digits))
	}
	intPart = strings.TrimLeft(digits[:point], "0")
	if intPart == "" {
		intPart = "0"
	}
	return neg, intPart, digits[point:], true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// roundDecimal rounds to scale digits, half away from zero, and pads.
func roundDecimal(intPart, frac string, scale int) (string, string) {
	if len(frac) <= scale {
		return intPart, frac + strings.Repeat("0", scale-len(frac))
	}
	up := frac[scale] >= '5'
	digits := []byte(intPart + frac[:scale])
	for i := len(digits) - 1; up && i >= 0; i-- {
		if digits[i] == '9' {
			digits[i] = '0'
			continue
		}
		digits[i]++
		up = false
	}
	if up {
		digits = append([]byte{'1'}, digits...)
	}
	n := len(digits) - scale
	ip := strings.TrimLeft(string(digits[:n]), "0")
	if ip == "" {
		ip = "0"
	}
	return ip, string(digits[n:])
}

// parseFloat accepts what float4in/float8in accept (decimal, exponent,
// NaN, Infinity) and prints it as Postgres prints the shortest exact form.
func parseFloat(k kind, s string) (string, error) {
	bits, expLimit := 64, 15
	if k == kFloat4 {
		bits, expLimit = 32, 6
	}
	switch strings.ToLower(strings.TrimPrefix(s, "+")) {
	case "nan":
		return "NaN", nil
	case "infinity", "inf":
		return "Infinity", nil
	case "-infinity", "-inf":
		return "-Infinity", nil
	}
	if s == "" || strings.ContainsAny(s, "xXpP_iInN") {
		return "", errSyntax
	}
	f, err := strconv.ParseFloat(s, bits)
	if err != nil {
		return "", err
	}
	if f != 0 && math.Abs(f) < smallestNormal(bits) {
		return "", errSyntax // Postgres reports underflow
	}
	return formatFloat(f, bits, expLimit), nil
}

func smallestNormal(bits int) float64 {
	if bits == 32 {
		return 0x1p-149
	}
	return 0x1p-1074
}

func formatFloat(f float64, bits, expLimit int) string {
	e := strconv.FormatFloat(f, 'e', -1, bits)
	_, exp, _ := strings.Cut(e, "e")
	x, _ := strconv.Atoi(exp)
	if x < -4 || x >= expLimit {
		return e
	}
	return strconv.FormatFloat(f, 'f', -1, bits)
}

// parseBool accepts what boolin accepts: t/true/yes/on/1, f/false/no/off/0,
// any letter case, unique prefixes.
func parseBool(s string) (string, error) {
	l := strings.ToLower(strings.TrimSpace(s))
	if l == "" {
		return "", errSyntax
	}
	for _, w := range []struct {
		word string
		min  int
		v    string
	}{{"true", 1, "true"}, {"yes", 1, "true"}, {"on", 2, "true"}, {"1", 1, "true"},
		{"false", 1, "false"}, {"no", 1, "false"}, {"off", 2, "false"}, {"0", 1, "false"}} {
		if len(l) >= w.min && strings.HasPrefix(w.word, l) {
			return w.v, nil
		}
	}
	return "", errSyntax
}
