package engine_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/engine/enginetest"
)

// A dbt unit test over a table declared in schema/: the columns its input
// leaves out are NULL, except NOT NULL ones, which the row factory fills;
// only the expected columns written are compared.
func TestDbtUnitTestNullFill(t *testing.T) {
	r, ws := enginetest.RunnerFromFiles(t, map[string]string{
		"dbt_project.yml":  "name: crm\n",
		"schema/crm.sql":   "create table accounts (id int primary key, name text not null, note text, score int);\n",
		"models/src.yml":   "sources:\n  - name: crm\n    schema: public\n    tables:\n      - name: accounts\n",
		"models/accts.sql": "select id, name is not null as named, note, coalesce(score, -1) as score from {{ source('crm', 'accounts') }}\n",
		"models/unit.yml": `unit_tests:
  - name: nulls_like_dbt
    model: accts
    given:
      - input: source('crm', 'accounts')
        rows:
          - {id: 1}
          - {id: 2, score: 5}
    expect:
      rows:
        - {id: 1, named: true, note: null, score: -1}
        - {id: 2, score: 5}
`,
	}, engine.RunnerOptions{})
	f := ws.Fixture("accts/nulls_like_dbt")
	if f == nil {
		t.Fatalf("no fixture; warnings %v", ws.Warnings)
	}
	res := r.RunFixture(context.Background(), f)
	if res.Failed() {
		t.Fatalf("%s: %s", res.Status, engine.FormatFailure(res, false))
	}
	// A wrong expected value fails, naming the dbt test and its expect: line.
	f.Expect.Rows[0].Cells[3].Value = int64(7)
	res = r.RunFixture(context.Background(), f)
	if !res.Failed() || !strings.Contains(engine.FormatFailure(res, false), "dbt unit test nulls_like_dbt (models/unit.yml:9)") {
		t.Errorf("a wrong value passed or was not named:\n%s", engine.FormatFailure(res, false))
	}
}

// An error Postgres reports in a rendered model is placed in the template.
func TestDbtModelErrorPosition(t *testing.T) {
	r, ws := enginetest.RunnerFromFiles(t, map[string]string{
		"dbt_project.yml": "name: p\n",
		"seeds/raw.csv":   "id\n1\n",
		"models/m.sql":    "{{ config(materialized='table') }}\n{% set x = 1 %}\nselect\n  {{ x }} as one,\n  no_such_column\nfrom {{ ref('raw') }}\n",
		"models/unit.yml": "unit_tests:\n  - name: t\n    model: m\n    given:\n      - input: ref('raw')\n        rows: [{id: 1}]\n    expect:\n      rows: [{one: 1}]\n",
	}, engine.RunnerOptions{})
	res := r.RunFixture(context.Background(), ws.Fixture("m/t"))
	var se *engine.SQLError
	if !errors.As(res.Err, &se) || se.File != "models/m.sql" || se.Line != 5 || se.Col != 3 {
		t.Fatalf("error %v at %+v", res.Err, se)
	}
	if !strings.Contains(se.Caret(), "5 |   no_such_column") {
		t.Errorf("caret:\n%s", se.Caret())
	}
}

// With dialect redshift, models render dbt-redshift's SQL (dateadd,
// datediff, dispatch to redshift__) and run through jig's Redshift
// rewrite, errors still placed in the template.
func TestDbtRedshiftProject(t *testing.T) {
	r, ws := enginetest.RunnerFromFiles(t, map[string]string{
		"jig.yaml":        "dialect: redshift\n",
		"dbt_project.yml": "name: rs\n",
		"seeds/ev.csv":    "id,a,b\n1,2024-01-01,2024-01-31\n",
		"macros/m.sql":    "{% macro days(x) %}{{ return(adapter.dispatch('days')(x)) }}{% endmacro %}\n{% macro default__days(x) %}bad{% endmacro %}\n{% macro redshift__days(x) %}{{ x }}{% endmacro %}\n",
		"models/m.sql":    "select id,\n  {{ dbt.datediff('a', 'b', 'day') }} as n,\n  {{ dbt.dateadd('day', days(1), 'a') }} as next\nfrom {{ ref('ev') }}\n",
		"models/unit.yml": "unit_tests:\n  - name: t\n    model: m\n    given:\n      - input: ref('ev')\n        rows: [{id: 1, a: '2024-01-01', b: '2024-01-31'}]\n    expect:\n      rows: [{id: 1, n: 30, next: '2024-01-02'}]\n",
	}, engine.RunnerOptions{})
	if q := ws.Query("m"); q == nil || !strings.Contains(q.SQL, "datediff(day, a, b)") || !strings.Contains(q.SQL, "dateadd(day, 1, a)") {
		t.Fatalf("rendered: %v %v", q, ws.Warnings)
	}
	res := r.RunFixture(context.Background(), ws.Fixture("m/t"))
	if res.Failed() {
		t.Fatalf("%s: %s", res.Status, engine.FormatFailure(res, false))
	}
}

// Rows in sql format are a SELECT inserted into the input; an error in it
// points at its line and column in the YAML.
func TestDbtSQLFormatInput(t *testing.T) {
	files := map[string]string{
		"dbt_project.yml": "name: p\n",
		"seeds/raw.csv":   "id,amount\n9,9\n",
		"models/m.sql":    "select id, amount * 2 as twice from {{ ref('raw') }}\n",
		"models/unit.yml": `unit_tests:
  - name: t
    model: m
    given:
      - input: ref('raw')
        format: sql
        rows: |
          select 1 as id, 5 as amount
          union all select 2, 7
    expect:
      rows: [{id: 1, twice: 10}, {id: 2, twice: 14}]
`,
	}
	r, ws := enginetest.RunnerFromFiles(t, files, engine.RunnerOptions{})
	if res := r.RunFixture(context.Background(), ws.Fixture("m/t")); res.Failed() {
		t.Fatalf("%s: %s", res.Status, engine.FormatFailure(res, false))
	}
	files["models/unit.yml"] = strings.Replace(files["models/unit.yml"], "union all select 2, 7", "union all select 2, nope", 1)
	r, ws = enginetest.RunnerFromFiles(t, files, engine.RunnerOptions{})
	res := r.RunFixture(context.Background(), ws.Fixture("m/t"))
	var se *engine.SQLError
	if !errors.As(res.Err, &se) || se.File != "models/unit.yml" || se.Line != 9 || se.Col != 31 {
		t.Fatalf("error %v at %+v", res.Err, se)
	}
}
