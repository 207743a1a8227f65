package pull

import (
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"

	"github.com/jig-sql/jig/workspace"
)

// columnsPrefix starts the header line that lists a pulled table's
// columns: "-- jig:columns id integer; name character varying(20)".
const columnsPrefix = "-- jig:columns "

// Column is one entry of a pulled file's column list.
type Column struct{ Name, Type string }

var bareIdent = regexp.MustCompile(`^[a-z_][a-z0-9_$]*$`)

func columnsLine(t *workspace.Table) string {
	parts := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		name := c.Name
		if !bareIdent.MatchString(name) {
			name = workspace.QuoteIdent(name)
		}
		parts[i] = name + " " + c.Type.Name
	}
	return strings.Join(parts, "; ")
}

// ParseColumnsLine reads the column list of a file jig pull wrote; ok is
// false when the file has none (it was written by hand).
func ParseColumnsLine(text string) (cols []Column, ok bool) {
	for _, line := range strings.Split(text, "\n") {
		if !strings.HasPrefix(line, columnsPrefix) {
			continue
		}
		for _, entry := range splitOutsideQuotes(strings.TrimRight(line[len(columnsPrefix):], "\r"), "; ") {
			name, typ := splitColumnEntry(entry)
			cols = append(cols, Column{Name: name, Type: typ})
		}
		return cols, true
	}
	return nil, false
}

// splitColumnEntry splits `name type` or `"quoted name" type`.
func splitColumnEntry(entry string) (name, typ string) {
	if !strings.HasPrefix(entry, `"`) {
		name, typ, _ = strings.Cut(entry, " ")
		return name, typ
	}
	var b strings.Builder
	for i := 1; i < len(entry); i++ {
		switch {
		case entry[i] == '"' && i+1 < len(entry) && entry[i+1] == '"':
			b.WriteByte('"')
			i++
		case entry[i] == '"':
			return b.String(), strings.TrimSpace(entry[i+1:])
		default:
			b.WriteByte(entry[i])
		}
	}
	return b.String(), ""
}

// splitOutsideQuotes splits s at sep where sep is not inside double quotes.
func splitOutsideQuotes(s, sep string) []string {
	var out []string
	inQuote, start := false, 0
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '"':
			inQuote = !inQuote
		case !inQuote && strings.HasPrefix(s[i:], sep):
			out = append(out, s[start:i])
			start = i + len(sep)
			i += len(sep) - 1
		}
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

// DiffColumns lists added, removed and retyped columns, in the new order
// then the removed ones.
func DiffColumns(old, new []Column) []string {
	was := map[string]string{}
	for _, c := range old {
		was[c.Name] = c.Type
	}
	is := map[string]bool{}
	var out []string
	for _, c := range new {
		is[c.Name] = true
		switch typ, ok := was[c.Name]; {
		case !ok:
			out = append(out, fmt.Sprintf("added column %s %s", c.Name, c.Type))
		case typ != c.Type:
			out = append(out, fmt.Sprintf("column %s changed type: %s → %s", c.Name, typ, c.Type))
		}
	}
	for _, c := range old {
		if !is[c.Name] {
			out = append(out, fmt.Sprintf("removed column %s %s", c.Name, c.Type))
		}
	}
	return out
}

// compareFile compares the new text with the file at path, ignoring the
// header (it carries the time of the pull).
func compareFile(path, text string) (FileState, []string) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return FileNew, []string{"new file"}
	}
	if err != nil {
		return FileChanged, []string{"the old file could not be read: " + err.Error()}
	}
	old := string(data)
	if body(old) == body(text) {
		return FileUnchanged, nil
	}
	oldCols, ok := ParseColumnsLine(old)
	if !ok {
		return FileChanged, []string{"the old file was not written by jig pull; it is replaced"}
	}
	newCols, _ := ParseColumnsLine(text)
	changes := DiffColumns(oldCols, newCols)
	if len(changes) == 0 {
		changes = []string{"keys, defaults, constraints, comments or distribution changed"}
	}
	return FileChanged, changes
}

// body is a pulled file after its header's column line.
func body(text string) string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	if i := strings.Index(text, "\n"+columnsPrefix); i >= 0 {
		rest := text[i+1:]
		if j := strings.IndexByte(rest, '\n'); j >= 0 {
			return rest[j+1:]
		}
		return ""
	}
	return text
}
