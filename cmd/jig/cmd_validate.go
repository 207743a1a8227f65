package main

import (
	"fmt"
	"github.com/jig-sql/jig/workspace/diag"

	"github.com/spf13/cobra"

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
		Long: "Read every workspace file and report every error at its file:line:column; run nothing. " +
			"When the files read cleanly, validate applies the schema on the local embedded server (never --dsn or " +
			"JIG_DSN) in a private schema it drops, and checks every check parameter and fixture against the " +
			"tables' columns and types, as jig test, check and run would. Errors in the files are reported " +
			"without starting Postgres (exit 2); if Postgres cannot start, validate says the files are valid " +
			"but could not be checked against the schema (exit 3).",
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
	ws, code := c.load(wf.dir)
	if ws == nil {
		return code
	}
	if _, err := engine.DecodeChecks(ws); err != nil {
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
	fmt.Fprintf(c.stdout, "ok: %s, %s, %s, %s\n", diag.Plural(int64(v.SchemaFiles), "schema file"),
		diag.Plural(int64(v.Queries), "query"), diag.Plural(int64(v.CheckFiles), "check file"), diag.Plural(int64(v.Fixtures), "fixture"))
	return exitOK
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
