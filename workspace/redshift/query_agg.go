package redshift

import "github.com/jig-sql/jig/workspace/sqlscan"

// rewriteListagg: LISTAGG([DISTINCT] x [, delim]) [WITHIN GROUP (ORDER BY
// ...)] → string_agg([DISTINCT] (x)::text, delim [ORDER BY ...]). The
// missing delimiter is Redshift's default, the empty string. The ORDER BY
// of WITHIN GROUP stays where it was written and closes string_agg, so
// positions inside it are exact. With DISTINCT, Postgres needs the order to
// be the aggregated value itself: ORDER BY x becomes ORDER BY (x)::text, so
// numbers sort as text. Redshift's LISTAGG errors past 65535 bytes;
// string_agg has no limit.
func rewriteListagg(r *queryRewriter, i int) {
	closing, args, ok := r.call(i)
	if !ok || len(args) > 2 {
		return
	}
	expr := args[0]
	distinct := r.tok(expr[0]).IsKeyword("distinct")
	if distinct {
		expr[0]++
	}
	if expr[1] <= expr[0] {
		return
	}
	open, wgClose, within := r.withinGroup(closing + 1)
	if within && r.windowAfter(wgClose) {
		r.listaggWindow(i, closing, args, expr, distinct, open, wgClose)
		return
	}
	if distinct && within && !r.listaggDistinctOrder(expr, open, wgClose) {
		r.errAt(r.tok(open+3).Offset, "order by the aggregated expression, or drop DISTINCT",
			"LISTAGG DISTINCT is not supported locally with WITHIN GROUP ordered by another expression")
		return
	}
	r.replaceToks(i, i, "string_agg")
	s, e := r.span(expr)
	r.insert(s, "(")
	r.insert(e, ")::text")
	tail := ""
	if len(args) == 1 {
		tail = ", ''"
	}
	if !within {
		if tail != "" {
			r.insert(r.toks[closing].Offset, tail)
		}
		if end := r.overEnd(closing); end > 0 {
			r.keepName(i, end, "listagg")
		} else {
			r.keepName(i, closing, "listagg")
		}
		return
	}
	r.keepName(i, wgClose, "listagg")
	// string_agg(x, d) WITHIN GROUP (ORDER BY o) → string_agg(x, d ORDER BY o)
	r.replaceToks(closing, closing, tail+" ")
	r.replace(r.toks[closing+1].Offset, r.toks[open].End(), "")
}

// listaggDistinctOrder checks WITHIN GROUP (ORDER BY x [ASC|DESC]) orders by
// expr alone, and casts that x to text as string_agg(DISTINCT) needs.
func (r *queryRewriter) listaggDistinctOrder(expr [2]int, open, closing int) bool {
	item := [2]int{open + 3, closing}
	for item[1] > item[0] && (r.toks[item[1]-1].IsKeyword("asc") || r.toks[item[1]-1].IsKeyword("desc")) {
		item[1]--
	}
	if !r.sameTokens(expr, item) {
		return false
	}
	s, e := r.span(item)
	r.insert(s, "(")
	r.insert(e, ")::text")
	return true
}

// rewriteMedian: MEDIAN(x) → percentile_cont(0.5) WITHIN GROUP (ORDER BY x),
// named median. Postgres returns double precision for every input type;
// Redshift returns DECIMAL for DECIMAL input and rounds it to the input's
// scale, so compare with a tolerance or round. MEDIAN(x) OVER (w) →
// jig_rs_percentile_cont(0.5, array_agg(x) OVER (w), false), as Postgres
// has no ordered-set window aggregates (see funcs_agg.sql).
func rewriteMedian(r *queryRewriter, i int) {
	closing, args, ok := r.call(i)
	if !ok || len(args) != 1 {
		return
	}
	if r.tok(args[0][0]).IsKeyword("distinct") {
		r.errAt(r.toks[args[0][0]].Offset, "take the median of SELECT DISTINCT values in a subquery", "MEDIAN(DISTINCT ...) is not supported locally")
		return
	}
	if r.windowAfter(closing) {
		end := r.overEnd(closing)
		if end < 0 {
			r.errAt(r.toks[i].Offset, "write the window in the OVER clause: MEDIAN(x) OVER (PARTITION BY p)",
				"MEDIAN ... OVER a named window is not supported locally")
			return
		}
		r.replaceToks(i, i+1, "jig_rs_percentile_cont(0.5, array_agg(")
		r.replaceToks(end, end, "), false)")
		r.keepName(i, end, "median")
		return
	}
	r.replaceToks(i, i+1, "percentile_cont(0.5) WITHIN GROUP (ORDER BY ")
	r.keepName(i, closing, "median")
}

// rewriteTop: SELECT TOP n ... → SELECT ... LIMIT n, the LIMIT added at the
// end of the SELECT's own level (before the ")" of a subquery). TOP in a
// branch of UNION/INTERSECT/EXCEPT, or with a LIMIT, is an error: moving it
// would change which rows it limits.
func rewriteTop(r *queryRewriter, i int) {
	n := r.tok(i + 1)
	prev := r.tok(i - 1)
	if n.Kind != sqlscan.Number || !(prev.IsKeyword("select") || ((prev.IsKeyword("distinct") || prev.IsKeyword("all")) && r.tok(i-2).IsKeyword("select"))) {
		return
	}
	end := len(r.toks) // one past the last token of this level
	if p := r.parent[i]; p >= 0 {
		end = sqlscan.MatchingParenOrLast(r.toks, p)
	}
	for j := i + 2; j < end; j++ {
		if r.parent[j] != r.parent[i] {
			continue
		}
		if t := r.toks[j]; t.IsKeyword("union") || t.IsKeyword("intersect") || t.IsKeyword("except") || t.IsKeyword("limit") || t.IsKeyword("fetch") {
			r.errAt(r.toks[i].Offset, "put the SELECT TOP in parentheses, or write LIMIT at the end",
				"TOP together with %s is not supported locally", asciiUpper(t.Text))
			return
		}
	}
	r.replace(r.toks[i].Offset, n.End(), "")
	if end < len(r.toks) && r.toks[end].IsSymbol(")") {
		r.insert(r.toks[end].Offset, " LIMIT "+n.Text)
	} else {
		r.insert(r.toks[len(r.toks)-1].End(), " LIMIT "+n.Text)
	}
}

func asciiUpper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'a' && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}
