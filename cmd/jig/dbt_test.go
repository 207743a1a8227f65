package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jig-sql/jig/engine/enginetest"
)

// jaffleDir is a dbt project (dbt_project.yml, seeds, staging and marts
// models, 32 data tests, 6 unit tests), opened as it is.
const jaffleDir = "../../testdata/projects/jaffle_shop"

// onSeeds are the unit tests of models that read only sources (seeds):
// they run without models reading models.
var onSeeds = []string{
	"stg_payments/test_cents_to_dollars",
	"stg_orders/test_orders_month_and_cutoff",
	"stg_customers/test_full_name_null_when_last_name_missing",
}

// TestDbtUnitTestsOnSources runs the dbt unit tests of the staging models:
// dict and csv rows, NULL-filled inputs, a date compared with a truncated
// timestamp, a dispatched project macro.
func TestDbtUnitTestsOnSources(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	t.Setenv("JIG_DSN", enginetest.Server(t).DSN())
	code, out := jig(t, append([]string{"test", "-w", jaffleDir}, onSeeds...)...)
	if code != exitOK || !strings.Contains(out, "3 fixtures: 3 passed, 0 failed") {
		t.Errorf("jig test: exit %d\n%s", code, out)
	}
}

// TestDbtWrongExpectedValueFails: a wrong expected value fails its unit
// test with the row diff, naming the dbt test.
func TestDbtWrongExpectedValueFails(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	t.Setenv("JIG_DSN", enginetest.Server(t).DSN())
	dir := copyProject(t, jaffleDir)
	yml := filepath.Join(dir, "models/staging/schema.yml")
	data, _ := os.ReadFile(yml)
	os.WriteFile(yml, []byte(strings.Replace(string(data), "{payment_id: 1, amount: 10.50}", "{payment_id: 1, amount: 10.51}", 1)), 0o644)
	code, out := jig(t, "test", "-w", dir, "stg_payments/test_cents_to_dollars")
	if code == exitOK || !strings.Contains(out, "FAIL stg_payments/test_cents_to_dollars") ||
		!strings.Contains(out, "rows differ from the expect: of dbt unit test test_cents_to_dollars (models/staging/schema.yml:62)") ||
		!strings.Contains(out, "10.51") || !strings.Contains(out, "10.50") {
		t.Errorf("jig test: exit %d\n%s", code, out)
	}
}

// TestDbtChecksOnSeeds runs the data tests of seeds, sources and the
// staging models on the seeds' rows.
func TestDbtChecksOnSeeds(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	t.Setenv("JIG_DSN", "")
	dir := copyProject(t, jaffleDir)
	os.RemoveAll(filepath.Join(dir, "models/marts")) // marts read models: branch chains
	os.RemoveAll(filepath.Join(dir, "tests"))        // a singular test reads a model by name: branch chains
	code, out := jig(t, "validate", "-w", dir)
	if want := "ok: 0 schema files, 3 queries, 5 check files, 3 fixtures; 17 checks in all\n"; code != exitOK || out != want {
		t.Errorf("jig validate: exit %d\n%s\nwant %s", code, out, want)
	}
	code, out = jig(t, "check", "-w", dir)
	if code != exitOK {
		t.Fatalf("jig check: exit %d\n%s", code, out)
	}
	for _, want := range []string{"relationships_stg_orders_customer_id", "dbt_utils_recency_source_jaffle_raw_orders", "unique_raw_customers_id"} {
		if !strings.Contains(out, want) {
			t.Errorf("jig check output lacks %s:\n%s", want, out)
		}
	}
	if n := strings.Count(out, "| pass "); n != 17 {
		t.Errorf("%d checks pass, want 17:\n%s", n, out)
	}
}

// TestDbtWholeProject is the done-means: every unit test passes,
// every data test passes, validate is clean.
func TestDbtWholeProject(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	t.Setenv("JIG_DSN", enginetest.Server(t).DSN())
	if code, out := jig(t, "test", "-w", jaffleDir); code != exitOK || !strings.Contains(out, "6 fixtures: 6 passed, 0 failed") {
		t.Errorf("jig test: exit %d\n%s", code, out)
	}
	if code, out := jig(t, "validate", "-w", jaffleDir); code != exitOK || !strings.Contains(out, "6 fixtures; 33 checks in all") {
		t.Errorf("jig validate: exit %d\n%s", code, out)
	}
	t.Setenv("JIG_DSN", "")
	if code, out := jig(t, "check", "-w", jaffleDir); code != exitOK || strings.Count(out, "| pass ") != 33 {
		t.Errorf("jig check: exit %d\n%s", code, out)
	}
}

func copyProject(t testing.TB, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.Walk(src, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if fi.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// TestDbtExport writes a jig fixture as a dbt unit test with the rows the
// factory built, appends it to the model's YAML, and the exported test
// passes as the fixture did.
func TestDbtExport(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	t.Setenv("JIG_DSN", enginetest.Server(t).DSN())
	dir := copyProject(t, jaffleDir)
	enginetest.WriteFiles(t, dir, map[string]string{"fixtures/stg_payments/big.yaml": "given:\n  raw_payments:\n" +
		"    - {id: 1, amount: 123456}\nexpect:\n  columns: partial\n  rows:\n    - {payment_id: 1, amount: 1234.56}\n"})
	code, out := jig(t, "export", "dbt", "-w", dir, "--as-written", "stg_payments/big")
	want := "unit_tests:\n  - name: big\n    model: stg_payments\n    given:\n      - input: source('jaffle', 'raw_payments')\n" +
		"        rows:\n          - {id: 1, amount: 123456}\n    expect:\n      rows:\n        - {payment_id: 1, amount: 1234.56}\n"
	if code != exitOK || out != want {
		t.Errorf("export --as-written: exit %d\n%s\nwant\n%s", code, out, want)
	}
	code, out = jig(t, "export", "dbt", "-w", dir, "--append", "stg_payments/big")
	if code != exitOK || !strings.Contains(out, "models/staging/schema.yml: added unit test stg_payments/big") {
		t.Fatalf("export --append: exit %d\n%s", code, out)
	}
	os.RemoveAll(filepath.Join(dir, "fixtures"))
	data, _ := os.ReadFile(filepath.Join(dir, "models/staging/schema.yml"))
	if !strings.Contains(string(data), "payment_method: \"") { // the factory's value, written out
		t.Errorf("exported rows are not complete:\n%s", data)
	}
	code, out = jig(t, "test", "-w", dir, "stg_payments/big")
	if code != exitOK || !strings.Contains(out, "PASS stg_payments/big") {
		t.Errorf("exported test: exit %d\n%s", code, out)
	}
}

// TestDbtExportMockedModels exports a unit test whose inputs are models
// (mocked upstream queries): the complete rows are the mocks' rows, not
// empty inputs, and rows given in sql format stay in sql format.
func TestDbtExportMockedModels(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	t.Setenv("JIG_DSN", enginetest.Server(t).DSN())
	code, out := jig(t, "export", "dbt", "-w", jaffleDir, "customers/test_customer_lifetime_value",
		"orders/test_order_amounts_by_method")
	if code != exitOK || strings.Contains(out, "[]") ||
		!strings.Contains(out, `first_name: "Ada"`) || !strings.Contains(out, "payment_id: 101") ||
		!strings.Contains(out, "        format: sql\n        rows: |\n          select 1 as payment_id") {
		t.Errorf("export of mocked models: exit %d\n%s", code, out)
	}
}
