package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/jig-sql/jig/checks"
	"github.com/jig-sql/jig/workspace"
)

// Shell completion (jig completion bash|zsh|fish) asks `jig __complete`
// for values as the user types. Those answers read only the workspace's
// file names and the few files they need, never start a server and never
// parse fixtures, so they stay instant on a workspace of thousands.

// completionWorkspace reads jig.yaml from the workspace the command line
// names (-w), defaults when it is missing or broken.
func completionWorkspace(cmd *cobra.Command) *workspace.Workspace {
	dir, _ := cmd.Flags().GetString("workspace")
	if dir == "" {
		dir = "."
	}
	ws := &workspace.Workspace{Dir: filepath.Clean(dir), Config: workspace.DefaultConfig()}
	if data, err := os.ReadFile(filepath.Join(dir, workspace.ConfigFile)); err == nil {
		if cfg, err := workspace.ParseConfig(workspace.ConfigFile, data); err == nil {
			ws.Config = cfg
		}
	}
	return ws
}

// filesIn lists the names in a workspace folder with one of exts, without
// the extension, sorted.
func filesIn(ws *workspace.Workspace, folder string, exts ...string) []string {
	entries, err := os.ReadDir(ws.Abs(folder))
	if err != nil {
		return nil
	}
	var names []string
	for _, e := range entries {
		ext := filepath.Ext(e.Name())
		if !e.IsDir() && e.Name()[0] != '.' && slices.Contains(exts, ext) {
			names = append(names, strings.TrimSuffix(e.Name(), ext))
		}
	}
	return names
}

// fixtureNames are query/file for each fixtures/<query>/<file>.yaml.
func fixtureNames(ws *workspace.Workspace) (queries, fixtures []string) {
	entries, _ := os.ReadDir(ws.Abs(ws.Config.Fixtures))
	for _, e := range entries {
		if !e.IsDir() || e.Name()[0] == '.' {
			continue
		}
		queries = append(queries, e.Name())
		for _, f := range filesIn(ws, filepath.Join(ws.Config.Fixtures, e.Name()), ".yaml", ".yml") {
			fixtures = append(fixtures, e.Name()+"/"+f)
		}
	}
	return queries, fixtures
}

// completeFixtures offers fixture names, and for each query the glob
// query/* and the query itself (jig test PATTERN, --fixture).
// jig run QUERY --fixture offers only that query's fixtures.
func completeFixtures(cmd *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
	queries, fixtures := fixtureNames(completionWorkspace(cmd))
	if cmd.Name() == "run" {
		if len(args) > 0 {
			prefix := strings.TrimSuffix(filepath.Base(args[0]), ".sql") + "/"
			fixtures = slices.DeleteFunc(fixtures, func(f string) bool { return !strings.HasPrefix(f, prefix) })
		}
		return fixtures, cobra.ShellCompDirectiveNoFileComp
	}
	var out []cobra.Completion
	for _, q := range queries {
		out = append(out, cobra.CompletionWithDesc(q, "every fixture of the query"),
			cobra.CompletionWithDesc(q+"/*", "glob"))
	}
	return append(out, fixtures...), cobra.ShellCompDirectiveNoFileComp
}

// completeQueries offers the names in queries/; a .sql file path is also
// a query, so files stay on offer once no name matches.
func completeQueries(cmd *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	ws := completionWorkspace(cmd)
	return filesIn(ws, ws.Config.Queries, ".sql"), cobra.ShellCompDirectiveDefault
}

// completeTables offers the tables the schema files create.
func completeTables(cmd *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if len(args) > 0 && cmd.Name() == "rows" {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return tableNames(completionWorkspace(cmd)), cobra.ShellCompDirectiveNoFileComp
}

func tableNames(ws *workspace.Workspace) []string {
	var names []string
	for _, f := range filesIn(ws, ws.Config.Schema, ".sql") {
		p := filepath.Join(ws.Config.Schema, f+".sql")
		data, err := os.ReadFile(ws.Abs(p))
		if err != nil {
			continue
		}
		sf, _ := workspace.ParseSchema(filepath.ToSlash(p), string(data), ws.Config.Dialect == workspace.DialectRedshift)
		if sf != nil {
			names = append(names, sortedKeys(sf.Tables)...)
		}
	}
	return names
}

// completeCheckTargets offers the tables and queries checks/ has checks on.
func completeCheckTargets(cmd *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
	ws := completionWorkspace(cmd)
	var targets []string
	for _, f := range filesIn(ws, ws.Config.Checks, ".yaml", ".yml") {
		for _, ext := range []string{".yaml", ".yml"} {
			p := filepath.Join(ws.Config.Checks, f+ext)
			data, err := os.ReadFile(ws.Abs(p))
			if err != nil {
				continue
			}
			if cf, _ := checks.DecodeFile(filepath.ToSlash(p), data); cf != nil && cf.Table != "" &&
				!slices.Contains(targets, cf.Table) && !slices.Contains(args, cf.Table) {
				targets = append(targets, cf.Table)
			}
		}
	}
	return targets, cobra.ShellCompDirectiveNoFileComp
}

// completeDirs offers folders only (-w, jig init DIR).
func completeDirs(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return nil, cobra.ShellCompDirectiveFilterDirs
}

// completeFileExt offers files ending in .ext (--junit FILE).
func completeFileExt(ext string) cobra.CompletionFunc {
	return func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return []cobra.Completion{ext}, cobra.ShellCompDirectiveFilterFileExt
	}
}

func sortedKeys[M ~map[string]V, V any](m M) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
