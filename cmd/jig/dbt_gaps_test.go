package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jig-sql/jig/engine/enginetest"
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

// TestDbtExpectSQL: a unit test's expect rows in sql format are the rows
// that SELECT returns, compared as dict rows are; a wrong value fails with
// the diff, and an error in the SQL is at its line in the YAML.
func TestDbtExpectSQL(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	t.Setenv("JIG_DSN", enginetest.Server(t).DSN())
	dir := copyProject(t, jaffleDir)
	yml := filepath.Join(dir, "models/staging/schema.yml")
	orig, _ := os.ReadFile(yml)
	const dict = "      rows:\n        - {payment_id: 1, amount: 10.50}\n        - {payment_id: 2, amount: 0.05}\n"
	if !strings.Contains(string(orig), dict) {
		t.Fatalf("schema.yml no longer has the expected rows of test_cents_to_dollars")
	}
	for _, c := range []struct {
		sql  string
		code int
		want []string
	}{
		{"select 1 as payment_id, 10.50 as amount\n        union all\n        select 2, 0.05", exitOK,
			[]string{"PASS stg_payments/test_cents_to_dollars"}},
		{"select 1 as payment_id, 10.51 as amount\n        union all\n        select 2, 0.05", exitFail,
			[]string{"FAIL stg_payments/test_cents_to_dollars", "10.51", "10.50"}},
		{"select 1 as payment_id,\n        10.50 as amount from nowhere", exitUsage,
			[]string{`ERROR stg_payments/test_cents_to_dollars`, `models/staging/schema.yml:66:30: relation "nowhere" does not exist`}},
		{"select 1 as payment_id, 10.50 as amount;\n        drop table raw_payments", exitUsage,
			[]string{`cannot insert multiple commands into a prepared statement`}},
	} {
		text := strings.Replace(string(orig), dict, "      format: sql\n      rows: |\n        "+c.sql+"\n", 1)
		if err := os.WriteFile(yml, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		code, out := jig(t, "test", "-w", dir, "stg_payments/test_cents_to_dollars")
		for _, want := range c.want {
			if code != c.code || !strings.Contains(out, want) {
				t.Errorf("expect sql %q: exit %d, want %d and %q:\n%s", c.sql, code, c.code, want, out)
			}
		}
	}
}
