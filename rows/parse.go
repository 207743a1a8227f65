package rows

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/jig-sql/jig/workspace"
)

// Parse turns what a person typed into a grid cell into a value of the
// column's type, normalised the way Postgres would read it (booleans to
// true/false, uuids to lower case, numeric to its scale, timestamptz to
// UTC…).
//
// NULL rule: the word NULL in capitals, alone in the cell (spaces around it
// ignored), is SQL NULL in a column of any type. Every other spelling is
// data: in a text column "null", "Null" and "" are those strings; to store
// the four capital letters, type \NULL. In other types, "null" or an empty
// cell is an error that says to type NULL. JSON's own null (json/jsonb
// columns) is the JSON value null, not SQL NULL — type null in lower case.
func Parse(t workspace.Type, input string) (Value, error) {
	if strings.TrimSpace(input) == "NULL" {
		if t.Domain != nil && t.Domain.NotNull {
			return Value{}, fmt.Errorf("domain %s does not allow NULL", t.Domain.Name)
		}
		return Null, nil
	}
	if input == `\NULL` {
		input = "NULL"
	}
	return parseValue(t, input)
}

// parseValue reads non-NULL text as a value of t.
func parseValue(t workspace.Type, input string) (Value, error) {
	k := kindOf(t)
	var text string
	var err error
	if t.IsArray() {
		text, err = parseArray(t, k, input)
	} else {
		text, err = parseScalar(t, k, input, false)
	}
	if err != nil {
		return Value{}, err
	}
	if err := checkDomain(t, k, text); err != nil {
		return Value{}, err
	}
	return Value{Text: text}, nil
}

// parseError is the message every type shares: what was typed, what type
// it is not, and a value that would be.
func parseError(t workspace.Type, k kind, input, why string) error {
	hint := ""
	if s := strings.TrimSpace(input); s == "" || strings.EqualFold(s, "null") {
		hint = "; type NULL in capitals for SQL NULL"
	}
	if why != "" {
		why = ", " + why
	}
	return fmt.Errorf("not a valid %s: %q%s (example: %s%s)", typeLabel(t), input, why, example(t, k), hint)
}

// parseScalar reads one element; inArray selects Postgres's output form for
// elements where it differs from the ::text cast (booleans as t/f).
func parseScalar(t workspace.Type, k kind, s string, inArray bool) (string, error) {
	var out string
	var why string
	var err error
	trimmed := strings.TrimSpace(s)
	switch k {
	case kInt2, kInt4, kInt8:
		out, why, err = parseInt(k, trimmed)
	case kNumeric:
		out, why, err = parseNumeric(t, trimmed)
	case kFloat4, kFloat8:
		out, err = parseFloat(k, trimmed)
	case kBool:
		out, err = parseBool(trimmed)
		if err == nil && inArray {
			out = out[:1]
		}
	case kText, kChar, kUnknown:
		out, why, err = parseText(t, k, s)
	case kDate, kTime, kTimetz, kTimestamp, kTimestamptz:
		out, why, err = parseTemporal(k, trimmed)
	case kInterval:
		out, err = parseInterval(trimmed)
	case kUUID:
		out, err = parseUUID(trimmed)
	case kJSON, kJSONB:
		out, why, err = parseJSON(k, s)
	case kBytea:
		out, err = parseBytea(s)
	case kInet, kCidr:
		out, why, err = parseNet(k, trimmed)
	case kEnum:
		out, why, err = parseEnum(t, s)
	}
	if err != nil {
		return "", parseError(t, k, s, why)
	}
	return out, nil
}

var errSyntax = fmt.Errorf("syntax")

func parseText(t workspace.Type, k kind, s string) (string, string, error) {
	if !utf8.ValidString(s) {
		return "", "invalid UTF-8", errSyntax
	}
	if strings.IndexByte(s, 0) >= 0 {
		return "", "text cannot hold a NUL character", errSyntax
	}
	if k == kUnknown {
		return s, "", nil // the database validates types jig does not know
	}
	if k == kChar {
		if len(s) > 1 {
			return "", "\"char\" holds one byte", errSyntax
		}
		return s, "", nil
	}
	if t.Base == "bpchar" {
		s = strings.TrimRight(s, " ")
	}
	if n := t.Length; n > 0 && utf8.RuneCountInString(s) > n {
		trimmed := strings.TrimRight(s, " ")
		if utf8.RuneCountInString(trimmed) > n {
			return "", fmt.Sprintf("longer than %d characters", n), errSyntax
		}
		s = string([]rune(s)[:n]) // Postgres drops the excess spaces
	}
	return s, "", nil
}

func parseEnum(t workspace.Type, s string) (string, string, error) {
	for _, l := range t.Enum {
		if l == s {
			return s, "", nil
		}
	}
	return "", "one of: " + strings.Join(t.Enum, ", "), errSyntax
}

func parseJSON(k kind, s string) (string, string, error) {
	if !json.Valid([]byte(s)) || !utf8.ValidString(s) {
		return "", "not JSON", errSyntax
	}
	if k == kJSONB && strings.Contains(s, `\u0000`) {
		return "", `jsonb cannot hold \u0000`, errSyntax
	}
	return s, "", nil
}

// checkDomain evaluates a domain's CHECKs on a parsed value; a check the
// evaluator cannot decide is left to the database.
func checkDomain(t workspace.Type, k kind, text string) error {
	if t.Domain == nil || t.IsArray() {
		return nil
	}
	for _, expr := range t.Domain.Checks {
		n, err := parseCheck(expr)
		if err != nil {
			continue
		}
		r := eval(n, func(name string) (Value, kind, bool) {
			return Value{Text: text}, k, name == "value"
		})
		if r.k == evBool && !r.b {
			return fmt.Errorf("%q violates the check of domain %s: %s", text, t.Domain.Name, expr)
		}
	}
	return nil
}
