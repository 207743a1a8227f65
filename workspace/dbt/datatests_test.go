package dbt

import (
	"strings"
	"testing"

	"github.com/jig-sql/jig/checks"
	"github.com/jig-sql/jig/workspace/diag"
)

// Each dbt test form maps to its jig check: arguments beside config or
// under arguments:, config severity and where, column_name on a model-level
// test; thresholds and tests jig lacks are warnings at the test.
func TestDataTestForms(t *testing.T) {
	ws, err := project(t, map[string]string{
		"seeds/raw.csv": "id,kind,amount,at\n1,a,3,2024-01-01\n",
		"models/m.sql":  "select * from {{ ref('raw') }}",
		"models/m.yml": `models:
  - name: m
    data_tests:
      - dbt_utils.expression_is_true:
          arguments:
            expression: "amount > 0"
          config:
            severity: WARN
      - dbt_utils.accepted_range:
          column_name: amount
          min_value: 0
          max_value: 10
          inclusive: false
      - dbt_utils.at_least_one:
          column_name: id
    columns:
      - name: kind
        tests:
          - accepted_values:
              values: [a, b]
              config:
                where: "id > 0"
                error_if: ">10"
          - not_null:
              name: kind_is_set
      - name: id
        data_tests:
          - dbt_utils.not_empty_string
          - relationships:
              to: ref('raw')
              field: id
`,
	})
	if err != nil {
		t.Fatal(err)
	}
	files, err := checks.DecodeFiles([]checks.Source{{Path: ws.CheckFiles[0].Path, Data: ws.CheckFiles[0].Data}})
	if err != nil {
		t.Fatalf("%v\n%s", err, ws.CheckFiles[0].Data)
	}
	got := map[string]string{}
	for _, c := range files[0].Checks {
		o := c.Check.Common()
		got[o.Name] = c.Kind + " " + string(o.Severity) + " " + o.Where + o.ErrorIf + " @" + c.Pos.String()
	}
	for name, want := range map[string]string{
		"dbt_utils_expression_is_true_m":  "expression warn  @models/m.yml:4:",
		"dbt_utils_accepted_range_m":      "accepted_range   @models/m.yml:9:",
		"accepted_values_m_kind":          "accepted_values  id > 0>10 @models/m.yml:19:",
		"kind_is_set":                     "not_null   @models/m.yml:24:",
		"dbt_utils_not_empty_string_m_id": "not_empty   @models/m.yml:28:",
		"relationships_m_id":              "relationships   @models/m.yml:29:",
	} {
		if !strings.HasPrefix(strings.ReplaceAll(got[name], "error", ""), want) {
			t.Errorf("%s: %q, want %q", name, got[name], want)
		}
	}
	if len(files[0].Checks) != 6 {
		t.Errorf("%d checks, want 6: %v", len(files[0].Checks), got)
	}
	w := diag.Errors(ws.Warnings).Error()
	for _, want := range []string{
		"models/m.yml:14:9: data test dbt_utils.at_least_one on m: jig has no check for dbt_utils.at_least_one",
	} {
		if !strings.Contains(w, want) {
			t.Errorf("warnings lack %q:\n%s", want, w)
		}
	}
}
