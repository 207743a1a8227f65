package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"

	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/workspace"
)

func runVersion(c *cli, args []string) int {
	v := "(devel)"
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		v = bi.Main.Version
	}
	fmt.Fprintf(c.stdout, "jig %s\n", v)
	return exitOK
}

func runInit(c *cli, args []string) int {
	fs := c.flags("init", "[DIR] [--demo]", "Create a workspace in DIR (default .): jig.yaml with every key and its default, and the folders.")
	demo := fs.Bool("demo", false, "write the demo workspace instead of an empty one")
	pos, code := parse(fs, args)
	if code >= 0 {
		return code
	}
	dir := "."
	if len(pos) > 0 {
		dir = pos[0]
	}
	write := workspace.WriteInit
	if *demo {
		write = workspace.WriteDemo
	}
	if err := write(dir); err != nil {
		fmt.Fprintln(c.stderr, "jig: "+err.Error())
		return exitUsage
	}
	fmt.Fprintf(c.stdout, "created workspace %s\n", dir)
	return exitOK
}

func runDemo(c *cli, args []string) int {
	fs := c.flags("demo", "[DIR]", "Write the demo workspace into DIR (default ./jig-demo), or reuse it when it is already there, and open the workbench on it.")
	pos, code := parse(fs, args)
	if code >= 0 {
		return code
	}
	dir := "jig-demo"
	if len(pos) > 0 {
		dir = pos[0]
	}
	if _, err := os.Stat(filepath.Join(dir, workspace.ConfigFile)); err != nil {
		if err := workspace.WriteDemo(dir); err != nil {
			fmt.Fprintln(c.stderr, "jig: "+err.Error())
			return exitUsage
		}
		fmt.Fprintf(c.stderr, "jig: wrote the demo workspace to %s\n", dir)
	}
	return runWorkbench(c, []string{"--workspace", dir})
}

func runValidate(c *cli, args []string) int {
	fs := c.flags("validate", "", "Read every workspace file and report every error; run nothing.")
	var wf wsFlags
	wf.register(fs, false)
	ws, _, code := c.workspaceArgs(fs, &wf, args, nil)
	if ws == nil {
		return code
	}
	if _, err := engine.DecodeChecks(ws); err != nil {
		fmt.Fprintln(c.stderr, err)
		return exitUsage
	}
	fmt.Fprintf(c.stdout, "ok: %d schema files, %d queries, %d check files, %d fixtures\n",
		len(ws.Schema), len(ws.Queries), len(ws.CheckFiles), len(ws.Fixtures))
	return exitOK
}

// serveSchema is where `jig serve` puts the workspace's tables: the server's
// user is "jig", so psql's default search_path ("$user", public) finds them.
const serveSchema = "jig"

func runServe(c *cli, args []string) int {
	fs := c.flags("serve", "", "Start Postgres with the workspace schema applied, print a DSN for psql, and stay up until Ctrl-C.")
	var wf wsFlags
	wf.register(fs, false)
	ws, _, code := c.workspaceArgs(fs, &wf, args, nil)
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
	fmt.Fprintf(c.stdout, "%s\n", s.DSN())
	fmt.Fprintf(c.stderr, "jig: %s, schema %q applied; try: psql %q -c '\\d'\njig: server log %s; Ctrl-C stops it\n",
		s.Describe(), serveSchema, s.DSN(), s.LogPath())
	<-c.ctx.Done()
	fmt.Fprintln(c.stderr, "jig: stopping Postgres")
	return exitOK
}
