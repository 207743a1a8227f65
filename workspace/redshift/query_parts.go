package redshift

import (
	"slices"
	"strings"

	"github.com/jig-sql/jig/workspace/diag"
	"github.com/jig-sql/jig/workspace/sqlscan"
)

// dateParts maps every date part name and abbreviation Redshift
// accepts ("Date parts for date or timestamp functions") to the name jig's
// functions and Postgres's date_trunc/extract understand.
var dateParts = map[string]string{}

func init() {
	for canon, names := range map[string]string{
		"millennium":      "millennium millennia mil mils",
		"century":         "century centuries c cent cents",
		"decade":          "decade decades dec decs",
		"epoch":           "epoch",
		"year":            "year years y yr yrs",
		"quarter":         "quarter quarters qtr qtrs",
		"month":           "month months mon mons",
		"week":            "week weeks w",
		"dow":             "dayofweek dow dw weekday",
		"doy":             "dayofyear doy dy yearday",
		"day":             "day days d",
		"hour":            "hour hours h hr hrs",
		"minute":          "minute minutes m min mins",
		"second":          "second seconds s sec secs",
		"millisecond":     "millisecond milliseconds ms msec msecs msecond mseconds millisec millisecs millisecon",
		"microsecond":     "microsecond microseconds microsec microsecs usecond useconds us usec usecs",
		"timezone":        "timezone",
		"timezone_hour":   "timezone_hour",
		"timezone_minute": "timezone_minute",
	} {
		for _, n := range strings.Fields(names) {
			dateParts[n] = canon
		}
	}
}

// Which canonical parts each function accepts.
var (
	intervalParts = []string{"millennium", "century", "decade", "year", "quarter", "month", "week", "day", "hour", "minute", "second", "millisecond", "microsecond"}
	allDateParts  = append(append([]string{}, intervalParts...), "epoch", "dow", "doy", "timezone", "timezone_hour", "timezone_minute")
)

// rewriteDatePartArg canonicalises the date part of DATEADD, DATEDIFF,
// DATE_PART and DATE_TRUNC: `day`, 'D' or `dayofweek` become 'day' and
// 'dow', quoted, as the functions jig defines (and Postgres's date_trunc
// and date_part) expect. A part that is an expression is left to the
// function, which also understands every abbreviation.
func rewriteDatePartArg(r *queryRewriter, i int) {
	closing, args, ok := r.call(i)
	name := r.toks[i].Name()
	if !ok || len(args) < 2 {
		return
	}
	if col := defaultColumn[name]; col != "" {
		r.keepName(i, closing, col)
	}
	if args[0][1]-args[0][0] != 1 {
		return
	}
	p := r.toks[args[0][0]]
	allowed, unquoted := intervalParts, name != "date_trunc"
	if name == "date_part" {
		allowed = allDateParts
	}
	var part string
	switch {
	case p.Kind == sqlscan.Ident && unquoted:
		part = p.Name()
	case p.Kind == sqlscan.String && strings.HasPrefix(p.Text, "'") && strings.HasSuffix(p.Text, "'") && len(p.Text) >= 2:
		part = strings.ToLower(strings.TrimSpace(p.Text[1 : len(p.Text)-1]))
	default:
		return
	}
	canon, known := dateParts[part]
	if !known || !slices.Contains(allowed, canon) {
		r.errAt(p.Offset, diag.DidYouMean(part, allowed), "%s does not take the date part `%s`", asciiUpper(name), part)
		return
	}
	r.replaceToks(args[0][0], args[0][0], "'"+canon+"'")
	if name == "date_part" && (canon == "millisecond" || canon == "microsecond") {
		r.replaceToks(i, i, "jig_rs_date_part")
	}
}

// defaultColumn is Redshift's output column name for a function whose
// Postgres name differs.
var defaultColumn = map[string]string{"dateadd": "date_add", "datediff": "date_diff", "date_part": "pgdate_part"}

// rewriteExtract: EXTRACT(part FROM x) with a Redshift-only abbreviation
// (dw, yearday, qtrs, ...) → the Postgres field, named date_part as in
// Redshift. Postgres's millisecond/microsecond fields include the whole
// seconds (43.101 s → 43101 ms), so EXTRACT(ms FROM x) becomes
// jig_rs_date_part('millisecond', x), which gives Redshift's 101. Postgres's
// EXTRACT returns numeric where Redshift's returns INTEGER.
func rewriteExtract(r *queryRewriter, i int) {
	p := r.tok(i + 2)
	if !r.tok(i+1).IsSymbol("(") || !r.tok(i+3).IsKeyword("from") || p.Kind != sqlscan.Ident {
		return
	}
	r.keepName(i, sqlscan.MatchingParenOrLast(r.toks, i+1), "date_part")
	switch canon, ok := dateParts[p.Name()]; {
	case ok && (canon == "millisecond" || canon == "microsecond"):
		r.replaceToks(i, i+3, "jig_rs_date_part('"+canon+"', ")
	case ok && canon != p.Name():
		r.replaceToks(i+2, i+2, canon)
	}
}

// castType translates a Redshift type name starting at toks[i] (after ::,
// in CAST(... AS type) or CONVERT(type, ...)): VARCHAR(MAX) → varchar,
// NVARCHAR → varchar, NCHAR → char, SUPER → jsonb, VARBYTE → bytea. Types
// with no Postgres equivalent are errors. Note ::VARCHAR without a length is
// VARCHAR(256) in Redshift (longer text is an error there), unlimited here.
func (r *queryRewriter) castType(i int) {
	t := r.tok(i)
	if t.Kind != sqlscan.Ident {
		return
	}
	next := i + 1
	switch w := t.Name(); w {
	case "nvarchar", "nchar", "super", "varbyte", "varbinary":
		r.replaceToks(i, i, map[string]string{"nvarchar": "varchar", "nchar": "char", "super": "jsonb", "varbyte": "bytea", "varbinary": "bytea"}[w])
		if (w == "varbyte" || w == "varbinary") && r.tok(next).IsSymbol("(") {
			r.replaceToks(next, sqlscan.MatchingParenOrLast(r.toks, next), "")
			return
		}
	case "character", "binary":
		if r.tok(next).IsKeyword("varying") {
			next++
		}
	case "geometry", "geography", "hllsketch":
		r.errAt(t.Offset, "leave the column out of the local test, or cast to text", "Redshift type %s is not supported locally", asciiUpper(w))
		return
	}
	if r.tok(next).IsSymbol("(") && r.tok(next+1).IsKeyword("max") && r.tok(next+2).IsSymbol(")") {
		r.replaceToks(next, next+2, "") // VARCHAR(MAX): unlimited in Postgres
	}
}
