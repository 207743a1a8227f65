package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/jig-sql/jig/engine"
)

// jig's output convention, for every command that prints data or results:
// text for people on stdout (coloured only on a terminal without
// NO_COLOR), --json for programs (one documented shape per command, keys
// that do not change), --csv where rows are printed; errors and progress
// always go to stderr.

// outFlags choose how a command prints its data.
type outFlags struct{ json, csv bool }

// register adds --json (and --csv when the command prints rows) and
// documents the JSON shape in the command's help and annotations, where
// the README's table reads it.
func (o *outFlags) register(cmd *cobra.Command, withCSV bool, shape string) {
	cmd.Flags().BoolVar(&o.json, "json", false, "print JSON instead of text (shape in --help)")
	if withCSV {
		cmd.Flags().BoolVar(&o.csv, "csv", false, "print CSV (NULL as an empty field, \"\" as a quoted empty string)")
		cmd.PreRunE = func(cmd *cobra.Command, _ []string) error {
			if o.json && o.csv {
				return usagef(cmd, "--json and --csv cannot be used together")
			}
			return nil
		}
	}
	if cmd.Annotations == nil {
		cmd.Annotations = map[string]string{}
	}
	cmd.Annotations["json"] = shape
	cmd.Long += "\n\n--json prints " + shape + "."
}

// writeJSONLine prints v as one line of JSON.
func writeJSONLine(w io.Writer, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("encoding %T: %v", v, err)) // jig's own types always encode
	}
	w.Write(append(b, '\n'))
}

// shapeOf documents a JSON type from its struct tags, so the help cannot
// drift from the output: {name, error?, rows: [...]}; "?" marks a key left
// out when empty.
func shapeOf(v any) string { return shape(reflect.TypeOf(v)) }

func shape(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Pointer:
		return shape(t.Elem())
	case reflect.Slice:
		return "[" + shape(t.Elem()) + ", ...]"
	case reflect.Struct:
	default:
		return t.Kind().String()
	}
	var keys []string
	for i := range t.NumField() {
		f := t.Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		key := name
		if opts == "omitempty" {
			key += "?"
		}
		if nested(f.Type) {
			key += ": " + shape(f.Type)
		}
		keys = append(keys, key)
	}
	return "{" + strings.Join(keys, ", ") + "}"
}

// nested reports whether a field's shape is worth spelling out: a struct
// or a list of them.
func nested(t reflect.Type) bool {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	return t.Kind() == reflect.Struct
}

// rowsShape documents printResult's JSON.
const rowsShape = "one object per row, keyed by the result's columns in their order, each value text or null"

// printResult prints a result as an aligned table, JSON lines or CSV.
func printResult(w io.Writer, res *engine.Result, of outFlags) {
	names := make([]string, len(res.Columns))
	for i, c := range res.Columns {
		names[i] = c.Name
	}
	switch {
	case of.json:
		for _, row := range res.Rows {
			writeRowJSON(w, names, row)
		}
	case of.csv:
		cw := csv.NewWriter(w)
		cw.Write(names)
		for _, row := range res.Rows {
			rec := make([]string, len(row))
			for i, v := range row {
				rec[i] = v.Text
			}
			cw.Write(rec)
		}
		cw.Flush()
	default:
		cells := make([][]string, len(res.Rows))
		for r, row := range res.Rows {
			cells[r] = make([]string, len(row))
			for i, v := range row {
				cells[r][i] = displayCell(v)
			}
		}
		writeTable(w, names, cells)
	}
}

// writeRowJSON prints one row as an object that keeps the result's column
// order, which a map would lose.
func writeRowJSON(w io.Writer, names []string, row []engine.Value) {
	var b strings.Builder
	b.WriteByte('{')
	for i, v := range row {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(names[i])
		val := []byte("null")
		if !v.Null {
			val, _ = json.Marshal(v.Text)
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(val)
	}
	b.WriteByte('}')
	fmt.Fprintln(w, b.String())
}

// displayCell shows NULL as NULL and quotes text that could be mistaken for it.
func displayCell(v engine.Value) string {
	if v.Null {
		return "NULL"
	}
	if v.Text == "" || strings.EqualFold(v.Text, "null") {
		return fmt.Sprintf("%q", v.Text)
	}
	return v.Text
}

// writeTable prints an aligned table with a header rule.
func writeTable(w io.Writer, header []string, rows [][]string) {
	widths := make([]int, len(header))
	for i, h := range header {
		widths[i] = utf8.RuneCountInString(h)
	}
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], utf8.RuneCountInString(c))
		}
	}
	line := func(cells []string) {
		var b strings.Builder
		for i, c := range cells {
			if i > 0 {
				b.WriteString(" | ")
			}
			b.WriteString(c + strings.Repeat(" ", widths[i]-utf8.RuneCountInString(c)))
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
	line(header)
	rule := make([]string, len(header))
	for i := range rule {
		rule[i] = strings.Repeat("-", widths[i])
	}
	fmt.Fprintln(w, strings.Join(rule, "-+-"))
	for _, r := range rows {
		line(r)
	}
}
