package workspace

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/goccy/go-yaml/parser"
	"github.com/jig-sql/jig/workspace/diag"
)

// yamlValue renders a cell value as flow-style YAML that reads back as the
// same value: null, booleans and numbers plain; strings plain only when
// they cannot be mistaken for anything else.
func yamlValue(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return strconv.FormatBool(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case int:
		return strconv.Itoa(x)
	case int32:
		return strconv.FormatInt(int64(x), 10)
	case json.Number:
		return string(x) // a YAML float as written, which reads back as itself
	case float64:
		return yamlFloat(x)
	case float32:
		return yamlFloat(float64(x))
	case string:
		return yamlString(x)
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = yamlValue(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = yamlString(k) + ": " + yamlValue(x[k])
		}
		return "{" + strings.Join(parts, ", ") + "}"
	default:
		return yamlString(fmt.Sprint(v))
	}
}

func yamlFloat(f float64) string {
	switch {
	case math.IsNaN(f):
		return ".nan"
	case math.IsInf(f, 1):
		return ".inf"
	case math.IsInf(f, -1):
		return "-.inf"
	}
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if !strings.ContainsAny(s, ".e") {
		s += ".0" // so it reads back as a float, not an integer
	}
	if mant, exp, ok := strings.Cut(s, "e"); ok && !strings.Contains(mant, ".") {
		s = mant + ".0e" + exp
	}
	return s
}

// yamlString quotes s only when a plain scalar would read back differently.
func yamlString(s string) string {
	if plainWord(s) || (plainCandidate(s) && rereadsAs("{k: "+s+"}", s)) {
		return s
	}
	return doubleQuote(s)
}

// plainWord is the fast path: identifiers that are not YAML keywords.
func plainWord(s string) bool {
	if s == "" || !(s[0] >= 'a' && s[0] <= 'z' || s[0] >= 'A' && s[0] <= 'Z') {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	switch strings.ToLower(s) {
	case "null", "true", "false", "yes", "no", "on", "off", "y", "n", "nan", "inf":
		return false
	}
	return true
}

// plainCandidate allows letters, digits and a few safe punctuation marks,
// with no leading or trailing space.
func plainCandidate(s string) bool {
	if s == "" || strings.TrimSpace(s) != s || !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("_-./+ ", r)) {
			return false
		}
	}
	return !strings.Contains(s, "  ")
}

// rereadsAs parses doc and reports whether its single value is the string s.
func rereadsAs(doc, s string) bool {
	f, err := parser.ParseBytes([]byte(doc), 0)
	if err != nil || len(f.Docs) != 1 {
		return false
	}
	var errs diag.Errors
	d := &ydec{errs: &errs}
	kvs, ok := d.pairs(f.Docs[0].Body, "")
	if !ok || len(kvs) != 1 {
		return false
	}
	v, ok := d.value(kvs[0].Value)
	return ok && len(errs) == 0 && reflect.DeepEqual(v, s)
}

// doubleQuote writes a YAML double-quoted scalar. Invalid UTF-8 cannot be
// represented in YAML text and is replaced by U+FFFD.
func doubleQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) || r == 0x2028 || r == 0x2029 || r == 0xfeff || !unicode.IsPrint(r) && r != ' ':
			if r > 0xffff {
				fmt.Fprintf(&b, `\U%08x`, r)
			} else {
				fmt.Fprintf(&b, `\u%04x`, r)
			}
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// yamlText renders a top-level text value (description, setup): a literal
// block for multi-line text when it reads back exactly, else a scalar.
func yamlText(key, s string) string {
	if strings.Contains(strings.TrimRight(s, "\n"), "\n") {
		chomp := "|-"
		switch {
		case strings.HasSuffix(s, "\n\n"):
			chomp = "|+"
		case strings.HasSuffix(s, "\n"):
			chomp = "|"
		}
		body := strings.TrimSuffix(s, "\n")
		if chomp == "|+" {
			body = s[:len(s)-1]
		}
		block := key + ": " + chomp + "\n" + indentLines(body, "  ") + "\n"
		if rereadsAs(block, s) {
			return block
		}
	}
	if plainCandidate(strings.NewReplacer(",", "", "(", "", ")", "", "'", "", ";", "").Replace(s)) && rereadsAs(key+": "+s+"\n", s) {
		return key + ": " + s + "\n" // block context: commas and parentheses are fine
	}
	return key + ": " + yamlString(s) + "\n"
}

func indentLines(s, ind string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = ind + l
		}
	}
	return strings.Join(lines, "\n")
}
