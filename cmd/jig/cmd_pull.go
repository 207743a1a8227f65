package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/jig-sql/jig/engine/postgres"
	"github.com/jig-sql/jig/engine/pull"
	"github.com/jig-sql/jig/workspace"
)

// runPull writes schema/*.sql from a live database's catalog (jig pull).
func runPull(c *cli, args []string) int {
	fs := c.flags("pull", "--dsn DSN TABLE... [--schema S] [--all] [--check]",
		"Write schema/<table>.sql for each table from a live Postgres or Redshift catalog, read in one READ ONLY transaction.\n"+
			"Re-pulling a table shows what changed before the file is replaced. The password is never written or printed.")
	var wf wsFlags
	wf.register(fs, true)
	schema := fs.String("schema", "", "the schema to read (default: the DSN's current schema)")
	all := fs.Bool("all", false, "pull every table of the schema")
	check := fs.Bool("check", false, "write nothing; exit 1 when a file is missing or out of date (for CI)")
	tables, code := parse(fs, args)
	if code >= 0 {
		return code
	}
	if len(tables) == 0 && !*all || len(tables) > 0 && *all {
		fmt.Fprintln(c.stderr, "jig: name the tables to pull, or give --all (not both)")
		fs.Usage()
		return exitUsage
	}
	ws, code := c.pullWorkspace(wf.dir)
	if ws == nil {
		return code
	}
	dsn := serverOptions(ws, wf.dsn).DSN
	if dsn == "" {
		fmt.Fprintln(c.stderr, "jig: jig pull reads a live database: give --dsn (or JIG_DSN, or dsn: in jig.yaml)")
		return exitUsage
	}
	conn, err := postgres.ConnectDSN(c.ctx, dsn)
	if err != nil {
		return c.fail(err)
	}
	defer conn.Close(c.ctx)
	pulled, err := pull.Run(c.ctx, conn, pull.Options{Schema: *schema, Tables: tables})
	if errors.Is(err, pull.ErrNoTables) {
		fmt.Fprintln(c.stderr, "jig: "+err.Error())
		return exitUsage
	}
	if err != nil {
		return c.fail(err)
	}
	files := pull.Plan(pulled, ws.Abs(ws.Config.Schema))
	c.reportPull(ws, files, *check)
	if !*check {
		if err := pull.Write(files); err != nil {
			fmt.Fprintln(c.stderr, "jig: "+redact(err.Error()))
			return exitUsage
		}
	}
	code = pullExit(files, *check)
	if *check && code == exitFail {
		fmt.Fprintln(c.stderr, "jig: schema files are out of date or tables are missing; run jig pull without --check to update them")
	}
	return code
}

// pullWorkspace reads only jig.yaml: pull is how a workspace gets its
// schema, so the rest need not exist or be valid yet.
func (c *cli) pullWorkspace(dir string) (*workspace.Workspace, int) {
	ws := &workspace.Workspace{Dir: filepath.Clean(dir), Config: workspace.DefaultConfig()}
	data, err := os.ReadFile(filepath.Join(dir, workspace.ConfigFile))
	if err == nil {
		if ws.Config, err = workspace.ParseConfig(workspace.ConfigFile, data); err != nil {
			fmt.Fprintln(c.stderr, err)
			return nil, exitUsage
		}
	}
	return ws, -1
}

// reportPull prints one line per file: what happens to it and why.
func (c *cli) reportPull(ws *workspace.Workspace, files []pull.File, check bool) {
	for _, f := range files {
		if f.Err != nil {
			fmt.Fprintf(c.stderr, "jig: %s: %s\n", f.Table, redact(f.Err.Error()))
			continue
		}
		rel, err := filepath.Rel(ws.Dir, f.Path)
		if err != nil {
			rel = f.Path
		}
		rel = filepath.ToSlash(rel)
		switch {
		case f.State == pull.FileUnchanged:
			fmt.Fprintf(c.stdout, "%s: up to date\n", rel)
		case check:
			fmt.Fprintf(c.stdout, "%s: out of date: %s\n", rel, strings.Join(f.Changes, "; "))
		case f.State == pull.FileNew:
			fmt.Fprintf(c.stdout, "%s: written\n", rel)
		default:
			fmt.Fprintf(c.stdout, "%s: updated: %s\n", rel, strings.Join(f.Changes, "; "))
		}
		for _, n := range f.Notes {
			fmt.Fprintf(c.stderr, "jig: note: %s: %s\n", rel, n)
		}
	}
}

// pullExit is 1 when a table could not be pulled, or with --check when a
// file is missing or out of date; else 0.
func pullExit(files []pull.File, check bool) int {
	stale, failed := 0, 0
	for _, f := range files {
		switch {
		case f.State == pull.FileFailed:
			failed++
		case f.State != pull.FileUnchanged:
			stale++
		}
	}
	if failed > 0 || check && stale > 0 {
		return exitFail
	}
	return exitOK
}
