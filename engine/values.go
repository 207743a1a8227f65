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
	g, err := parseArray(got)
	if err != nil {
		return false, nil
	}
	var w []any
	switch x := want.(type) {
	case []any:
		w = x
	case string:
		parsed, err := parseArray(x)
		if err != nil {
			return false, fmt.Errorf("%q is not an array (example: [a, b] or '{a,b}')", x)
		}
		for _, p := range parsed {
			w = append(w, p)
		}
	default:
		return false, fmt.Errorf("expected a list for an array column, got %v", want)
	}
	if len(w) != len(g) {
		return false, nil
	}
	for i := range w {
		gv := Value{Null: g[i] == nil}
		if g[i] != nil {
			gv.Text = *g[i]
		}
		wv := w[i]
		if p, ok := wv.(*string); ok {
			wv = nil
			if p != nil {
				wv = *p
			}
		}
		eq, err := equalValue(elem, wv, gv, tol)
		if err != nil || !eq {
			return false, err
		}
	}
	return true, nil
}

// parseArray reads a one-dimensional Postgres array literal ({a,"b c",NULL}).
// Nested arrays come back as their literal text per element.
func parseArray(s string) ([]*string, error) {
	s = strings.TrimSpace(s)
	if i := strings.Index(s, "="); strings.HasPrefix(s, "[") && i > 0 {
		s = s[i+1:] // explicit bounds: [0:1]={...}
	}
	if len(s) < 2 || s[0] != '{' || s[len(s)-1] != '}' {
		return nil, fmt.Errorf("not an array literal")
	}
	body := s[1 : len(s)-1]
	var out []*string
	for i := 0; i < len(body); {
		elem, next, quoted, err := arrayElem(body, i)
		if err != nil {
			return nil, err
		}
		if !quoted && strings.EqualFold(elem, "NULL") {
			out = append(out, nil)
		} else {
			e := elem
			out = append(out, &e)
		}
		i = next
		if i < len(body) && body[i] == ',' {
			i++
		}
	}
	return out, nil
}

func arrayElem(body string, i int) (elem string, next int, quoted bool, err error) {
	for i < len(body) && body[i] == ' ' {
		i++
	}
	if i < len(body) && body[i] == '"' {
		var b strings.Builder
		for i++; i < len(body); i++ {
			switch body[i] {
			case '\\':
				i++
				if i < len(body) {
					b.WriteByte(body[i])
				}
			case '"':
				return b.String(), i + 1, true, nil
			default:
				b.WriteByte(body[i])
			}
		}
		return "", 0, false, fmt.Errorf("unterminated quote")
	}
	if i < len(body) && body[i] == '{' {
		depth, start := 0, i
		for ; i < len(body); i++ {
			if body[i] == '{' {
				depth++
			} else if body[i] == '}' {
				depth--
				if depth == 0 {
					return body[start : i+1], i + 1, true, nil
				}
			}
		}
		return "", 0, false, fmt.Errorf("unbalanced braces")
	}
	start := i
	for i < len(body) && body[i] != ',' {
		i++
	}
	return strings.TrimSpace(body[start:i]), i, false, nil
}
