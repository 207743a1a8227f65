package main

import (
	"fmt"
	"github.com/jig-sql/jig/workspace/diag"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/workspace"
)

func newRunCmd(c *cli) *cobra.Command {
	var wf wsFlags
	var of outFlags
	var fixture string
	cmd := &cobra.Command{
		Use:   "run QUERY",
		Short: "run a query on the workspace schema and print the result",
		Long: "Run a query (a name in queries/ or a .sql file) on the workspace schema, with a fixture's rows " +
			"(--fixture) or on empty tables, and print its result.",
		Example:           "jig run -w jig-demo browser_users --fixture browser_users/null_user_is_excluded",
		GroupID:           "fixtures",
		Args:              exactlyOne("QUERY"),
		ValidArgsFunction: completeQueries,
		RunE: c.runE(func(_ *cobra.Command, args []string) int {
			return runRun(c, &wf, of, args[0], fixture)
		}),
	}
	wf.register(cmd, true)
	cmd.Flags().StringVar(&fixture, "fixture", "", "insert this `FIXTURE`'s rows first (name like query/file, or a path)")
	cmd.RegisterFlagCompletionFunc("fixture", completeFixtures)
	of.register(cmd, true, rowsShape)
	return cmd
}

func runRun(c *cli, wf *wsFlags, of outFlags, query, fixture string) int {
	ws, code := c.load(wf.dir)
	if ws == nil {
		return code
	}
	f, err := runFixtureFor(ws, query, fixture)
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
	printStatements(c.stderr, res.Statements)
	if res.Result == nil {
		return exitOK // a script whose statements return no rows
	}
	if len(res.Result.Columns) == 0 && res.Result.Tag != "" { // DML without RETURNING
		fmt.Fprintln(c.stderr, res.Result.Tag)
		return exitOK
	}
	printResult(c.stdout, res.Result, of)
	if !of.json && !of.csv {
		fmt.Fprintf(c.stderr, "(%s, %s)\n", diag.Plural(int64(len(res.Result.Rows)), "row"), fmtDuration(res.Result.Took))
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
			return nil, fmt.Errorf("no query %q in %s and no such file%s", query, ws.Config.Queries, didYouMean(query, names))
		}
		if q, err = workspace.ParseQuery(query, string(src)); err != nil {
			return nil, err
		}
		ws.Queries = append(ws.Queries, q)
		ws.LinkQueries() // the file may read the workspace's queries
	}
	f := &workspace.Fixture{Query: q.Name, Name: q.Name}
	if fixture != "" {
		name := strings.TrimSuffix(strings.TrimPrefix(filepath.ToSlash(fixture), "fixtures/"), ".yaml")
		found := ws.Fixture(name)
		if found == nil {
			return nil, fmt.Errorf("no fixture %q (names look like %s/<file>)", fixture, q.Name)
		}
		copy := *found
		copy.Query, copy.Expect, copy.Steps = q.Name, workspace.Expect{}, stepsThrough(found.Steps, q.Name)
		f = &copy
	}
	return f, nil
}
