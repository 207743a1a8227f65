package main

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/workspace"
	"github.com/jig-sql/jig/workspace/diag"
)

// outFlags choose a result format.
type outFlags struct{ json, csv bool }

func (o *outFlags) register(fs interface {
	BoolVar(*bool, string, bool, string)
}) {
	fs.BoolVar(&o.json, "json", false, "print JSON (one object per row)")
	fs.BoolVar(&o.csv, "csv", false, "print CSV (NULL as an empty field, \"\" as a quoted empty string)")
}

func runRun(c *cli, args []string) int {
	fs := c.flags("run", "QUERY [--fixture F]", "Run a query (a name in queries/ or a .sql file) on the workspace schema, with a fixture's rows or on empty tables, and print its result.")
	var wf wsFlags
	var of outFlags
	wf.register(fs, true)
	of.register(fs)
	fixture := fs.String("fixture", "", "insert this fixture's rows first (name like query/file, or a path)")
	ws, pos, code := c.workspaceArgs(fs, &wf, args, exactlyOne)
	if ws == nil {
		return code
	}
	f, err := runFixtureFor(ws, pos[0], *fixture)
	if err != nil {
		fmt.Fprintln(c.stderr, "jig: "+err.Error())
		return exitUsage
	}
	srv, runner, code := c.openRunner(ws, wf.dsn, 1)
	if srv == nil {
		return code
	}
	defer srv.Stop()
	defer runner.Close()
	res := runner.RunFixture(c.ctx, f)
	if res.Err != nil {
		fmt.Fprint(c.stderr, engine.FormatFailure(res, useColor(c.stderr)))
		if res.Status == engine.StatusError {
			return exitUsage
		}
		return exitFail
	}
	printResult(c.stdout, res.Result, of)
	if !of.json && !of.csv {
		fmt.Fprintf(c.stderr, "(%d rows, %s)\n", len(res.Result.Rows), fmtDuration(res.Result.Took))
	}
	return exitOK
}

// runFixtureFor builds the fixture jig run executes: the named fixture with
// its expectations dropped (run prints, it does not assert), or an empty one.
func runFixtureFor(ws *workspace.Workspace, query, fixture string) (*workspace.Fixture, error) {
	q := ws.Query(strings.TrimSuffix(filepath.Base(query), ".sql"))
	if q == nil || strings.HasSuffix(query, ".sql") {
		src, err := os.ReadFile(query)
		if err != nil {
			names := make([]string, len(ws.Queries))
			for i, q := range ws.Queries {
				names[i] = q.Name
			}
			msg := fmt.Sprintf("no query %q in %s and no such file", query, ws.Config.Queries)
			if n := diag.Nearest(query, names); n != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", n)
			}
			return nil, errors.New(msg)
		}
		if q, err = workspace.ParseQuery(query, string(src)); err != nil {
			return nil, err
		}
		ws.Queries = append(ws.Queries, q)
	}
	f := &workspace.Fixture{Query: q.Name, Name: q.Name}
	if fixture != "" {
		name := strings.TrimSuffix(strings.TrimPrefix(filepath.ToSlash(fixture), "fixtures/"), ".yaml")
		found := ws.Fixture(name)
		if found == nil {
			return nil, fmt.Errorf("no fixture %q (names look like %s/<file>)", fixture, q.Name)
		}
		copy := *found
		copy.Query, copy.Expect = q.Name, workspace.Expect{}
		f = &copy
	}
	return f, nil
}

// printResult prints a result as an aligned table, JSON lines or CSV.
func printResult(w io.Writer, res *engine.Result, of outFlags) {
	names := make([]string, len(res.Columns))
	for i, c := range res.Columns {
		names[i] = c.Name
	}
	switch {
	case of.json:
		// Objects keep the result's column order, which a map would lose.
		for _, row := range res.Rows {
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
