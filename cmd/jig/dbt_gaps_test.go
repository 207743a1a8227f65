package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDbtThresholds: a data test's warn_if / error_if judge its failing
// rows as dbt does. Two orders have a status the test does not accept:
// error_if ">2" only warns (exit 0), ">1" fails, warn_if ">5" passes.
func TestDbtThresholds(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	t.Setenv("JIG_DSN", "")
	dir := copyProject(t, jaffleDir)
	yml := filepath.Join(dir, "models/staging/schema.yml")
	orig, _ := os.ReadFile(yml)
	for _, c := range []struct {
		config string
		code   int
		status string
	}{
		{`{error_if: ">2"}`, exitOK, "| warn   | 2"},
		{`{error_if: ">1"}`, exitFail, "| fail   | 2"},
		{`{warn_if: ">5", error_if: ">5"}`, exitOK, "| pass   | 2"},
	} {
		text := strings.Replace(string(orig), "values: ['placed', 'shipped', 'completed', 'return_pending', 'returned']\n",
			"values: ['placed', 'shipped', 'completed']\n              config: "+c.config+"\n", 1)
		if err := os.WriteFile(yml, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		code, out := jig(t, "check", "-w", dir, "stg_orders")
		if code != c.code || !strings.Contains(lineWith(out, "accepted_values_stg_orders_status "), c.status) {
			t.Errorf("config %s: exit %d, want %d and %q:\n%s", c.config, code, c.code, c.status, out)
		}
	}
}

// lineWith is the first line of out that holds s, or "".
func lineWith(out, s string) string {
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, s) {
			return l
		}
	}
	return ""
}
