package redshift

import _ "embed"

// FunctionFile is one file of jig's Redshift compatibility functions.
type FunctionFile struct {
	Name string // path in the repository, for errors
	SQL  string
}

var (
	//go:embed funcs.sql
	funcsSQL string
	//go:embed funcs_dates.sql
	funcsDatesSQL string
	//go:embed funcs_text.sql
	funcsTextSQL string
	//go:embed funcs_agg.sql
	funcsAggSQL string
)

// Functions define, in the current schema, the Redshift functions Postgres
// lacks: GETDATE, DATEADD, DATEDIFF (also on TIME and TIMETZ), DATE_TRUNC
// on dates, CONVERT_TIMEZONE, TRUNC(timestamp), ADD_MONTHS, LAST_DAY,
// MONTHS_BETWEEN, NEXT_DAY, DATE_PART_YEAR, the JSON_* functions over text,
// LEN (also of VARBYTE), CHARINDEX, STRTOL, FNV_HASH, CRC32, and the
// functions RewriteQuery calls for REGEXP_* with Redshift's arguments,
// millisecond and microsecond date parts, and the ordered-set window forms.
// Each says in a comment where its result differs from Redshift's. The
// constructs that are syntax rather than functions (NVL, DECODE, LISTAGG,
// TOP, ...) are rewritten by RewriteQuery instead. This package only holds
// the text: the engine runs it, in order (workspace code never talks to a
// database).
var Functions = []FunctionFile{
	{"workspace/redshift/funcs.sql", funcsSQL},
	{"workspace/redshift/funcs_dates.sql", funcsDatesSQL},
	{"workspace/redshift/funcs_text.sql", funcsTextSQL},
	{"workspace/redshift/funcs_agg.sql", funcsAggSQL},
}
