package jigtest_test

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/jig-sql/jig/engine/jigtest"
	"github.com/jig-sql/jig/workspace"
)

func demo(t *testing.T) string {
	dir := t.TempDir()
	if err := workspace.WriteDemo(dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestRunDemoPassingFixture runs the demo's passing fixture the way a
// project's go test would.
func TestRunDemoPassingFixture(t *testing.T) {
	jigtest.Run(t, demo(t), jigtest.Only("browser_users/*"))
}

// TestRunReportsFailure runs the demo's buggy fixture in a child test
// process (a failing subtest would fail this test too) and checks that the
// subtest fails with the rows diff.
func TestRunReportsFailure(t *testing.T) {
	if dir := os.Getenv("JIGTEST_CHILD_DIR"); dir != "" {
		jigtest.Run(t, dir, jigtest.Only("net_revenue/*"))
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestRunReportsFailure$", "-test.v")
	cmd.Env = append(os.Environ(), "JIGTEST_CHILD_DIR="+demo(t))
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("the buggy fixture passed:\n%s", out)
	}
	for _, want := range []string{"--- FAIL: TestRunReportsFailure/net_revenue/discount_reduces_net", "»135.00«", "»165.00«"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("child output lacks %q:\n%s", want, out)
		}
	}
}
