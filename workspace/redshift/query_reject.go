package redshift

import "github.com/jig-sql/jig/workspace/sqlscan"

// Redshift constructs jig does not run locally. Each is an error at the
// construct's line and column with a way to write the query instead, rather
// than the syntax error Postgres would report somewhere after it.

// rejectPivot: FROM t PIVOT (agg FOR col IN (...)) and UNPIVOT.
func rejectPivot(r *queryRewriter, i int) {
	if !r.tok(i + 1).IsSymbol("(") {
		return
	}
	w := asciiUpper(r.toks[i].Text)
	hint := "write it as conditional aggregation: SUM(CASE WHEN col = 'a' THEN x END) AS a, ..."
	if w == "UNPIVOT" {
		hint = "write it as a UNION ALL of one SELECT per column, or CROSS JOIN LATERAL (VALUES ('a', a), ('b', b))"
	}
	r.errAt(r.toks[i].Offset, hint, "%s is not supported locally", w)
}

// rejectQualify: QUALIFY filters on window functions after they are
// computed; Postgres has no such clause.
func rejectQualify(r *queryRewriter, i int) {
	prev, next := r.tok(i-1), r.tok(i+1)
	if prev.IsKeyword("as") || prev.IsSymbol(",") || prev.IsKeyword("select") || prev.IsSymbol("(") || prev.IsKeyword("by") || prev.IsSymbol(".") {
		return // a column or alias named qualify
	}
	if next.Kind == sqlscan.Space || next.IsSymbol(",") || next.IsSymbol(")") || next.IsSymbol(".") || next.IsKeyword("from") || next.IsKeyword("as") {
		return
	}
	r.errAt(r.toks[i].Offset, "select the window function as a column in a subquery and filter it in the outer query's WHERE",
		"QUALIFY is not supported locally")
}

// rejectIgnoreNulls: FIRST_VALUE/LAST_VALUE/LAG/LEAD/NTH_VALUE(x IGNORE
// NULLS); Postgres always respects NULLs.
func rejectIgnoreNulls(r *queryRewriter, i int) {
	if r.tok(i + 1).IsKeyword("nulls") {
		r.errAt(r.toks[i].Offset, "filter the NULLs in the frame, e.g. max(x) OVER (PARTITION BY p ORDER BY o ROWS UNBOUNDED PRECEDING) for the last non-null value of an increasing x, or a subquery",
			"IGNORE NULLS is not supported locally")
	}
}

// rewriteRespectNulls: RESPECT NULLS is Postgres's only behaviour; it is
// dropped.
func rewriteRespectNulls(r *queryRewriter, i int) {
	if r.tok(i + 1).IsKeyword("nulls") {
		r.replaceToks(i, i+1, "")
	}
}

// rejectHLL: HyperLogLog sketches have no Postgres counterpart.
func rejectHLL(r *queryRewriter, i int) {
	if r.tok(i + 1).IsSymbol("(") {
		r.errAt(r.toks[i].Offset, "use count(DISTINCT x) in the test (APPROXIMATE COUNT(DISTINCT x) is accepted)",
			"%s is not supported locally: HyperLogLog sketches have no Postgres equivalent", asciiUpper(r.toks[i].Text))
	}
}
