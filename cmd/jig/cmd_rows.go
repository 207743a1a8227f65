package main

import (
	"flag"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/rows"
	"github.com/jig-sql/jig/workspace"
	"github.com/jig-sql/jig/workspace/diag"
)

// isSet reports whether a flag was given on the command line.
func isSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

func runRows(c *cli, args []string) int {
	fs := c.flags("rows", "TABLE [-n N]", "Print N factory rows for a workspace table: the defaults a fixture gets for every column it does not set.")
	var wf wsFlags
	var of outFlags
	wf.register(fs, false)
	of.register(fs)
	n := fs.Int("n", 5, "how many rows")
	seed := fs.Int64("seed", 0, "factory seed (default: the workspace's seed)")
	ws, pos, code := c.workspaceArgs(fs, &wf, args, func(pos []string) bool { return len(pos) == 1 && *n >= 0 })
	if ws == nil {
		return code
	}
	srv, runner, code := c.openRunner(ws, "", 1)
	if srv == nil {
		return code
	}
	defer srv.Stop()
	defer runner.Close()
	factory := runner.Suite.Factory
	if isSet(fs, "seed") {
		factory = rows.NewFactory(*seed, runner.Suite.Tables)
	}
	table := pos[0]
	if !hasTable(runner.Suite.Tables, table) {
		fmt.Fprintln(c.stderr, "jig: "+unknownTable(runner.Suite.Tables, table, ws))
		return exitUsage
	}
	ds, err := factory.Build([]rows.TableOverrides{{Table: table, Rows: make([]rows.Override, *n)}})
	if err != nil {
		fmt.Fprintln(c.stderr, "jig: "+err.Error())
		return exitUsage
	}
	res := &engine.Result{}
	for _, tr := range ds.Tables {
		if tr.Table.Name != table {
			continue
		}
		for _, col := range tr.Table.Columns {
			res.Columns = append(res.Columns, engine.Column{Name: col.Name, Type: col.Type.Name})
		}
		for _, r := range tr.Rows[:*n] {
			vals := make([]engine.Value, len(r.Values))
			for i, v := range r.Values {
				vals[i] = engine.Value{Text: v.Text, Null: v.Null}
				if v.Default {
					vals[i].Text = "DEFAULT"
				}
			}
			res.Rows = append(res.Rows, vals)
		}
	}
	printResult(c.stdout, res, of)
	for _, w := range ds.Warnings {
		fmt.Fprintln(c.stderr, "jig: warning: "+w.String())
	}
	return exitOK
}

func hasTable(tables []workspace.Table, name string) bool {
	for _, t := range tables {
		if t.Name == name {
			return true
		}
	}
	return false
}

// unknownTable says a table is not in the schema, and what is.
func unknownTable(tables []workspace.Table, name string, ws *workspace.Workspace) string {
	if len(tables) == 0 {
		return fmt.Sprintf("no table %q: the workspace's schema (%s) defines no tables", name, filepath.Join(ws.Dir, ws.Config.Schema))
	}
	names := make([]string, len(tables))
	for i, t := range tables {
		names[i] = t.Name
	}
	msg := fmt.Sprintf("no table %q in the schema (tables: %s)", name, strings.Join(names, ", "))
	if n := diag.Nearest(name, names); n != "" {
		msg += fmt.Sprintf("; did you mean %q?", n)
	}
	return msg
}
