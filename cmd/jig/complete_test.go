package main

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// complete asks jig what the shell should offer, as the completion
// scripts do (jig __complete ARGS... with an empty last word), and returns the values without
// their descriptions and the directive.
func complete(t *testing.T, args ...string) ([]string, cobra.ShellCompDirective) {
	t.Helper()
	code, out, errs := jigStreams(t, append([]string{cobra.ShellCompRequestCmd}, args...)...)
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	last := lines[len(lines)-1]
	d, err := strconv.Atoi(strings.TrimPrefix(last, ":"))
	if code != exitOK || err != nil || !strings.HasPrefix(last, ":") {
		t.Fatalf("jig __complete %s: exit %d, stdout %q, stderr %q", strings.Join(args, " "), code, out, errs)
	}
	var values []string
	for _, l := range lines[:len(lines)-1] {
		v, _, _ := strings.Cut(l, "\t")
		values = append(values, v)
	}
	return values, cobra.ShellCompDirective(d)
}

// TestCompletions completes from the demo workspace's files. No server may
// start: the Postgres sources point nowhere, so one would fail.
func TestCompletions(t *testing.T) {
	t.Setenv("JIG_PG_SOURCES", "explicit")
	t.Setenv("JIG_PG_BINARIES", filepath.Join(t.TempDir(), "none"))
	t.Setenv("JIG_DSN", "")
	dir := demoFiles(t)
	noFiles := cobra.ShellCompDirectiveNoFileComp
	cases := []struct {
		args []string
		want []string
		dir  cobra.ShellCompDirective
	}{
		{[]string{"test", "-w", dir, ""}, []string{
			"browser_users", "browser_users/*", "net_revenue", "net_revenue/*",
			"browser_users/null_user_is_excluded", "net_revenue/discount_reduces_net"}, noFiles},
		{[]string{"run", "--workspace", dir, ""}, []string{"browser_users", "net_revenue"}, cobra.ShellCompDirectiveDefault},
		{[]string{"explain", "-w", dir, ""}, []string{"browser_users", "net_revenue"}, cobra.ShellCompDirectiveDefault},
		{[]string{"run", "-w", dir, "net_revenue", "--fixture", ""}, []string{"net_revenue/discount_reduces_net"}, noFiles},
		{[]string{"rows", "-w", dir, ""}, []string{"events", "orders", "users"}, noFiles},
		{[]string{"check", "-w", dir, ""}, []string{"events", "net_revenue", "orders"}, noFiles},
		{[]string{"check", "-w", dir, "events", ""}, []string{"net_revenue", "orders"}, noFiles},
		{[]string{"promote", "-w", dir, "--to", ""}, []string{"events", "net_revenue", "orders"}, noFiles},
		{[]string{"test", "-w", ""}, nil, cobra.ShellCompDirectiveFilterDirs},
		{[]string{"check", "--workspace", ""}, nil, cobra.ShellCompDirectiveFilterDirs},
		{[]string{"test", "-w", dir, "--js"}, []string{"--json"}, noFiles},
	}
	for _, tc := range cases {
		got, d := complete(t, tc.args...)
		if !slices.Equal(got, tc.want) || d != tc.dir {
			t.Errorf("jig __complete %s:\n got %q, directive %d\nwant %q, directive %d", strings.Join(tc.args, " "), got, d, tc.want, tc.dir)
		}
	}
}

// TestCompletionsFollowJigYAML reads the folders jig.yaml names and
// completes nothing, without failing, from a folder that is no workspace.
func TestCompletionsFollowJigYAML(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "sql", "q"), 0o755)
	os.WriteFile(filepath.Join(dir, "jig.yaml"), []byte("queries: sql/q\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "sql", "q", "daily.sql"), []byte("select 1\n"), 0o644)
	if got, _ := complete(t, "run", "-w", dir, ""); !slices.Equal(got, []string{"daily"}) {
		t.Errorf("queries from jig.yaml's folder: %q", got)
	}
	if got, _ := complete(t, "test", "-w", filepath.Join(dir, "missing"), ""); len(got) != 0 {
		t.Errorf("a missing workspace completes %q", got)
	}
}
