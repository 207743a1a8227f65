package main

import (
	"strings"
	"testing"

	"github.com/jig-sql/jig/engine/enginetest"
)

// dbtSchemasDir is a dbt project whose sources are tables of their own
// schemas in schema/ (jaffle.raw_orders, stripe_raw.charges under the
// source stripe's table payments), read by models that read models.
const dbtSchemasDir = "../../testdata/projects/dbt_schemas"

// TestDbtSourcesInSchemas: source() renders the schema-qualified table,
// unit tests fill it by source(), data tests on sources check it, and
// dbt_utils.star lists its columns from its CREATE TABLE — through test,
// validate, check and run.
func TestDbtSourcesInSchemas(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	t.Setenv("JIG_DSN", enginetest.Server(t).DSN())
	if code, out := jig(t, "test", "-w", dbtSchemasDir); code != exitOK || !strings.Contains(out, "3 fixtures: 3 passed, 0 failed") {
		t.Errorf("jig test: exit %d\n%s", code, out)
	}
	want := "ok: 1 schema file, 3 queries, 4 check files, 3 fixtures; 8 checks in all\n"
	if code, out := jig(t, "validate", "-w", dbtSchemasDir); code != exitOK || out != want {
		t.Errorf("jig validate: exit %d\n%s\nwant %s", code, out, want)
	}
	code, out := jig(t, "run", "-w", dbtSchemasDir, "--fixture", "stg_payments/test_unpaid_charges_dropped", "stg_payments")
	if code != exitOK || !strings.HasPrefix(out, "id   | order_id | paid | amount\n") || !strings.Contains(out, "ch_1 | 1        | t    | 5.00") {
		t.Errorf("jig run stg_payments: exit %d\n%s", code, out)
	}
	t.Setenv("JIG_DSN", "")
	code, out = jig(t, "check", "-w", dbtSchemasDir)
	if code != exitOK || strings.Count(out, "| pass ") != 8 {
		t.Errorf("jig check: exit %d\n%s", code, out)
	}
	for _, want := range []string{"unique_source_jaffle_raw_orders_id              | jaffle.raw_orders  | pass",
		"relationships_source_stripe_payments_order_id   | stripe_raw.charges | pass"} {
		if !strings.Contains(out, want) {
			t.Errorf("jig check lacks %q:\n%s", want, out)
		}
	}
}
