package redshift

import _ "embed"

// FunctionsSQL defines, in the current schema, the Redshift functions
// Postgres lacks: GETDATE, DATEADD, DATEDIFF, DATE_TRUNC on dates,
// CONVERT_TIMEZONE, TRUNC(timestamp), ADD_MONTHS, LAST_DAY, the JSON_*
// functions over text, LEN, CHARINDEX and STRTOL. Each says in a comment
// where its result differs from Redshift's. The constructs that are syntax
// rather than functions (NVL, DECODE, LISTAGG, TOP, ...) are rewritten by
// RewriteQuery instead. This package only holds the text: the engine runs
// it (workspace code never talks to a database).
//
//go:embed funcs.sql
var FunctionsSQL string

// FunctionsFile names the embedded definitions in errors.
const FunctionsFile = "workspace/redshift/funcs.sql"
