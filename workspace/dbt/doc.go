// Package dbt opens a dbt project as a jig workspace, as it is: nothing is
// converted or copied.
//
// When the workspace folder holds dbt_project.yml, Load reads it (name,
// model-paths, seed-paths, macro-paths, test-paths, vars, models' +schema
// and +materialized), renders every models/**/*.sql with a Jinja engine
// (gonja v2) and turns what it finds into the workspace structures jig
// already runs:
//
//   - each model becomes a workspace.Query named after its file; ref('x')
//     renders to the bare query name x, so models read models as queries read
//     queries (branch chains), and errors in the rendered SQL map back to
//     lines of the .sql template (Query.SourcePos);
//   - source('s', 't') renders to the table's identifier bare when a seed or a
//     schema/ table of that name exists in the default schema, else
//     schema-qualified as `schema.identifier` (the source's schema: key, by
//     default its name), so a source declared in schema/ under its own
//     schema works as any schema-qualified table does (branch schemas);
//   - unit_tests: in the models YAML become fixtures (workspace.Fixture with
//     Missing = MissingNull: columns a dbt input leaves out are NULL, and only
//     the expected columns written are compared);
//   - data tests (data_tests:/tests: on models, columns and sources) and
//     singular tests (test-paths/*.sql) become checks, written as check files
//     whose entries stand on the line of the dbt test they come from.
//
// The Jinja context provides what dbt models call: ref, source, config, var,
// this, is_incremental (false), target, env_var, run_started_at, adapter.dispatch
// (redshift__ with dialect redshift, then postgres__, then default__), the
// project's macros and jig's own versions of the dbt and dbt_utils macros
// (builtins.go). A model that cannot render is skipped with a warning at
// file:line:col naming the construct; the others still load.
package dbt
