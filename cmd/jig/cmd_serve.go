package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/jig-sql/jig/engine"
)

// serveSchema is where `jig serve` puts the workspace's tables: the server's
// user is "jig", so psql's default search_path ("$user", public) finds them.
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
	conn, err := s.Connect(c.ctx)
	if err != nil {
		return c.fail(err)
	}
	err = engine.CreateSchema(c.ctx, conn, serveSchema, ws.Schema)
	conn.Close(c.ctx)
	if err != nil {
		fmt.Fprintln(c.stderr, err)
		return exitUsage
	}
	if of.json {
		writeJSONLine(c.stdout, jsonServe{DSN: s.DSN(), Schema: serveSchema, Log: s.LogPath()})
	} else {
		fmt.Fprintf(c.stdout, "%s\n", s.DSN())
	}
	fmt.Fprintf(c.stderr, "jig: %s, schema %q applied; try: psql %q -c '\\d'\njig: server log %s; Ctrl-C stops it\n",
		s.Describe(), serveSchema, s.DSN(), s.LogPath())
	<-c.ctx.Done()
	fmt.Fprintln(c.stderr, "jig: stopping Postgres")
	return exitOK
}
