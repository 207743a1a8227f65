package dbt

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jig-sql/jig/workspace"
	"github.com/jig-sql/jig/workspace/diag"
)

// project writes a dbt project (files by path) and loads it through the
// registered layout.
func project(t testing.TB, files map[string]string) (*workspace.Workspace, error) {
	t.Helper()
	dir := t.TempDir()
	if _, ok := files[ProjectFile]; !ok {
		files[ProjectFile] = "name: shop\nvars:\n  cutoff: '2020-01-01'\n"
	}
	for p, text := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return workspace.Load(dir)
}

// reload loads the workspace in dir again.
func reload(tb testing.TB, dir string) *workspace.Workspace {
	ws, err := workspace.Load(dir)
	if err != nil {
		tb.Fatal(err)
	}
	return ws
}

func mustQuery(t *testing.T, ws *workspace.Workspace, name string) *workspace.Query {
	t.Helper()
	q := ws.Query(name)
	if q == nil {
		t.Fatalf("no query %s; warnings: %v", name, ws.Warnings)
	}
	return q
}

func TestRenderContext(t *testing.T) {
	ws, err := project(t, map[string]string{
		"seeds/raw_orders.csv": "id,status\n1,placed\n",
		"models/src.yml":       "sources:\n  - name: app\n    schema: crm\n    tables:\n      - name: accounts\n      - name: orders\n        identifier: raw_orders\n",
		"models/stg.sql": "select * from {{ ref('raw_orders') }} join {{ source('app', 'accounts') }} using (id)\n" +
			"join {{ source('app', 'orders') }} o using (id)\n" +
			"where d >= '{{ var(\"cutoff\") }}' and x = '{{ var(\"missing\", \"dflt\") }}'\n" +
			"-- {{ ref('shop', 'raw_orders') }} {{ this }} {{ this.schema }} {{ target.type }} {{ config(materialized='table') }}{{ is_incremental() }}\n",
	})
	if err != nil {
		t.Fatal(err)
	}
	want := "select * from raw_orders join crm.accounts using (id)\njoin raw_orders o using (id)\n" +
		"where d >= '2020-01-01' and x = 'dflt'\n-- raw_orders stg public postgres False"
	if got := mustQuery(t, ws, "stg").SQL; got != want {
		t.Errorf("rendered:\n%s\nwant:\n%s", got, want)
	}
}

func TestMacrosDispatchAndReturn(t *testing.T) {
	files := map[string]string{
		"macros/money.sql": "{% macro cents(c) -%}{{ return(adapter.dispatch('cents')(c)) }}{%- endmacro %}\n" +
			"{% macro default__cents(c) %}({{ c }} / 100){% endmacro %}\n" +
			"{% macro postgres__cents(c) %}({{ c }}::numeric / 100){% endmacro %}\n" +
			"{% macro redshift__cents(c) %}({{ c }}::decimal / 100){% endmacro %}\n",
		"macros/lists.sql": "{% macro statuses() %}{% do return(['a', 'b']) %}{% endmacro %}\n" +
			"{% macro wrap() %}({{ caller() }}){% endmacro %}\n",
		"models/m.sql": "select {{ cents('amount') }}, {{ statuses() | join('|') }}, {{ statuses() | length }}{% call wrap() %}x{% endcall %}",
	}
	ws, err := project(t, files)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := mustQuery(t, ws, "m").SQL, "select (amount::numeric / 100), a|b, 2(x)"; got != want {
		t.Errorf("postgres: %q, want %q", got, want)
	}
	files["jig.yaml"] = "dialect: redshift\n"
	ws, err = project(t, files)
	if err != nil {
		t.Fatal(err)
	}
	if got := mustQuery(t, ws, "m").SQL; !strings.HasPrefix(got, "select (amount::decimal / 100)") {
		t.Errorf("redshift dispatch: %q", got)
	}
}

func TestBuiltinMacros(t *testing.T) {
	cases := []struct{ jinja, want string }{
		{"{{ dbt.date_trunc('month', 'd') }}", "date_trunc('month', d)"},
		{"{{ dateadd('day', 3, 'd') }}", "d + ((interval '1 day') * (3))"},
		{"{{ dbt.datediff('a', 'b', 'day') }}", "((b)::date - (a)::date)"},
		{"{{ dbt.type_string() }} {{ dbt.type_int() }} {{ dbt.type_timestamp() }}", "TEXT integer timestamp without time zone"},
		{"{{ dbt.concat(['a', \"'-'\", 'b']) }}", "a || '-' || b"},
		{"{{ dbt.hash('x') }}", "md5(cast(x as TEXT))"},
		{"{{ dbt.safe_cast('x', dbt.type_int()) }}", "cast(x as integer)"},
		{"{{ dbt_utils.generate_surrogate_key(['a', 'b']) }}",
			"md5(cast(coalesce(cast(a as TEXT), '_dbt_utils_surrogate_key_null_') || '-' || coalesce(cast(b as TEXT), '_dbt_utils_surrogate_key_null_') as TEXT))"},
		{"{{ dbt_utils.star(from=ref('raw'), except=['b']) }}", `"a",` + "\n  " + `"c"`},
		{"{{ dbt_utils.star(ref('raw'), relation_alias='r', prefix='p_') }}", `r."a" as "p_a",` + "\n  " + `r."b" as "p_b",` + "\n  " + `r."c" as "p_c"`},
		{"{{ dbt_utils.pivot('m', dbt_utils.get_column_values(ref('raw'), 'b')) }}",
			"sum(\n  case\n  when m = 'x'\n    then 1\n  else 0\n  end\n)\n  as \"x\",\n  sum(\n  case\n  when m = 'y'\n    then 1\n  else 0\n  end\n)\n  as \"y\""},
		{"{{ dbt_utils.safe_divide('a', 'b') }}", "( a ) / nullif( ( b ), 0)"},
		{"{{ dbt_utils.group_by(2) }}", "group by 1,2"},
		{"{{ dbt_utils.dateadd('month', 1, 'd') }}", "d + ((interval '1 month') * (1))"},
	}
	files := map[string]string{"seeds/raw.csv": "a,b,c\n1,y,3\n2,x,4\n2,y,4\n"}
	for i, c := range cases {
		files["models/m"+string(rune('a'+i))+".sql"] = c.jinja
	}
	ws, err := project(t, files)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range cases {
		if got := mustQuery(t, ws, "m"+string(rune('a'+i))).SQL; got != c.want {
			t.Errorf("%s\n got: %q\nwant: %q", c.jinja, got, c.want)
		}
	}
}

// A model that cannot render is a warning at its file, line and column,
// naming the construct, and the other models still load.
func TestRenderFailuresAreWarnings(t *testing.T) {
	ws, err := project(t, map[string]string{
		"macros/m.sql":    "{% macro boom() %}\n{{ run_query('select 1') }}\n{% endmacro %}\n",
		"models/ok.sql":   "select 1 as x\n",
		"models/bad1.sql": "select\n  {{ ref('nope') }}\n",
		"models/bad2.sql": "select 1\n\n{{ foo( }}\n",
		"models/bad3.sql": "select {{ dbt_utils.nothing_like_this() }}\n",
		"models/bad4.sql": "select\n{{ boom() }}\n",
		"models/bad5.sql": "select {{ var('unset') }}\n",
		"models/bad6.sql": "select 1; select 2\n",
	})
	if err != nil {
		t.Fatal(err)
	}
	mustQuery(t, ws, "ok")
	want := []string{
		"models/bad1.sql:2:1: model bad1 not loaded: cannot render: ref('nope'): no model or seed named nope",
		"models/bad2.sql:3:9: model bad2 not loaded: cannot parse the Jinja",
		"models/bad3.sql:1:1: model bad3 not loaded: cannot render: dbt_utils.nothing_like_this is not a macro",
		"models/bad4.sql:2:1: model bad4 not loaded: cannot render: run_query() reads the warehouse",
		"models/bad5.sql:1:1: model bad5 not loaded: cannot render: required var 'unset' not found",
		"models/bad6.sql:1:11: model bad6 not loaded: one query per file",
	}
	got := diag.Errors(ws.Warnings).Error()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("warnings lack %q:\n%s", w, got)
		}
	}
	for _, bad := range []string{"bad1", "bad2", "bad3", "bad4", "bad5", "bad6"} {
		if ws.Query(bad) != nil {
			t.Errorf("%s loaded", bad)
		}
	}
}

// Positions in the rendered SQL map back to the template's lines: copied
// lines exactly, generated lines to the line holding the Jinja.
func TestSourcePos(t *testing.T) {
	tmpl := "{{ config(materialized='table') }}\n{% set cols = ['a', 'b'] %}\nselect\n  {% for c in cols %}{{ c }},{% endfor %}\n  {{ ref('raw') }}.x\nfrom {{ ref('raw') }}\nwhere bad_column = 1\n"
	ws, err := project(t, map[string]string{"seeds/raw.csv": "x\n1\n", "models/m.sql": tmpl})
	if err != nil {
		t.Fatal(err)
	}
	q := mustQuery(t, ws, "m")
	for _, c := range []struct {
		needle    string
		line, col int
	}{{"bad_column", 7, 7}, {"select", 3, 1}, {"a,b", 4, 3}, {"raw.x", 5, 3}, {"from", 6, 1}} {
		off := strings.Index(q.SQL, c.needle)
		if off < 0 {
			t.Fatalf("%q not in %q", c.needle, q.SQL)
		}
		if l, col := q.Pos(off); l != c.line || col != c.col {
			t.Errorf("%q at %d:%d, want %d:%d (SQL %q)", c.needle, l, col, c.line, c.col, q.SQL)
		}
	}
}

// Installed packages' macros join their namespace; a package file gonja
// cannot parse is left out with a warning instead of stopping every model.
func TestPackageMacros(t *testing.T) {
	ws, err := project(t, map[string]string{
		"dbt_packages/dbt_utils/macros/width.sql":  "{% macro width(c) %}length({{ c }}){% endmacro %}\n",
		"dbt_packages/dbt_utils/macros/broken.sql": "{% macro broken( %}\n",
		"models/m.sql": "select {{ dbt_utils.width('x') }}, {{ dbt_utils.generate_surrogate_key(['a']) | length > 0 }}",
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := mustQuery(t, ws, "m").SQL; got != "select length(x), True" {
		t.Errorf("got %q", got)
	}
	if w := diag.Errors(ws.Warnings).Error(); !strings.Contains(w, "dbt_packages/dbt_utils/macros/broken.sql:1:") {
		t.Errorf("warnings: %s", w)
	}
}

// Disabled models (config(enabled=false), +enabled: false) are not loaded,
// and a ref() to them is an error as in dbt; folder configs nest.
func TestDisabledModelsAndFolderConfig(t *testing.T) {
	ws, err := project(t, map[string]string{
		ProjectFile:                  "name: shop\nmodels:\n  +schema: base\n  shop:\n    legacy:\n      +enabled: false\n    marts:\n      +schema: marts\n      finance:\n        +materialized: table\n",
		"models/legacy/old.sql":      "select 1",
		"models/off.sql":             "{{ config(enabled=false) }}select 1",
		"models/marts/finance/f.sql": "select '{{ this.schema }}' as s",
		"models/top.sql":             "select '{{ this.schema }}' as s",
	})
	if err != nil {
		t.Fatal(err)
	}
	if ws.Query("old") != nil || ws.Query("off") != nil {
		t.Errorf("disabled models loaded")
	}
	if got := mustQuery(t, ws, "f").SQL; got != "select 'marts' as s" {
		t.Errorf("f: %q", got)
	}
	if got := mustQuery(t, ws, "top").SQL; got != "select 'base' as s" {
		t.Errorf("top: %q", got)
	}
}

// A unit test's overrides replace vars and macros (built-in or the
// project's) for that test only.
func TestUnitTestOverrides(t *testing.T) {
	ws, err := project(t, map[string]string{
		"seeds/raw.csv": "id\n1\n",
		"macros/m.sql":  "{% macro region() %}'eu'{% endmacro %}\n",
		"models/m.sql":  "select {{ region() }} as r, '{{ var(\"cutoff\") }}' as c from {{ ref('raw') }}{% if is_incremental() %} where id > 0{% endif %}\n",
		"models/m.yml": "unit_tests:\n  - name: t\n    model: m\n    overrides:\n      vars: {cutoff: '1999'}\n      macros: {is_incremental: true, region: \"'us'\"}\n" +
			"    given: [{input: ref('raw'), rows: [{id: 1}]}]\n    expect: {rows: [{r: us}]}\n",
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := mustQuery(t, ws, "m").SQL; got != "select 'eu' as r, '2020-01-01' as c from raw" {
		t.Errorf("model: %q", got)
	}
	f := ws.Fixture("m/t")
	if f == nil {
		t.Fatalf("no fixture: %v", ws.Warnings)
	}
	if got := mustQuery(t, ws, f.Query).SQL; f.Query != "m__t" || got != "select 'us' as r, '1999' as c from raw where id > 0" {
		t.Errorf("fixture runs %s: %q", f.Query, got)
	}
}

// A ref() to a disabled model (in its file or by dbt_project.yml) is an
// error at the ref, and the model reading it is skipped, as is a model
// reading that one; the others load.
func TestRefToDisabledModel(t *testing.T) {
	ws, err := project(t, map[string]string{
		ProjectFile:             "name: shop\nmodels:\n  shop:\n    legacy:\n      +enabled: false\n",
		"models/legacy/old.sql": "select 1 as x",
		"models/z_off.sql":      "{{ config(enabled=false) }}\nselect 1 as x",
		"models/a.sql":          "select x\nfrom   {{ ref('z_off') }}",
		"models/b.sql":          "select x from {{ ref(\"a\") }}",
		"models/c.sql":          "select x from {{ ref('shop', 'old') }}",
		"models/d.sql":          "select 1 as x",
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"a", "b", "c", "z_off", "old"} {
		if ws.Query(name) != nil {
			t.Errorf("model %s loaded", name)
		}
	}
	mustQuery(t, ws, "d")
	got := diag.Errors(ws.Warnings).Error()
	for _, want := range []string{
		"models/a.sql:2:11: model a not loaded: cannot render: ref('z_off'): model z_off is disabled (config(enabled=false) in models/z_off.sql); a model cannot read it",
		"models/b.sql:1:18: model b not loaded: cannot render: ref('a'): model a did not render (see its warning)",
		"models/c.sql:1:18: model c not loaded: cannot render: ref('old'): model old is disabled (enabled: false in dbt_project.yml)",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("warnings lack %q:\n%s", want, got)
		}
	}
}
