package main

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/rows"
	"github.com/jig-sql/jig/workspace"
)

// rowsFlags are jig rows's flags.
type rowsFlags struct {
	wsFlags
	out  outFlags
	n    int
	seed int64
}

func newRowsCmd(c *cli) *cobra.Command {
	var rf rowsFlags
	cmd := &cobra.Command{
		Use:               "rows TABLE",
		Short:             "print N factory rows for a table",
		Long:              "Print N factory rows for a workspace table: the defaults a fixture gets for every column it does not set.",
		Example:           "jig rows -w jig-demo events -n 3",
		GroupID:           "fixtures",
		ValidArgsFunction: completeTables,
		Args: func(cmd *cobra.Command, args []string) error {
			if rf.n < 0 {
				return usagef(cmd, "-n %d: want 0 or more rows", rf.n)
			}
			return exactlyOne("TABLE")(cmd, args)
		},
		RunE: c.runE(func(cmd *cobra.Command, args []string) int {
			return runRows(c, &rf, args[0], cmd.Flags().Changed("seed"))
		}),
	}
	rf.register(cmd, false)
	cmd.Flags().IntVarP(&rf.n, "n", "n", 5, "make `N` rows")
	cmd.Flags().Int64Var(&rf.seed, "seed", 0, "factory `SEED` (default: the workspace's seed)")
	cmd.RegisterFlagCompletionFunc("n", cobra.NoFileCompletions)
	cmd.RegisterFlagCompletionFunc("seed", cobra.NoFileCompletions)
	rf.out.register(cmd, true, rowsShape+"; DEFAULT where the column's default applies")
	return cmd
}

func runRows(c *cli, rf *rowsFlags, table string, seedSet bool) int {
	ws, code := c.load(rf.dir)
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
	if seedSet {
		factory = rows.NewFactory(rf.seed, runner.Suite.Tables)
	}
	t := runner.Suite.Table(table)
	if t == nil {
		fmt.Fprintln(c.stderr, "jig: "+unknownTable(runner.Suite.Tables, table, ws))
		return exitUsage
	}
	ds, err := factory.Build([]rows.TableOverrides{{Table: engine.FactoryName(t), Rows: make([]rows.Override, rf.n)}})
	if err != nil {
		fmt.Fprintln(c.stderr, "jig: "+err.Error())
		return exitUsage
	}
	res := &engine.Result{}
	for _, tr := range ds.Tables {
		if tr.Table.Name != t.Name || tr.Table.Schema != t.Schema {
			continue
		}
		for _, col := range tr.Table.Columns {
			res.Columns = append(res.Columns, engine.Column{Name: col.Name, Type: col.Type.Name})
		}
		for _, r := range tr.Rows[:rf.n] {
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
	printResult(c.stdout, res, rf.out)
	for _, w := range ds.Warnings {
		fmt.Fprintln(c.stderr, "jig: warning: "+w.String())
	}
	return exitOK
}

// unknownTable says a table is not in the schema, and what is.
func unknownTable(tables []workspace.Table, name string, ws *workspace.Workspace) string {
	if len(tables) == 0 {
		return fmt.Sprintf("no table %q: the workspace's schema (%s) defines no tables", name, filepath.Join(ws.Dir, ws.Config.Schema))
	}
	names := make([]string, len(tables))
	for i := range tables {
		names[i] = engine.UserName(&tables[i])
	}
	return fmt.Sprintf("no table %q in the schema (tables: %s)%s", name, strings.Join(names, ", "), didYouMean(name, names))
}
