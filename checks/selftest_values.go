package checks

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"

	"github.com/jig-sql/jig/workspace"
)

// Value kinds a self-test knows how to write, by pg_type name.
var (
	textBases   = map[string]bool{"text": true, "varchar": true, "bpchar": true, "name": true, "citext": true}
	intBases    = map[string]bool{"int2": true, "int4": true, "int8": true}
	floatBases  = map[string]bool{"numeric": true, "float4": true, "float8": true, "money": true}
	timeBases   = map[string]bool{"timestamp": true, "timestamptz": true}
	scalarBases = map[string]string{
		"date": "2024-01-%02d", "time": "12:00:%02d", "timetz": "12:00:%02d+00",
		"uuid": "00000000-0000-4000-8000-%012d", "interval": "%d hours",
		"inet": "10.0.0.%d", "cidr": "10.0.%d.0/24", "json": `{"jig": %d}`, "jsonb": `{"jig": %d}`,
	}
)

// isText reports whether a column holds strings a check can compare as text.
func isText(t workspace.Type) bool { return !t.IsArray() && textBases[t.Base] }

// isNumber reports whether a column holds numbers.
func isNumber(t workspace.Type) bool {
	return !t.IsArray() && (intBases[t.Base] || floatBases[t.Base])
}

// sample is the i-th of a series of distinct values of type t; text values
// start with word. It reports false for types it cannot write (arrays,
// composite types); the row factory still fills those.
func sample(t workspace.Type, word string, i int) (any, bool) {
	switch {
	case t.IsArray():
		return nil, false
	case t.IsEnum():
		return t.Enum[i%len(t.Enum)], true
	case textBases[t.Base]:
		if i == 0 {
			return fitText(word, t), true
		}
		return fitText(fmt.Sprintf("%s_%d", word, i), t), true
	case intBases[t.Base] || floatBases[t.Base]:
		return int64(i + 1), true
	case t.Base == "bool":
		return i%2 == 0, true
	case timeBases[t.Base]:
		return fmt.Sprintf("2024-01-%02d 12:00:00", i%28+1), true
	}
	if f, ok := scalarBases[t.Base]; ok {
		n := i + 1
		if t.Base == "date" {
			n = i%28 + 1
		}
		return fmt.Sprintf(f, n), true
	}
	return nil, false
}

// fitText cuts s to a varchar(n)/char(n) limit, keeping its end so that
// numbered values stay distinct.
func fitText(s string, t workspace.Type) string {
	r := []rune(s)
	if t.Length > 0 && len(r) > t.Length {
		return string(r[len(r)-t.Length:])
	}
	return s
}

// others returns up to n values of type t that are none of values, trying
// text, then numbers; nil when it cannot think of one.
func others(t workspace.Type, values []string, n int) []any {
	var cands []any
	switch {
	case isText(t):
		for _, s := range []string{"jig_other", "x", "zz", "jig_other_2", "?"} {
			cands = append(cands, fitText(s, t))
		}
	case isNumber(t):
		for _, v := range []int64{0, -1, 1, 999999, -999999} {
			cands = append(cands, v)
		}
	case t.Base == "bool":
		cands = []any{true, false}
	default:
		for i := 100; i < 105; i++ {
			if v, ok := sample(t, "jig", i); ok {
				cands = append(cands, v)
			}
		}
	}
	var out []any
	for _, c := range cands {
		if len(out) < n && !listed(fmt.Sprint(c), values, t) && !containsValue(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// listed reports whether v is one of values, comparing numbers as numbers
// and booleans by their Postgres spellings.
func listed(v string, values []string, t workspace.Type) bool {
	for _, x := range values {
		switch {
		case x == v,
			isNumber(t) && sameNumber(x, v),
			t.Base == "bool" && boolText(x) != "" && boolText(x) == boolText(v):
			return true
		}
	}
	return false
}

// sameNumber reports whether two texts are the same number.
func sameNumber(a, b string) bool {
	x, ok1 := new(big.Rat).SetString(a)
	y, ok2 := new(big.Rat).SetString(b)
	return ok1 && ok2 && x.Cmp(y) == 0
}

// boolText normalises a boolean spelling to "t" or "f", "" when it is none.
func boolText(s string) string {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "t", "true", "yes", "y", "on", "1":
		return "t"
	case "f", "false", "no", "n", "off", "0":
		return "f"
	}
	return ""
}

// containsValue reports whether list holds v.
func containsValue(list []any, v any) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// ratText writes an exact number as Postgres reads it: an integer bare, a
// fraction in decimals (up to 12 places; bounds are decimals to begin with).
func ratText(r *big.Rat) string {
	if r.IsInt() {
		return r.Num().String()
	}
	return strings.TrimRight(strings.TrimRight(r.FloatString(12), "0"), ".")
}

// floorRat is the largest integer not above r.
func floorRat(r *big.Rat) *big.Rat {
	q := new(big.Int).Div(r.Num(), r.Denom()) // Euclidean: floors for a positive denominator
	return new(big.Rat).SetInt(q)
}

// numberValue is a number's YAML-like value: int64 or float64 when one
// holds it exactly as written, else its text (the column's type reads it).
func numberValue(r *big.Rat) any {
	if r.IsInt() && r.Num().IsInt64() {
		return r.Num().Int64()
	}
	text := ratText(r)
	if f, _ := r.Float64(); strconv.FormatFloat(f, 'g', -1, 64) == text {
		return f
	}
	return text
}

// typed is a listed value as a number for a number column, else as written.
func typed(t workspace.Type, text string) any {
	if r, ok := new(big.Rat).SetString(text); ok && isNumber(t) {
		return numberValue(r)
	}
	return text
}
