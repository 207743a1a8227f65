package main

import (
	"strconv"
	"strings"
	"testing"

	"github.com/jig-sql/jig/engine/enginetest"
	"github.com/jig-sql/jig/workspace"
)

// TestSelfTestDemo runs jig check --self-test on the demo workspace: its
// checks that keys and foreign keys already guarantee cannot fail (exit
// 1), the rest are proven, and checks on the net_revenue output that only
// the query guarantees stay unproven.
func TestSelfTestDemo(t *testing.T) {
	t.Setenv("JIG_DSN", enginetest.Server(t).DSN())
	t.Setenv("NO_COLOR", "1")
	dir := t.TempDir()
	if err := workspace.WriteDemo(dir); err != nil {
		t.Fatal(err)
	}
	code, out := jig(t, "check", "--self-test", "-w", dir)
	golden(t, "testdata/selftest_demo.golden", "exit "+strconv.Itoa(code)+"\n"+normalize(out, dir))
}

// TestSelfTestTargets self-tests only the named targets; all proven is exit 0.
func TestSelfTestTargets(t *testing.T) {
	t.Setenv("JIG_DSN", enginetest.Server(t).DSN())
	dir := t.TempDir()
	if err := workspace.WriteDemo(dir); err != nil {
		t.Fatal(err)
	}
	code, out := jig(t, "check", "--self-test", "-w", dir, "net_revenue")
	if code != exitOK {
		t.Fatalf("exit %d, want 0 (unproven alone passes):\n%s", code, out)
	}
	for _, want := range []string{"net_not_above_gross | net_revenue | proven", "1 proven, 0 cannot fail, 2 unproven", "unproven: jig never saw these fail"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}
