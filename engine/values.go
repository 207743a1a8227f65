package engine

import (
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/jig-sql/jig/rows"
)

// equalValue compares an expected value from a fixture (YAML: nil, string,
// int64, float64, bool, []any, map[string]any) with Postgres's text output
// for a column of type typ, as values of that type: numeric 1.50 equals 1.5,
// timestamps compare as instants (timestamptz) or wall clock (timestamp),
// JSON as structure, arrays element by element. tol is the absolute
// tolerance for numbers (0: exact). An error means the expected value is not
// a value of the type at all.
func equalValue(typ string, want any, got Value, tol float64) (bool, error) {
	if want == nil || got.Null {
		return want == nil && got.Null, nil
	}
	if elem, ok := strings.CutPrefix(typ, "_"); ok {
		return equalArray(elem, want, got.Text, tol)
	}
	switch typ {
	case "int2", "int4", "int8", "numeric", "oid":
		return equalNumeric(want, got.Text, tol)
	case "float4", "float8":
		return equalFloat(want, got.Text, tol)
	case "bool":
		return equalBool(want, got.Text)
	case "json", "jsonb":
		return equalJSON(want, got.Text)
	case "timestamptz":
		return equalTime(want, got.Text, true)
	case "timestamp", "date":
		return equalTime(want, got.Text, false)
	case "uuid":
		return strings.EqualFold(scalarText(want), got.Text), nil
	case "bpchar":
		return strings.TrimRight(scalarText(want), " ") == strings.TrimRight(got.Text, " "), nil
	}
	return scalarText(want) == got.Text, nil
}

// scalarText is how a YAML scalar reads as text.
func scalarText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case json.Number:
		return string(x)
	case bool:
		if x {
			return "true"
		}
		return "false"
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case []any, map[string]any:
		b, _ := json.Marshal(x)
		return string(b)
	}
	return fmt.Sprint(v)
}

func equalNumeric(want any, got string, tol float64) (bool, error) {
	w, ok := new(big.Rat).SetString(scalarText(want))
	if !ok {
		return false, fmt.Errorf("%q is not a number", scalarText(want))
	}
	g, ok := new(big.Rat).SetString(got)
	if !ok {
		return got == scalarText(want), nil // NaN, Infinity
	}
	if tol == 0 {
		return w.Cmp(g) == 0, nil
	}
	d, _ := new(big.Rat).Sub(w, g).Float64()
	return math.Abs(d) <= tol, nil
}

func equalFloat(want any, got string, tol float64) (bool, error) {
	w, err := strconv.ParseFloat(normFloat(scalarText(want)), 64)
	if err != nil {
		return false, fmt.Errorf("%q is not a number", scalarText(want))
	}
	g, err := strconv.ParseFloat(normFloat(got), 64)
	if err != nil {
		return false, nil
	}
	if math.IsNaN(w) || math.IsNaN(g) {
		return math.IsNaN(w) && math.IsNaN(g), nil
	}
	if tol == 0 {
		// float4 prints with fewer digits than float64 parses; compare at
		// float32 precision when either side is that short.
		return w == g || float32(w) == float32(g), nil
	}
	return math.Abs(w-g) <= tol, nil
}

func normFloat(s string) string {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "infinity", "+infinity", "inf":
		return "+Inf"
	case "-infinity", "-inf":
		return "-Inf"
	}
	return s
}

func equalBool(want any, got string) (bool, error) {
	w, err := parseBool(scalarText(want))
	if err != nil {
		return false, err
	}
	g, _ := parseBool(got)
	return w == g, nil
}

// parseBool accepts what Postgres accepts for boolean input.
func parseBool(s string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "t", "true", "y", "yes", "on", "1":
		return true, nil
	case "f", "false", "n", "no", "off", "0":
		return false, nil
	}
	return false, fmt.Errorf("%q is not a boolean (true or false)", s)
}

func equalJSON(want any, got string) (bool, error) {
	var g any
	if err := json.Unmarshal([]byte(got), &g); err != nil {
		return false, nil
	}
	w := want
	if s, ok := want.(string); ok {
		if err := json.Unmarshal([]byte(s), &w); err != nil {
			w = s // a bare string is the JSON string
		}
	}
	return reflect.DeepEqual(normJSON(w), normJSON(g)), nil
}

// normJSON makes YAML-decoded and JSON-decoded values comparable: all
// numbers become float64.
func normJSON(v any) any {
	switch x := v.(type) {
	case int64:
		return float64(x)
	case int:
		return float64(x)
	case json.Number:
		f, _ := x.Float64()
		return f
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = normJSON(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = normJSON(e)
		}
		return out
	}
	return v
}

var timeLayouts = []string{
	"2006-01-02 15:04:05.999999999Z07:00:00", "2006-01-02 15:04:05.999999999Z07:00", "2006-01-02 15:04:05.999999999Z07",
	"2006-01-02T15:04:05.999999999Z07:00", "2006-01-02 15:04:05.999999999", "2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02",
}

// parseTime reads the forms Postgres prints and people write; a value
// without a zone is UTC (jig's sessions run with TimeZone UTC).
func parseTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// infinity reads Postgres's infinite dates and timestamps: +1, -1, or 0 for
// any other text.
func infinity(s string) int {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "infinity", "+infinity":
		return 1
	case "-infinity":
		return -1
	}
	return 0
}

func equalTime(want any, got string, instant bool) (bool, error) {
	ws := scalarText(want)
	if inf := infinity(ws); inf != 0 {
		return inf == infinity(got), nil
	}
	w, ok := parseTime(ws)
	if !ok {
		return false, fmt.Errorf("%q is not a date or timestamp (example: 2024-01-31 12:00:00)", ws)
	}
	g, ok := parseTime(got)
	if !ok {
		return ws == got, nil
	}
	if instant {
		return w.Equal(g), nil
	}
	// timestamp without time zone: compare the wall clock as written.
	return w.Format("2006-01-02 15:04:05.999999999") == g.Format("2006-01-02 15:04:05.999999999"), nil
}

func equalArray(elem string, want any, got string, tol float64) (bool, error) {
	g, err := rows.ParseArrayLiteral(got)
	if err != nil {
		return false, nil
	}
	w, err := wantArray(want)
	if err != nil {
		return false, err
	}
	return equalArrayLevel(elem, w, g, tol)
}

// wantArray reads an expected array: a YAML list, or a string holding an
// array literal ('{a,b}'), whose NULL elements become nil.
func wantArray(want any) ([]any, error) {
	switch x := want.(type) {
	case []any:
		return x, nil
	case string:
		lit, err := rows.ParseArrayLiteral(x)
		if err != nil {
			return nil, fmt.Errorf("%q is not an array (example: [a, b] or '{a,b}')", x)
		}
		return literalValues(lit), nil
	}
	return nil, fmt.Errorf("expected a list for an array column, got %v", want)
}

func literalValues(lit *rows.ArrayLiteral) []any {
	var out []any
	for _, s := range lit.Subs {
		out = append(out, literalValues(s))
	}
	for _, e := range lit.Elems {
		if e.Null {
			out = append(out, nil)
		} else {
			out = append(out, e.Text)
		}
	}
	return out
}

// equalArrayLevel compares one level of an array: sub-arrays level by
// level (an expected sub-array is a list or a literal string), elements as
// values of the element type.
func equalArrayLevel(elem string, w []any, g *rows.ArrayLiteral, tol float64) (bool, error) {
	if len(w) != len(g.Subs)+len(g.Elems) {
		return false, nil
	}
	for i, sub := range g.Subs {
		ws, err := wantArray(w[i])
		if err != nil {
			return false, nil // fewer dimensions expected than the result has
		}
		if eq, err := equalArrayLevel(elem, ws, sub, tol); err != nil || !eq {
			return false, err
		}
	}
	for i, e := range g.Elems {
		eq, err := equalValue(elem, w[i], Value{Text: e.Text, Null: e.Null}, tol)
		if err != nil || !eq {
			return false, err
		}
	}
	return true, nil
}
