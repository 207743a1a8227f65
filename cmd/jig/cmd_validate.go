package main

import (
	"errors"
	"fmt"
	"slices"

	"github.com/jig-sql/jig/workspace/diag"

	"github.com/spf13/cobra"

	"github.com/jig-sql/jig/checks"
	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/engine/postgres"
	"github.com/jig-sql/jig/workspace"
)

func newValidateCmd(c *cli) *cobra.Command {
	var wf wsFlags
	var of outFlags
	cmd := &cobra.Command{
		Use:   "validate",
		Short: "read every workspace file, report every error, run nothing",
		Long: "Read every workspace file and report every error at its file:line:column, all at once and sorted; " +
			"run nothing. When the files read cleanly, validate applies the schema and seeds on the local embedded " +
			"server (never --dsn or JIG_DSN) in a private schema it drops, checks every check parameter and fixture " +
			"against the tables' columns and types, and prepares (without running) every query, setup: statement " +
			"and check, so SQL errors and expected columns the output lacks are reported as jig test, check and " +
			"run would. Errors in the files are reported without starting Postgres (exit 2); if Postgres cannot " +
			"start, validate says the files are valid but could not be checked against the schema (exit 3).",
		Example: "jig validate -w jig-demo",
		GroupID: "fixtures",
		Args:    noArgs,
		RunE: c.runE(func(*cobra.Command, []string) int {
			return runValidate(c, &wf, of)
		}),
	}
	wf.register(cmd, false)
	of.register(cmd, false, "one object counting what was read: "+shapeOf(jsonValidate{}))
	return cmd
}

type jsonValidate struct {
	SchemaFiles int `json:"schema_files"`
	Queries     int `json:"queries"`
	CheckFiles  int `json:"check_files"`
	Fixtures    int `json:"fixtures"`
}

func runValidate(c *cli, wf *wsFlags, of outFlags) int {
	ws, code := c.loadAll(wf.dir)
	if ws == nil {
		return code
	}
	files, err := engine.DecodeChecks(ws)
	if err != nil {
		fmt.Fprintln(c.stderr, err)
		return exitUsage
	}
	if err := engine.ValidateScripts(ws); err != nil {
		fmt.Fprintln(c.stderr, err)
		return exitUsage
	}
	if code := c.validateSchema(ws); code >= 0 {
		return code
	}
	v := jsonValidate{SchemaFiles: len(ws.Schema), Queries: len(ws.Queries), CheckFiles: len(ws.CheckFiles), Fixtures: len(ws.Fixtures)}
	if of.json {
		writeJSONLine(c.stdout, v)
		return exitOK
	}
	checks := ""
	if n := countChecks(files); n > 0 { // a dbt project's data tests are many checks in few files
		checks = "; " + diag.Plural(int64(n), "check") + " in all"
	}
	fmt.Fprintf(c.stdout, "ok: %s, %s, %s, %s%s\n", diag.Plural(int64(v.SchemaFiles), "schema file"),
		diag.Plural(int64(v.Queries), "query"), diag.Plural(int64(v.CheckFiles), "check file"), diag.Plural(int64(v.Fixtures), "fixture"), checks)
	return exitOK
}

// loadAll reads the workspace and decodes its check files, printing every
// problem of both together, sorted. It returns nil and exitUsage when
// there is any.
func (c *cli) loadAll(dir string) (*workspace.Workspace, int) {
	if !c.isFolder(dir) {
		return nil, exitUsage
	}
	ws, err := workspace.Load(dir)
	c.printWarnings(ws)
	var errs diag.Errors
	errors.As(err, &errs)
	errs = slices.Clone(errs)
	if _, err := engine.DecodeChecks(ws); err != nil {
		var es diag.Errors
		if !errors.As(err, &es) {
			fmt.Fprintln(c.stderr, err)
			return nil, exitUsage
		}
		errs = append(errs, es...)
	}
	if err := errs.Err(); err != nil {
		return nil, c.loadFailed(dir, err)
	}
	return ws, -1
}

// countChecks counts the checks of the decoded check files.
func countChecks(files []*checks.File) int {
	n := 0
	for _, f := range files {
		n += len(f.Checks)
	}
	return n
}

// validateSchema checks the workspace against its schema on the local
// embedded server. It returns -1 when all is well, else the exit code,
// having printed why.
func (c *cli) validateSchema(ws *workspace.Workspace) int {
	o := serverOptions(ws, "")
	o.DSN = "" // validate changes nothing on any server the user names
	var srv *postgres.Server
	var err error
	if isTerminal(c.stderr) {
		srv, err = c.start(o) // a progress line that clears itself
	} else {
		srv, err = postgres.Start(c.ctx, o) // keep CI logs to the verdict
	}
	if err != nil {
		fmt.Fprintln(c.stderr, "jig: the workspace files are valid, but checking them against the schema needs "+
			"the local Postgres, which did not start:")
		return c.fail(err)
	}
	defer srv.Stop()
	if err := engine.Validate(c.ctx, srv, ws); err != nil {
		return c.setupFailed(err)
	}
	return -1
}
