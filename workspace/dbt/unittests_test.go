package dbt

import (
	"fmt"
	"testing"
)

// TestSameOverridesShareOneQuery: unit tests overriding a model's vars the
// same way run one query (the first test's), not one each; different
// overrides still get their own.
func TestSameOverridesShareOneQuery(t *testing.T) {
	test := func(name, v string) string {
		return fmt.Sprintf("  - name: %s\n    model: m\n    overrides: {vars: {v: %s}}\n    given: []\n    expect: {rows: [{x: %s}]}\n", name, v, v)
	}
	ws, err := project(t, map[string]string{
		"models/m.sql":    "select {{ var('v', 0) }} as x\n",
		"models/m.yml":    "unit_tests:\n" + test("a", "1") + test("b", "1") + test("c", "2"),
		"dbt_project.yml": "name: p\n",
	})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range ws.Fixtures {
		got[f.Name] = f.Query
	}
	if got["m/a"] != "m__a" || got["m/b"] != "m__a" || got["m/c"] != "m__c" {
		t.Errorf("fixtures' queries: %v", got)
	}
	if n := len(ws.Queries); n != 3 {
		t.Errorf("%d queries, want m, m__a, m__c", n)
	}
}
