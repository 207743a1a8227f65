package dbt_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/jig-sql/jig/checks"
	"github.com/jig-sql/jig/workspace"
)

// The jaffle_shop project's data tests become checks that decode, each at
// the line of its dbt test, named as dbt names them.
func TestDataTestsBecomeChecks(t *testing.T) {
	ws := loadJaffle(t)
	src := make([]checks.Source, len(ws.CheckFiles))
	for i, f := range ws.CheckFiles {
		src[i] = checks.Source{Path: f.Path, Data: f.Data}
	}
	files, err := checks.DecodeFiles(src)
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	n := 0
	at := map[string]string{}
	for _, f := range files {
		for _, c := range f.Checks {
			n++
			at[c.Check.Common().Name] = f.Table + "@" + c.Pos.String()
		}
	}
	if n != 33 { // 32 generic tests and one singular test
		t.Errorf("%d checks, want 33", n)
	}
	for name, want := range map[string]string{
		"not_null_stg_orders_order_id":               "stg_orders@models/staging/schema.yml:19",
		"relationships_orders_customer_id":           "orders@models/marts/schema.yml:36",
		"dbt_utils_recency_source_jaffle_raw_orders": "raw_orders@models/staging/sources.yml:15",
		"unique_raw_customers_id":                    "raw_customers@seeds/schema.yml:8",
		"assert_payments_are_positive":               "stg_payments@tests/assert_payments_are_positive.sql:3",
	} {
		if got := at[name]; !strings.HasPrefix(got, want+":") {
			t.Errorf("%s at %q, want %s", name, got, want)
		}
	}
	if len(ws.Warnings) != 0 {
		t.Errorf("warnings: %v", ws.Warnings)
	}
}

// Unit tests become fixtures: NULL-filled inputs, partial expectations at
// the expect: line, csv rows from inline blocks and fixture files, sql
// rows as setup, vars overrides as a query of their own.
func TestUnitTestsBecomeFixtures(t *testing.T) {
	ws := loadJaffle(t)
	if len(ws.Fixtures) != 6 {
		t.Fatalf("%d fixtures, want 6", len(ws.Fixtures))
	}
	f := ws.Fixture("stg_orders/test_orders_month_and_cutoff")
	if f == nil || f.Missing != workspace.MissingNull || !f.OwnChecksOnly || f.Expect.Columns != workspace.ColumnsPartial {
		t.Fatalf("csv fixture: %+v", f)
	}
	if f.Path != "models/staging/schema.yml" || f.Expect.Line != 78 || len(f.Given) != 1 || f.Given[0].Table != "raw_orders" {
		t.Errorf("csv fixture placed at %s:%d, given %+v", f.Path, f.Expect.Line, f.Given)
	}
	if r := f.Given[0].Rows; len(r) != 3 || r[1].Cells[2].Value != "2018-03-15" || r[1].Line != 76 {
		t.Errorf("csv rows: %+v", r)
	}
	f = ws.Fixture("orders/test_order_amounts_by_method")
	if f == nil || len(f.Given[0].Rows) != 2 || !strings.HasPrefix(f.Given[1].SQL, "select 1 as payment_id") || f.Given[1].SQLLine != 88 || f.Given[1].SQLIndent != 10 {
		t.Errorf("fixture file / sql rows: %+v", f)
	}
	f = ws.Fixture("orders/test_orders_one_payment_method")
	q := ws.Query(f.Query)
	if f.Query != "orders__test_orders_one_payment_method" || q == nil || strings.Contains(q.SQL, "credit_card") {
		t.Errorf("overrides: fixture runs %s: %v", f.Query, q)
	}
	if q := ws.Query("orders"); q == nil || !strings.Contains(q.SQL, "credit_card_amount") {
		t.Errorf("the model itself keeps the project's vars")
	}
}

func TestProjectConfig(t *testing.T) {
	ws := loadJaffle(t)
	if ws.Config.Seeds != "seeds" || len(ws.Seeds) != 3 {
		t.Errorf("seeds: %s, %d", ws.Config.Seeds, len(ws.Seeds))
	}
}

// The folders a dbt project is read from are listed for the workbench to
// watch, each subfolder too (watching is not recursive).
func TestFoldersToWatch(t *testing.T) {
	ws := loadJaffle(t)
	for _, want := range []string{"models", "models/staging", "models/marts", "macros", "tests", "tests/fixtures"} {
		found := false
		for _, f := range ws.Folders {
			found = found || strings.HasSuffix(filepath.ToSlash(f), "/jaffle_shop/"+want)
		}
		if !found {
			t.Errorf("%s not in %v", want, ws.Folders)
		}
	}
}
