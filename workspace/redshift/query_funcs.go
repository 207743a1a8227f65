package redshift

import "github.com/jig-sql/jig/workspace/sqlscan"

// rewriteSysdate: SYSDATE → localtimestamp. Both are the start of the
// current transaction as a timestamp without time zone in the session's
// zone (jig runs fixtures in UTC, Redshift's default).
func rewriteSysdate(r *queryRewriter, i int) {
	if r.tok(i+1).IsSymbol("(") || r.tok(i-1).IsKeyword("as") {
		return
	}
	r.replaceToks(i, i, "localtimestamp")
	r.keepName(i, i, "timestamp")
}

// rewriteNVL: NVL(a, b, ...) → COALESCE(a, b, ...), which Redshift
// documents NVL to be. Postgres's type errors then name COALESCE.
func rewriteNVL(r *queryRewriter, i int) {
	if _, _, ok := r.call(i); ok {
		r.replaceToks(i, i, "coalesce")
	}
}

// rewriteNVL2: NVL2(e, a, b) → (CASE WHEN (e) IS NOT NULL THEN (a) ELSE (b)
// END). Like Redshift, only the chosen branch is evaluated and a and b must
// have compatible types.
func rewriteNVL2(r *queryRewriter, i int) {
	closing, args, ok := r.call(i)
	if !ok {
		return
	}
	if len(args) != 3 {
		r.errAt(r.toks[i].Offset, "NVL2(expression, not_null_value, null_value)", "NVL2 takes three arguments, not %d", len(args))
		return
	}
	r.replaceToks(i, i+1, "(CASE WHEN (")
	r.replaceToks(args[0][1], args[0][1], ") IS NOT NULL THEN (")
	r.replaceToks(args[1][1], args[1][1], ") ELSE (")
	r.replaceToks(closing, closing, ") END)")
}

// rewriteDecode: DECODE(e, s1, r1, ..., [default]) → a CASE comparing with
// IS NOT DISTINCT FROM, because Redshift's DECODE matches a NULL expression
// to a NULL search value (CASE e WHEN NULL never does). The expression is
// repeated for each search value, so a volatile one (random()) is evaluated
// more than once. Postgres's own two-argument decode(text, format) is left
// alone.
func rewriteDecode(r *queryRewriter, i int) {
	closing, args, ok := r.call(i)
	if !ok || len(args) < 3 {
		return
	}
	e0, e1 := r.span(args[0])
	r.replaceToks(i, i+1, "(CASE WHEN (")
	for k := 1; k < len(args); k++ {
		comma := args[k-1][1]
		switch {
		case k == 1:
			r.replaceToks(comma, comma, ") IS NOT DISTINCT FROM (")
		case k%2 == 0:
			r.replaceToks(comma, comma, ") THEN (")
		case k == len(args)-1:
			r.replaceToks(comma, comma, ") ELSE (")
		default:
			t := r.toks[comma]
			r.edits = append(r.edits, qedit{start: t.Offset, end: t.End(), pre: ") WHEN (",
				copyFrom: e0, copyTo: e1, post: ") IS NOT DISTINCT FROM ("})
		}
	}
	r.replaceToks(closing, closing, ") END)")
}

// rewriteConcat: CONCAT(a, b) → ((a) || (b)). Redshift's CONCAT returns NULL
// when either argument is NULL; Postgres's concat() skips NULLs, its ||
// does not. Other argument counts are Postgres's concat, left alone.
func rewriteConcat(r *queryRewriter, i int) {
	closing, args, ok := r.call(i)
	if !ok || len(args) != 2 {
		return
	}
	r.replaceToks(i, i+1, "((")
	r.replaceToks(args[0][1], args[0][1], ") || (")
	r.replaceToks(closing, closing, "))")
	r.keepName(i, closing, "concat")
}

// rewriteConvert: CONVERT(type, expr) → CAST(expr AS type), the type
// translated as after ::. Postgres's three-argument convert() (bytea
// encodings) is left alone.
func rewriteConvert(r *queryRewriter, i int) {
	closing, args, ok := r.call(i)
	if !ok || len(args) != 2 || args[0][1]-args[0][0] < 1 || r.toks[args[0][0]].Kind != sqlscan.Ident {
		return
	}
	r.castType(args[0][0])
	t0, t1 := r.span(args[0])
	r.replaceToks(i, i, "CAST")
	r.replace(t0, r.toks[args[0][1]].End(), "")
	c := r.toks[closing].Offset
	r.edits = append(r.edits, qedit{start: c, end: c, pre: " AS ", copyFrom: t0, copyTo: t1})
}

// rewriteCast translates the type of CAST(expr AS type).
func rewriteCast(r *queryRewriter, i int) {
	closing, args, ok := r.call(i)
	if !ok || len(args) != 1 {
		return
	}
	for j := closing - 1; j > args[0][0]; j-- {
		if r.toks[j].IsKeyword("as") && r.parent[j] == i+1 {
			r.castType(j + 1)
			return
		}
	}
}

// rewriteApproximate: APPROXIMATE COUNT(DISTINCT x) → count(DISTINCT x) and
// APPROXIMATE PERCENTILE_DISC → percentile_disc. Locally the answer is
// exact; Redshift's is within about 2% (HyperLogLog).
func rewriteApproximate(r *queryRewriter, i int) {
	if n := r.tok(i + 1); n.IsKeyword("count") || n.IsKeyword("percentile_disc") {
		r.replace(r.toks[i].Offset, n.Offset, "")
	}
}

// rewriteRatioToReport: RATIO_TO_REPORT(x) OVER (w) → (x)::float8 /
// sum(x) OVER (w). A partition summing to 0 is a division-by-zero error
// locally.
func rewriteRatioToReport(r *queryRewriter, i int) {
	closing, args, ok := r.call(i)
	if !ok || len(args) != 1 || !r.windowAfter(closing) {
		return
	}
	a0, a1 := r.span(args[0])
	r.replaceToks(i, i+1, "(")
	t := r.toks[closing]
	r.edits = append(r.edits, qedit{start: t.Offset, end: t.End(), pre: ")::float8 / sum(", copyFrom: a0, copyTo: a1, post: ")"})
	if end := r.overEnd(closing); end > 0 {
		r.keepName(i, end, "ratio_to_report")
	}
}

// rewriteRegexp: REGEXP_COUNT, REGEXP_INSTR, REGEXP_REPLACE and
// REGEXP_SUBSTR → jig_rs_regexp_*, which take Redshift's position,
// occurrence and parameters arguments (Postgres's own functions read them
// differently, and its REGEXP_REPLACE replaces only the first match).
func rewriteRegexp(r *queryRewriter, i int) {
	closing, _, ok := r.call(i)
	if !ok {
		return
	}
	name := r.toks[i].Name()
	r.replaceToks(i, i, "jig_rs_"+name)
	r.keepName(i, closing, name)
}
