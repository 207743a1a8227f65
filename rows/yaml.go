package rows

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"

	"github.com/jig-sql/jig/workspace"
)

// FromYAML converts a value decoded from a fixture's YAML into a Value of
// the column's type. nil (YAML null, ~, or an empty value) is SQL NULL;
// strings are data, never the NULL keyword (YAML already has null); numbers
// and booleans are checked against the type like typed text; a list is an
// array (or, for json/jsonb, a JSON array); a map is a JSON object and only
// fits json/jsonb. For json/jsonb a string is the JSON document itself.
func FromYAML(t workspace.Type, v any) (Value, error) {
	if v == nil {
		return Null, nil
	}
	k := kindOf(t)
	if (k == kJSON || k == kJSONB) && !t.IsArray() {
		if s, ok := v.(string); ok {
			return parseValue(t, s)
		}
		b, err := json.Marshal(v)
		if err != nil {
			return Value{}, fmt.Errorf("not a valid %s: %v", typeLabel(t), err)
		}
		return parseValue(t, string(b))
	}
	if list, ok := v.([]any); ok {
		if !t.IsArray() {
			return Value{}, fmt.Errorf("a list does not fit %s", typeLabel(t))
		}
		b, err := yamlArray(nil, t, list)
		if err != nil {
			return Value{}, err
		}
		return parseValue(t, string(b))
	}
	if t.IsArray() {
		if s, ok := v.(string); ok {
			return parseValue(t, s) // an array literal written as a string
		}
		return Value{}, fmt.Errorf("%v does not fit %s: write a list", v, typeLabel(t))
	}
	s, err := yamlScalar(v)
	if err != nil {
		return Value{}, fmt.Errorf("%w does not fit %s", err, typeLabel(t))
	}
	return parseValue(t, s)
}

func yamlArray(b []byte, t workspace.Type, list []any) ([]byte, error) {
	b = append(b, '{')
	for i, e := range list {
		if i > 0 {
			b = append(b, ',')
		}
		var err error
		switch e := e.(type) {
		case nil:
			b = append(b, "NULL"...)
		case []any:
			b, err = yamlArray(b, t, e)
		default:
			var s string
			s, err = yamlScalar(e)
			b = appendArrayElem(b, s)
		}
		if err != nil {
			return nil, fmt.Errorf("%w does not fit %s", err, typeLabel(t))
		}
	}
	return append(b, '}'), nil
}

// yamlScalar is the text form of a YAML scalar.
func yamlScalar(v any) (string, error) {
	switch v := v.(type) {
	case string:
		return v, nil
	case bool:
		return strconv.FormatBool(v), nil
	case int:
		return strconv.Itoa(v), nil
	case int64:
		return strconv.FormatInt(v, 10), nil
	case uint64:
		return strconv.FormatUint(v, 10), nil
	case json.Number:
		return string(v), nil // every digit as written
	case float64:
		switch {
		case math.IsNaN(v):
			return "NaN", nil
		case math.IsInf(v, 1):
			return "Infinity", nil
		case math.IsInf(v, -1):
			return "-Infinity", nil
		}
		return strconv.FormatFloat(v, 'g', -1, 64), nil
	}
	return "", fmt.Errorf("a %T", v)
}
