package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/rows"
	"github.com/jig-sql/jig/workspace"
	"github.com/jig-sql/jig/workspace/dbt"
)

func newExportCmd(c *cli) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "export",
		Short:   "write fixtures in another tool's format (dbt unit tests)",
		Example: "jig export dbt -w my_dbt_project 'orders/*' --append",
		GroupID: "fixtures",
		Args:    noArgs,
	}
	cmd.AddCommand(newExportDbtCmd(c))
	return cmd
}

// exportFlags are jig export dbt's flags.
type exportFlags struct {
	wsFlags
	append    bool
	asWritten bool
}

func newExportDbtCmd(c *cli) *cobra.Command {
	var ef exportFlags
	cmd := &cobra.Command{
		Use:   "dbt FIXTURE...",
		Short: "write fixtures as dbt unit tests of the workspace's dbt project",
		Long: "Write each FIXTURE (a name or pattern, as jig test takes) as a dbt unit test of its model. Each given " +
			"table becomes an input (ref() for a model or seed, source() for a source's table) holding every column " +
			"of the rows as jig built them, so dbt, which fills what a unit test leaves out with NULL, sees the same " +
			"rows; --as-written keeps only the columns the fixture sets. The tests are printed, or with --append " +
			"added under unit_tests: of the YAML file that declares the model.",
		Example:           "jig export dbt -w my_dbt_project 'orders/*' --append",
		ValidArgsFunction: completeFixtures,
		Args:              cobra.MinimumNArgs(1),
		RunE: c.runE(func(_ *cobra.Command, patterns []string) int {
			return runExportDbt(c, &ef, patterns)
		}),
	}
	ef.register(cmd, false)
	cmd.Flags().BoolVar(&ef.append, "append", false, "add the tests to the model's YAML file instead of printing them")
	cmd.Flags().BoolVar(&ef.asWritten, "as-written", false, "give only the columns the fixture sets, not the row factory's values")
	return cmd
}

func runExportDbt(c *cli, ef *exportFlags, patterns []string) int {
	ws, code := c.load(ef.dir)
	if ws == nil {
		return code
	}
	ex, err := dbt.NewExport(ws)
	if err != nil {
		fmt.Fprintln(c.stderr, "jig: "+err.Error())
		return exitUsage
	}
	fixtures, err := selectFixtures(ws.Fixtures, patterns, "", "")
	if err != nil || len(fixtures) == 0 {
		fmt.Fprintln(c.stderr, "jig: "+noFixtures(ws, patterns))
		return exitUsage
	}
	var runner *engine.Runner
	if !ef.asWritten {
		srv, r, code := c.openRunner(ws, "", 1)
		if r == nil {
			return code
		}
		defer srv.Stop()
		defer r.Close()
		runner = r
	}
	var out strings.Builder
	for _, f := range fixtures {
		entry, err := exportOne(c, ex, runner, f)
		if err != nil {
			fmt.Fprintln(c.stderr, "jig: "+err.Error())
			return exitUsage
		}
		if !ef.append {
			out.WriteString(entry)
			continue
		}
		file, err := ex.Append(f.Query, entry)
		if err != nil {
			return c.fail(err)
		}
		fmt.Fprintf(c.stdout, "%s: added unit test %s\n", file, f.Name)
	}
	if !ef.append {
		fmt.Fprint(c.stdout, "unit_tests:\n"+out.String())
	}
	return exitOK
}

// exportOne renders one fixture; with a runner, its given rows are the
// complete rows the row factory built for it.
func exportOne(c *cli, ex *dbt.Export, runner *engine.Runner, f *workspace.Fixture) (string, error) {
	given := dbt.FixtureGiven(f)
	if runner != nil {
		res := runner.RunFixture(c.ctx, f)
		if res.Dataset == nil {
			return "", fmt.Errorf("%s: cannot build its rows: %v", f.Path, res.Err)
		}
		for i := range given {
			built := given[i].Table
			if mt := runner.Suite.Mock(built); mt != nil {
				built = mt.Name // an upstream query's rows are in its mock table
			}
			sql := given[i].SQL
			given[i] = completeRows(res.Dataset, given[i].Table, built)
			given[i].SQL = sql
		}
	}
	return ex.UnitTest(f, given)
}

// completeRows are a given table's rows as the factory built them (not the
// parents it added for foreign keys), every column set; built is the table
// the rows went into (a mocked query's mock table).
func completeRows(ds *rows.Dataset, table, built string) dbt.ExportTable {
	et := dbt.ExportTable{Table: table}
	for _, tr := range ds.Tables {
		if tr.Table.Name != built {
			continue
		}
		for _, col := range tr.Table.Columns {
			et.Cols = append(et.Cols, col.Name)
		}
		for _, r := range tr.Rows {
			if r.Generated {
				continue
			}
			m := map[string]any{}
			for i, v := range r.Values {
				if !v.Default {
					m[et.Cols[i]] = exportValue(tr.Table.Columns[i].Type.Base, v)
				}
			}
			et.Rows = append(et.Rows, m)
		}
	}
	return et
}

// exportValue is a cell for YAML: numbers and booleans bare, the rest text.
func exportValue(base string, v rows.Value) any {
	if v.Null {
		return nil
	}
	switch base {
	case "int2", "int4", "int8":
		if n, err := strconv.ParseInt(v.Text, 10, 64); err == nil {
			return n
		}
	case "bool":
		return v.Text == "t" || v.Text == "true"
	}
	return v.Text
}
