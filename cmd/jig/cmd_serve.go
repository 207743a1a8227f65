package main

import (
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/spf13/cobra"

	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/engine/postgres"
	"github.com/jig-sql/jig/workspace"
)

// serveSchema is where `jig serve` puts the workspace's tables, owned by
// the workspace role; the DSN serve prints sets the search_path to it.
const serveSchema = "jig"

func newServeCmd(c *cli) *cobra.Command {
	var wf wsFlags
	var of outFlags
	cmd := &cobra.Command{
		Use:     "serve",
		Short:   "start Postgres with the workspace schema and print its DSN",
		Long:    "Start Postgres with the workspace schema applied, print a DSN for psql, and stay up until Ctrl-C.",
		Example: "jig serve -w jig-demo",
		GroupID: "server",
		Args:    noArgs,
		RunE: c.runE(func(*cobra.Command, []string) int {
			return runServe(c, &wf, of)
		}),
	}
	wf.register(cmd, false)
	of.register(cmd, false, "one object once the server is up: "+shapeOf(jsonServe{}))
	return cmd
}

type jsonServe struct {
	DSN    string `json:"dsn"`
	Schema string `json:"schema"`
	Log    string `json:"log"`
}

func runServe(c *cli, wf *wsFlags, of outFlags) int {
	ws, code := c.load(wf.dir)
	if ws == nil {
		return code
	}
	o := serverOptions(ws, "")
	o.DSN = "" // serve is about the embedded server
	s, err := c.start(o)
	if err != nil {
		return c.fail(err)
	}
	defer s.Stop()
	// The schema files run as the workspace role, and so does every session
	// on the DSN printed below: psql is sandboxed like the tests.
	names, m, ok := c.servedSchemas(ws)
	if !ok {
		return exitUsage
	}
	if err := engine.SeedsOutsideSchemas(ws.Seeds, m); err != nil {
		fmt.Fprintln(c.stderr, err)
		return exitUsage
	}
	conn, err := s.ConnectWorkspace(c.ctx, serveSchema, names...)
	if err != nil {
		return c.fail(&postgres.StartError{Err: err})
	}
	defer dropServed(s, append(names, serveSchema))
	if ws.Config.Dialect == workspace.DialectRedshift {
		// In the served schema, first: the schema files' views, the
		// queries' views and psql sessions call them, as on a worker.
		err = engine.CreateRedshiftFunctions(c.ctx, conn)
	}
	if err == nil {
		err = engine.ApplySchemaAs(c.ctx, conn, ws.Schema, m)
	}
	if err == nil {
		err = engine.LoadSeeds(c.ctx, conn, serveSchema, ws.Seeds)
	}
	if err == nil {
		c.serveViews(conn, ws)
	}
	conn.Close(c.ctx)
	if err != nil {
		fmt.Fprintln(c.stderr, err)
		return exitUsage
	}
	dsn := s.WorkspaceDSN(serveSchema)
	if of.json {
		writeJSONLine(c.stdout, jsonServe{DSN: dsn, Schema: serveSchema, Log: s.LogPath()})
	} else {
		fmt.Fprintf(c.stdout, "%s\n", dsn)
	}
	fmt.Fprintf(c.stderr, "jig: %s, schema %q applied as role %s (no superuser); try: psql %q -c '\\d'\njig: server log %s; Ctrl-C stops it\n",
		s.Describe(), serveSchema, s.WorkspaceRole(), dsn, s.LogPath())
	<-c.ctx.Done()
	fmt.Fprintln(c.stderr, "jig: stopping Postgres")
	return exitOK
}

// serveViews creates the workspace's queries as views, so psql reads
// stg_orders as the queries do, and says which SELECT queries could not be.
func (c *cli) serveViews(conn *pgx.Conn, ws *workspace.Workspace) {
	broken := engine.CreateQueryViews(c.ctx, conn, ws)
	for _, q := range ws.Ordered {
		var se *engine.SQLError
		if err := broken[q.Name]; errors.As(err, &se) {
			fmt.Fprintf(c.stderr, "jig: query %s is not a view in psql: %v\n", q.Name, err)
		}
	}
}
