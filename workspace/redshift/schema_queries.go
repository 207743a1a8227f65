package redshift

import (
	"sort"
	"strings"

	"github.com/jig-sql/jig/workspace/diag"
	"github.com/jig-sql/jig/workspace/sqlscan"
)

// queryPiece is one statement of a schema file that the query rewrites
// changed: SQL[out:out+len(rq.SQL)] is rq.SQL, made from the DDL
// translation's text at in.
type queryPiece struct {
	out, in int
	rq      *RewrittenQuery
}

// rewriteQueries gives every statement of a Redshift schema file (a view's
// query, an INSERT ... SELECT, a default calling NVL) the query rewrites a
// script's statements get (see TranslateScript), after the DDL
// translation, so a schema file, a query and a script translate alike.
// Routines are left alone: their bodies are strings. Errors (a construct
// jig cannot run locally) are placed in the file and added to err's.
func (f *TranslatedSchema) rewriteQueries(path string, err error) error {
	var errs diag.Errors
	collect(&errs, err)
	ddl := f.SQL
	var b strings.Builder
	pos := 0
	for _, st := range sqlscan.SplitStatements(sqlscan.ScanSignificant(ddl)) {
		if isRoutine(st) {
			continue
		}
		start, end := st[0].Offset, st[len(st)-1].End()
		text := ddl[start:end]
		rq, rerr := RewriteQuery(path, text)
		remap(&errs, rerr, text, func(off int) int { return f.ddlSourceOffset(start + off) }, f.Source)
		if rerr != nil || rq.SQL == text {
			continue
		}
		b.WriteString(ddl[pos:start])
		f.queries = append(f.queries, queryPiece{out: b.Len(), in: start, rq: rq})
		b.WriteString(rq.SQL)
		pos = end
	}
	if len(f.queries) > 0 {
		b.WriteString(ddl[pos:])
		f.SQL = b.String()
	}
	errs.Sort()
	return errs.Err()
}

// undoQueries maps an offset of SQL to one of the DDL translation's text,
// undoing rewriteQueries.
func (f *TranslatedSchema) undoQueries(off int) int {
	i := sort.Search(len(f.queries), func(i int) bool { return f.queries[i].out > off }) - 1
	if i < 0 {
		return off
	}
	p := f.queries[i]
	if n := len(p.rq.SQL); off < p.out+n {
		return p.in + p.rq.SourceOffset(off-p.out)
	}
	return p.in + len(p.rq.Source) + off - p.out - len(p.rq.SQL)
}
