package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

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
