package redshift

// The window forms of Redshift's ordered aggregates. Postgres cannot order
// an aggregate's input inside a window (string_agg(x ORDER BY o) OVER ...)
// and has no ordered-set window aggregates (percentile_cont(f) WITHIN GROUP
// (...) OVER ...), so each is rewritten to something it can run.

// wholeFrame is the frame of the whole partition, so that an aggregate over
// an ordered window sees every row of it.
const wholeFrame = " ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING"

// listaggWindow: LISTAGG(x [, d]) WITHIN GROUP (ORDER BY o) OVER (PARTITION
// BY p) → string_agg((x)::text, d) OVER (PARTITION BY p ORDER BY o ROWS
// BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING), named listagg: the
// window's order is the order string_agg reads the partition in, and the
// whole frame gives every row the partition's list, as Redshift does.
// Redshift forbids ORDER BY and frames in this OVER clause, so nothing is
// lost. With DISTINCT, which Postgres's window aggregates lack, the
// partition is collected in that order and jig_rs_listagg_distinct keeps
// each value's first occurrence: jig_rs_listagg_distinct(d,
// array_agg((x)::text) OVER (...)).
func (r *queryRewriter) listaggWindow(i, closing int, args [][2]int, expr [2]int, distinct bool, open, wgClose int) {
	end := r.overEnd(wgClose)
	if end < 0 {
		r.errAt(r.toks[i].Offset, "write the window in the OVER clause: OVER (PARTITION BY p)",
			"LISTAGG ... OVER a named window is not supported locally")
		return
	}
	s, e := r.span(expr)
	closeOver := wholeFrame + ")"
	switch {
	case distinct && len(args) == 1:
		r.replace(r.toks[i].Offset, s, "jig_rs_listagg_distinct('', array_agg((")
	case distinct:
		d0, d1 := r.span(args[1])
		r.edits = append(r.edits, qedit{start: r.toks[i].Offset, end: s, pre: "jig_rs_listagg_distinct(",
			copyFrom: d0, copyTo: d1, post: ", array_agg(("})
	default:
		r.replaceToks(i, i, "string_agg")
		r.insert(s, "(")
	}
	if distinct {
		r.replace(e, r.toks[closing].End(), ")::text)") // the delimiter went first
		closeOver += ")"
	} else {
		r.insert(e, ")::text")
		if len(args) == 1 {
			r.insert(r.toks[closing].Offset, ", ''")
		}
	}
	r.replace(r.toks[closing+1].Offset, r.toks[wgClose].End(), "") // WITHIN GROUP (ORDER BY o)
	c := r.toks[end]
	r.edits = append(r.edits, qedit{start: c.Offset, end: c.End(), pre: " ",
		copyFrom: r.toks[open+1].Offset, copyTo: r.toks[wgClose-1].End(), post: closeOver})
	r.keepName(i, end, "listagg")
}

// rewritePercentileWindow: PERCENTILE_CONT(f) WITHIN GROUP (ORDER BY x
// [ASC|DESC]) OVER (w) → jig_rs_percentile_cont(f, array_agg(x) OVER (w),
// desc), named percentile_cont, and PERCENTILE_DISC likewise: array_agg is
// an ordinary aggregate, so it runs as a window function, and the jig
// function sorts what it collected (funcs_agg.sql). Without OVER,
// PERCENTILE_CONT/DISC are Postgres's own and left alone.
func rewritePercentileWindow(r *queryRewriter, i int) {
	closing, args, ok := r.call(i)
	if !ok || len(args) != 1 {
		return
	}
	open, wgClose, within := r.withinGroup(closing + 1)
	if !within || !r.windowAfter(wgClose) {
		return
	}
	name := r.toks[i].Name()
	end := r.overEnd(wgClose)
	if end < 0 {
		r.errAt(r.toks[i].Offset, "write the window in the OVER clause: OVER (PARTITION BY p)",
			"%s ... OVER a named window is not supported locally", asciiUpper(name))
		return
	}
	last, desc := wgClose-1, "false"
	if t := r.toks[last]; t.IsKeyword("desc") || t.IsKeyword("asc") {
		if t.IsKeyword("desc") {
			desc = "true"
		}
		r.replaceToks(last, last, "")
	}
	r.replaceToks(i, i, "jig_rs_"+name)
	r.replaceToks(closing, closing, ", array_agg(")
	r.replace(r.toks[closing+1].Offset, r.toks[open+2].End(), "") // WITHIN GROUP ( ORDER BY
	r.replaceToks(end, end, "), "+desc+")")
	r.keepName(i, end, name)
}
