package redshift

import (
	"strings"

	"github.com/jig-sql/jig/workspace/diag"
	"github.com/jig-sql/jig/workspace/sqlscan"
)

// queryRewriter walks a query's significant tokens and collects the edits
// that make it Postgres. It never edits strings, comments or quoted
// identifiers: those are single tokens it only ever copies.
type queryRewriter struct {
	file, src string
	toks      []sqlscan.Token
	parent    []int // index of the "(" enclosing each token, -1 at the top
	edits     []qedit
	errs      diag.Errors
}

func newQueryRewriter(file, src string) *queryRewriter {
	r := &queryRewriter{file: file, src: src, toks: sqlscan.ScanSignificant(src)}
	r.parent = make([]int, len(r.toks))
	var stack []int
	for i, t := range r.toks {
		r.parent[i] = -1
		if n := len(stack); n > 0 {
			r.parent[i] = stack[n-1]
		}
		switch {
		case t.IsSymbol("("):
			stack = append(stack, i)
		case t.IsSymbol(")") && len(stack) > 0:
			stack = stack[:len(stack)-1]
		}
	}
	return r
}

// rewriteFunc rewrites the construct whose keyword is toks[i].
type rewriteFunc func(r *queryRewriter, i int)

// queryRewrites maps a keyword (lower case) to its rewrite. Each is
// documented where it is defined, with how Postgres's result differs.
var queryRewrites map[string]rewriteFunc

func init() {
	queryRewrites = map[string]rewriteFunc{
		"sysdate": rewriteSysdate, "top": rewriteTop, "approximate": rewriteApproximate,
		"nvl": rewriteNVL, "nvl2": rewriteNVL2, "decode": rewriteDecode, "concat": rewriteConcat,
		"listagg": rewriteListagg, "median": rewriteMedian, "ratio_to_report": rewriteRatioToReport,
		"percentile_cont": rewritePercentileWindow, "percentile_disc": rewritePercentileWindow,
		"dateadd": rewriteDatePartArg, "datediff": rewriteDatePartArg, "date_part": rewriteDatePartArg,
		"date_trunc": rewriteDatePartArg, "extract": rewriteExtract, "convert": rewriteConvert,
		"cast": rewriteCast, "pivot": rejectPivot, "unpivot": rejectPivot, "qualify": rejectQualify,
		"ignore": rejectIgnoreNulls, "respect": rewriteRespectNulls,
	}
	for _, f := range []string{"regexp_count", "regexp_instr", "regexp_replace", "regexp_substr"} {
		queryRewrites[f] = rewriteRegexp
	}
	for _, f := range []string{"hll", "hll_create_sketch", "hll_cardinality", "hll_combine", "hll_combine_sketches"} {
		queryRewrites[f] = rejectHLL
	}
}

func (r *queryRewriter) run() {
	for _, st := range sqlscan.SplitStatements(r.toks) {
		if !isRoutine(st) {
			continue
		}
		for _, tk := range st {
			for _, m := range maxLengthsInBody(tk) { // VARCHAR(MAX) in a procedure body
				r.replace(m[0], m[1], strings.Repeat(" ", m[1]-m[0]))
			}
		}
	}
	for i, t := range r.toks {
		switch {
		case t.IsSymbol("::"):
			r.castType(i + 1)
		case t.Kind != sqlscan.Ident || r.tok(i-1).IsSymbol(".") || r.tok(i-1).IsSymbol("::"):
		default:
			if f := queryRewrites[t.Name()]; f != nil {
				f(r, i)
			}
		}
	}
}

// tok returns toks[i], or an empty sqlscan.Token at the end of the source.
func (r *queryRewriter) tok(i int) sqlscan.Token {
	if i >= 0 && i < len(r.toks) {
		return r.toks[i]
	}
	return sqlscan.Token{Kind: sqlscan.Space, Offset: len(r.src)}
}

func (r *queryRewriter) replace(start, end int, text string) {
	r.edits = append(r.edits, qedit{start: start, end: end, pre: text})
}

// replaceToks replaces toks[i] through toks[j] (inclusive).
func (r *queryRewriter) replaceToks(i, j int, text string) {
	r.replace(r.toks[i].Offset, r.toks[j].End(), text)
}

func (r *queryRewriter) insert(at int, text string) { r.replace(at, at, text) }

func (r *queryRewriter) errAt(off int, hint, format string, args ...any) {
	line, col := diag.LineCol(r.src, off)
	r.errs.Add(r.file, line, col, hint, format, args...)
}

// call recognises toks[i] "(" ... ")" and returns the index of the closing
// parenthesis and the arguments as index ranges [from, to) of toks; a comma
// separating two arguments is at toks[args[k][1]].
func (r *queryRewriter) call(i int) (closing int, args [][2]int, ok bool) {
	if !r.tok(i + 1).IsSymbol("(") {
		return 0, nil, false
	}
	closing = sqlscan.MatchingParenOrLast(r.toks, i+1)
	if !r.toks[closing].IsSymbol(")") || closing == i+1 {
		return 0, nil, false
	}
	from, depth := i+2, 0
	for j := i + 2; j < closing; j++ {
		switch t := r.toks[j]; {
		case t.IsSymbol("(") || t.IsSymbol("["):
			depth++
		case t.IsSymbol(")") || t.IsSymbol("]"):
			depth--
		case t.IsSymbol(",") && depth == 0:
			args = append(args, [2]int{from, j})
			from = j + 1
		}
	}
	return closing, append(args, [2]int{from, closing}), true
}

// span returns the source byte range of toks[a:b] (b > a).
func (r *queryRewriter) span(a [2]int) (start, end int) {
	if a[1] <= a[0] {
		return r.tok(a[0]).Offset, r.tok(a[0]).Offset
	}
	return r.toks[a[0]].Offset, r.toks[a[1]-1].End()
}

// sameTokens reports whether two sqlscan.Token ranges spell the same expression.
func (r *queryRewriter) sameTokens(a, b [2]int) bool {
	if a[1]-a[0] != b[1]-b[0] {
		return false
	}
	for k := 0; k < a[1]-a[0]; k++ {
		x, y := r.toks[a[0]+k], r.toks[b[0]+k]
		if x.Kind != y.Kind || (x.Kind == sqlscan.Ident && !strings.EqualFold(x.Text, y.Text)) || (x.Kind != sqlscan.Ident && x.Text != y.Text) {
			return false
		}
	}
	return true
}

// windowAfter reports whether toks[closing+1] starts an OVER clause.
func (r *queryRewriter) windowAfter(closing int) bool { return r.tok(closing + 1).IsKeyword("over") }

// withinGroup recognises WITHIN GROUP ( ORDER BY ... ) after toks[i-1] and
// returns the index of its "(" and ")".
func (r *queryRewriter) withinGroup(i int) (open, closing int, ok bool) {
	if !r.tok(i).IsKeyword("within") || !r.tok(i+1).IsKeyword("group") || !r.tok(i+2).IsSymbol("(") {
		return 0, 0, false
	}
	closing = sqlscan.MatchingParenOrLast(r.toks, i+2)
	if !r.toks[closing].IsSymbol(")") || !r.tok(i+3).IsKeyword("order") || !r.tok(i+4).IsKeyword("by") {
		return 0, 0, false
	}
	return i + 2, closing, true
}
