package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/jig-sql/jig/engine/postgres"
	"github.com/jig-sql/jig/engine/pull"
	"github.com/jig-sql/jig/workspace"
)

// pullFlags are jig pull's flags.
type pullFlags struct {
	wsFlags
	out    outFlags
	schema string
	all    bool
	check  bool
}

func newPullCmd(c *cli) *cobra.Command {
	var pf pullFlags
	cmd := &cobra.Command{
		Use:   "pull --dsn DSN TABLE...",
		Short: "write schema/*.sql from a live Postgres or Redshift catalog",
		Long: "Write schema/<table>.sql for each table (or --all) from a live Postgres or Redshift catalog, read in one " +
			"READ ONLY transaction. Re-pulling a table shows what changed before the file is replaced. " +
			"The password is never written or printed.",
		Example: "# DSN: what jig serve -w jig-demo prints, in another terminal\n" +
			`jig pull -w jig-demo --dsn "$DSN" --schema jig --check --all`,
		GroupID:           "schema",
		ValidArgsFunction: cobra.NoFileCompletions, // the tables are in the live database
		Args: func(cmd *cobra.Command, tables []string) error {
			if len(tables) == 0 && !pf.all || len(tables) > 0 && pf.all {
				return usagef(cmd, "name the tables to pull, or give --all (not both)")
			}
			return nil
		},
		RunE: c.runE(func(_ *cobra.Command, tables []string) int {
			return runPull(c, &pf, tables)
		}),
	}
	pf.register(cmd, true)
	cmd.Flags().StringVar(&pf.schema, "schema", "", "the `SCHEMA` to read (default: the DSN's current schema)")
	cmd.Flags().BoolVar(&pf.all, "all", false, "pull every table of the schema")
	cmd.Flags().BoolVar(&pf.check, "check", false, "write nothing; exit 1 when a file is missing or out of date (for CI)")
	cmd.RegisterFlagCompletionFunc("schema", cobra.NoFileCompletions)
	pf.out.register(cmd, false, "one object per table: "+shapeOf(jsonPullFile{}))
	return cmd
}

// jsonPullFile is one table in jig pull --json.
type jsonPullFile struct {
	Table   string   `json:"table"`
	Path    string   `json:"path"`  // relative to the workspace
	State   string   `json:"state"` // new, changed, unchanged, failed
	Changes []string `json:"changes,omitempty"`
	Notes   []string `json:"notes,omitempty"`
	Error   string   `json:"error,omitempty"`
}

// runPull writes schema/*.sql from a live database's catalog (jig pull).
func runPull(c *cli, pf *pullFlags, tables []string) int {
	ws, code := c.pullWorkspace(pf.dir)
	if ws == nil {
		return code
	}
	dsn := serverOptions(ws, pf.dsn).DSN
	if dsn == "" {
		fmt.Fprintln(c.stderr, "jig: jig pull reads a live database: give --dsn (or JIG_DSN, or dsn: in jig.yaml)")
		return exitUsage
	}
	conn, err := postgres.ConnectDSN(c.ctx, dsn)
	if err != nil {
		return c.fail(err)
	}
	defer conn.Close(c.ctx)
	pulled, err := pull.Run(c.ctx, conn, pull.Options{Schema: pf.schema, Tables: tables})
	if errors.Is(err, pull.ErrNoTables) {
		fmt.Fprintln(c.stderr, "jig: "+err.Error())
		return exitUsage
	}
	if err != nil {
		return c.fail(err)
	}
	files := pull.Plan(pulled, ws.Abs(ws.Config.Schema))
	c.reportPull(ws, files, pf.check, pf.out.json)
	if !pf.check {
		if err := pull.Write(files); err != nil {
			fmt.Fprintln(c.stderr, "jig: "+redact(err.Error()))
			return exitUsage
		}
	}
	code = pullExit(files, pf.check)
	if pf.check && code == exitFail {
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
func (c *cli) reportPull(ws *workspace.Workspace, files []pull.File, check, asJSON bool) {
	for _, f := range files {
		if asJSON {
			writeJSONLine(c.stdout, pullJSON(ws, f))
			continue
		}
		if f.Err != nil {
			fmt.Fprintf(c.stderr, "jig: %s: %s\n", f.Table, redact(f.Err.Error()))
			continue
		}
		rel := relPath(ws, f.Path)
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

// pullJSON is one file of jig pull --json.
func pullJSON(ws *workspace.Workspace, f pull.File) jsonPullFile {
	out := jsonPullFile{Table: f.Table, Path: relPath(ws, f.Path), State: string(f.State), Changes: f.Changes, Notes: f.Notes}
	if f.Err != nil {
		out.Error = redact(f.Err.Error())
	}
	return out
}

// relPath is p relative to the workspace, slash-separated.
func relPath(ws *workspace.Workspace, p string) string {
	rel, err := filepath.Rel(ws.Dir, p)
	if err != nil {
		rel = p
	}
	return filepath.ToSlash(rel)
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
