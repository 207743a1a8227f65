package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/engine/explain"
	"github.com/jig-sql/jig/workspace"
)

func newExplainCmd(c *cli) *cobra.Command {
	var wf wsFlags
	var of outFlags
	cmd := &cobra.Command{
		Use:   "explain QUERY",
		Short: "the local plan plus advice on columns, dist and sort keys",
		Long: "Print the plan of a query (a name in queries/, a .sql file, or SQL text) on the local server, " +
			"then advice for the warehouse from the query and the schema's DISTKEY/SORTKEY: SELECT * on wide tables, " +
			"joins and range filters off the keys, and dist keys that spread rows unevenly.",
		Example:           "jig explain -w jig-demo browser_users",
		GroupID:           "schema",
		Args:              exactlyOne("QUERY"),
		ValidArgsFunction: completeQueries,
		RunE: c.runE(func(_ *cobra.Command, args []string) int {
			return runExplain(c, &wf, of, args[0])
		}),
	}
	wf.register(cmd, false)
	of.register(cmd, false, "one indented object: "+shapeOf(jsonExplain{}))
	return cmd
}

// jsonExplain is jig explain --json; its keys are jig's, whatever the
// engine's types are called.
type jsonExplain struct {
	Plan   string       `json:"plan"`
	Advice []jsonAdvice `json:"advice"`
}

type jsonAdvice struct {
	Kind    string   `json:"kind"`
	Table   string   `json:"table"`
	Column  string   `json:"column,omitempty"`
	Columns []string `json:"columns,omitempty"` // select-star: the columns the query uses
	Message string   `json:"message"`
}

// runExplain prints a query's local plan plus advice (jig explain).
func runExplain(c *cli, wf *wsFlags, of outFlags, query string) int {
	ws, code := c.load(wf.dir)
	if ws == nil {
		return code
	}
	sql, where, err := explainSQL(ws, query)
	if err != nil {
		fmt.Fprintln(c.stderr, "jig: "+err.Error())
		return exitUsage
	}
	srv, runner, code := c.openRunner(ws, "", 1)
	if srv == nil {
		return code
	}
	defer srv.Stop()
	defer runner.Close()
	e, err := explain.RunAt(c.ctx, runner, sql, where)
	var se *engine.SQLError
	if errors.As(err, &se) {
		fmt.Fprintln(c.stderr, "jig: "+se.Error())
		if caret := se.Caret(); caret != "" {
			fmt.Fprintln(c.stderr, caret)
		}
		return exitUsage
	}
	if err != nil {
		return c.fail(err)
	}
	printExplanation(c.stdout, e, of.json)
	return exitOK
}

// explainSQL finds the query: a name in queries/, a .sql file, or SQL
// typed on the command line; where places its errors.
func explainSQL(ws *workspace.Workspace, arg string) (string, engine.Where, error) {
	q := ws.Query(strings.TrimSuffix(arg, ".sql"))
	if q == nil || strings.HasSuffix(arg, ".sql") {
		if _, err := os.Stat(arg); err != nil && strings.ContainsAny(strings.TrimSpace(arg), " \n\t") {
			return arg, engine.Where{SQL: arg}, nil // SQL text
		}
		f, err := runFixtureFor(ws, arg, "")
		if err != nil {
			return "", engine.Where{}, err
		}
		q = ws.Query(f.Query)
	}
	if _, err := oneQuery(q); err != nil {
		return "", engine.Where{}, err
	}
	return engine.ChainSQLWhere(ws, q.Name, false) // the advice reads the whole chain
}

// printExplanation prints the plan then the advice, or both as JSON.
func printExplanation(w io.Writer, e *explain.Explanation, asJSON bool) {
	if asJSON {
		out := jsonExplain{Plan: e.Plan, Advice: []jsonAdvice{}}
		for _, a := range e.Advice {
			out.Advice = append(out.Advice, jsonAdvice(a))
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.Encode(out)
		return
	}
	fmt.Fprintln(w, e.Plan)
	fmt.Fprintln(w)
	if len(e.Advice) == 0 {
		fmt.Fprintln(w, "No advice: the query uses the tables' keys well, or the schema declares no DISTKEY/SORTKEY to judge it by.")
		return
	}
	fmt.Fprintf(w, "Advice (%d):\n", len(e.Advice))
	for _, a := range e.Advice {
		where := a.Table
		if a.Column != "" {
			where += "." + a.Column
		}
		fmt.Fprintf(w, "\n- %s [%s]\n%s\n", where, a.Kind, wrap(a.Message, "  ", 96))
	}
}

// wrap breaks text into lines of at most width characters, each indented.
func wrap(text, indent string, width int) string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		if line != "" && len(indent)+len(line)+1+len(word) > width {
			lines = append(lines, indent+line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += word
	}
	if line != "" {
		lines = append(lines, indent+line)
	}
	return strings.Join(lines, "\n")
}
