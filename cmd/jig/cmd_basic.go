package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/workspace"
)

func newVersionCmd(c *cli) *cobra.Command {
	var of outFlags
	cmd := &cobra.Command{
		Use:     "version",
		Short:   "print jig's version",
		Long:    "Print jig's version (the same as jig --version).",
		Example: "jig version",
		GroupID: "other",
		Args:    noArgs,
		RunE: c.runE(func(*cobra.Command, []string) int {
			if of.json {
				writeJSONLine(c.stdout, jsonVersion{Version: version()})
				return exitOK
			}
			fmt.Fprintf(c.stdout, "jig %s\n", version())
			return exitOK
		}),
	}
	of.register(cmd, false, "one object: "+shapeOf(jsonVersion{}))
	return cmd
}

type jsonVersion struct {
	Version string `json:"version"`
}

func newInitCmd(c *cli) *cobra.Command {
	var demo bool
	cmd := &cobra.Command{
		Use:     "init [DIR]",
		Short:   "create a workspace; --demo writes the demo workspace",
		Long:    "Create a workspace in DIR (default .): jig.yaml with every key and its default, and the folders.",
		Example: "jig init --demo jig-demo",
		GroupID: "fixtures",
		Args:    atMostOne("DIR"),
		RunE: c.runE(func(_ *cobra.Command, args []string) int {
			dir := "."
			if len(args) > 0 {
				dir = args[0]
			}
			write := workspace.WriteInit
			if demo {
				write = workspace.WriteDemo
			}
			if err := write(dir); err != nil {
				fmt.Fprintln(c.stderr, "jig: "+err.Error())
				return exitUsage
			}
			fmt.Fprintf(c.stdout, "created workspace %s\n", dir)
			return exitOK
		}),
		ValidArgsFunction: completeDirs,
	}
	cmd.Flags().BoolVar(&demo, "demo", false, "write the demo workspace instead of an empty one")
	return cmd
}

func newDemoCmd(c *cli) *cobra.Command {
	return &cobra.Command{
		Use:   "demo [DIR]",
		Short: "write the demo workspace (default ./jig-demo) and open it",
		Long: "Write the demo workspace into DIR (default ./jig-demo), or reuse it when it is already there, " +
			"and open the workbench on it.",
		Example:           "jig demo jig-demo",
		GroupID:           "fixtures",
		Args:              atMostOne("DIR"),
		ValidArgsFunction: completeDirs,
		RunE: c.runE(func(_ *cobra.Command, args []string) int {
			dir := "jig-demo"
			if len(args) > 0 {
				dir = args[0]
			}
			if _, err := os.Stat(filepath.Join(dir, workspace.ConfigFile)); err != nil {
				if err := workspace.WriteDemo(dir); err != nil {
					fmt.Fprintln(c.stderr, "jig: "+err.Error())
					return exitUsage
				}
				fmt.Fprintf(c.stderr, "jig: wrote the demo workspace to %s\n", dir)
			}
			return runWorkbench(c, &wsFlags{dir: dir})
		}),
	}
}

func newValidateCmd(c *cli) *cobra.Command {
	var wf wsFlags
	var of outFlags
	cmd := &cobra.Command{
		Use:     "validate",
		Short:   "read every workspace file, report every error, run nothing",
		Long:    "Read every workspace file and report every error at its file:line:column; run nothing.",
		Example: "jig validate -w jig-demo",
		GroupID: "fixtures",
		Args:    noArgs,
		RunE: c.runE(func(*cobra.Command, []string) int {
			ws, code := c.load(wf.dir)
			if ws == nil {
				return code
			}
			if _, err := engine.DecodeChecks(ws); err != nil {
				fmt.Fprintln(c.stderr, err)
				return exitUsage
			}
			v := jsonValidate{SchemaFiles: len(ws.Schema), Queries: len(ws.Queries), CheckFiles: len(ws.CheckFiles), Fixtures: len(ws.Fixtures)}
			if of.json {
				writeJSONLine(c.stdout, v)
				return exitOK
			}
			fmt.Fprintf(c.stdout, "ok: %s, %s, %s, %s\n", plural(int64(v.SchemaFiles), "schema file"),
				plural(int64(v.Queries), "query"), plural(int64(v.CheckFiles), "check file"), plural(int64(v.Fixtures), "fixture"))
			return exitOK
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
