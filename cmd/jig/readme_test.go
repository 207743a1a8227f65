package main

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

const (
	readmeBegin = "<!-- commands: rendered from cmd/jig's command definitions by TestREADMECommands; `go test ./cmd/jig -run TestREADMECommands -update` rewrites it -->\n"
	readmeEnd   = "<!-- end commands -->\n"
)

// TestREADMECommands renders the README's command tables from the cobra
// tree, so the README cannot drift from --help.
func TestREADMECommands(t *testing.T) {
	path := "../../README.md"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	i, j := strings.Index(readme, readmeBegin), strings.Index(readme, readmeEnd)
	if i < 0 || j < i {
		t.Fatalf("README.md lacks the markers %q ... %q", readmeBegin, readmeEnd)
	}
	got := readme[:i] + readmeBegin + renderCommands(newRootCmd(&cli{})) + readme[j:]
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if got != readme {
		t.Errorf("README.md's command section differs from the commands (go test ./cmd/jig -run TestREADMECommands -update):\n%s", got[i:i+len(readmeBegin)+len(renderCommands(newRootCmd(&cli{})))])
	}
}

// renderCommands is the README's command table, then its JSON shapes.
func renderCommands(root *cobra.Command) string {
	var b strings.Builder
	b.WriteString("| command | what it does | flags |\n|---|---|---|\n")
	fmt.Fprintf(&b, "| `jig [--workspace DIR]` | %s | %s |\n", root.Short, flagList(root))
	for _, g := range root.Groups() {
		fmt.Fprintf(&b, "| **%s** | | |\n", g.Title)
		for _, cmd := range root.Commands() {
			if cmd.GroupID == g.ID && cmd.IsAvailableCommand() {
				fmt.Fprintf(&b, "| `jig %s` | %s | %s |\n", cmd.Use, cmd.Short, flagList(cmd))
			}
		}
	}
	b.WriteString("\nEvery workspace command takes `-w/--workspace DIR` (default `.`); `--dsn` uses an existing " +
		"Postgres-wire server. Each command's `--help` has an example that runs on the demo.\n\n")
	b.WriteString("| command | `--json` prints |\n|---|---|\n")
	for _, cmd := range root.Commands() {
		if shape := cmd.Annotations["json"]; shape != "" {
			fmt.Fprintf(&b, "| `jig %s` | %s |\n", cmd.Name(), strings.ReplaceAll(shape, "|", `\|`))
		}
	}
	return b.String()
}

// flagList names a command's own flags, -w, --dsn and --help aside.
func flagList(cmd *cobra.Command) string {
	var names []string
	cmd.LocalNonPersistentFlags().VisitAll(func(f *pflag.Flag) {
		switch {
		case f.Hidden, f.Name == "help", f.Name == "workspace", f.Name == "dsn", f.Name == "version":
		case f.Shorthand != "":
			names = append(names, "`-"+f.Shorthand+"`")
		default:
			names = append(names, "`--"+f.Name+"`")
		}
	})
	return strings.Join(names, ", ")
}
