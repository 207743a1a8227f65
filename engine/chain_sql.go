package engine

import (
	"strings"

	"github.com/jig-sql/jig/workspace"
	"github.com/jig-sql/jig/workspace/diag"
	"github.com/jig-sql/jig/workspace/redshift"
	"github.com/jig-sql/jig/workspace/sqlscan"
)

// inlining says which upstream queries a statement reads from itself
// rather than from their views.
type inlining struct {
	mocks   map[string]bool // queries replaced by their mock table (jig_mock_<name>)
	all     bool            // every upstream query: the server has no views (a live database)
	rewrite bool            // rewrite each piece for Postgres (a Redshift workspace, locally)
	// redshift leaves out NOT MATERIALIZED, which Postgres needs to plan a
	// CTE as it plans a view (inlined, even when read twice) and Redshift
	// does not parse.
	redshift bool
}

// cte is an upstream query written into a statement: its name, its text
// as sent and where that text came from.
type cte struct {
	name string
	sql  string
	w    Where
}

// chainSQL is q's statement as it must run: q alone when it can read every
// upstream query's view, else q behind leading CTEs named after the
// queries it must not read as views: each mocked query (its mock table),
// every query between a mocked one and q, or all of them. The CTEs merge
// with q's own WITH [RECURSIVE]. Errors map back to the file each piece
// came from (Where.pieces). inlined lists the queries written in.
func chainSQL(ws *workspace.Workspace, q *workspace.Query, in inlining) (string, Where, map[string]bool, error) {
	ctes, inlined, err := upstreamCTEs(ws, q, in)
	if err != nil {
		return "", Where{}, nil, err
	}
	qsql, qw, err := pieceSQL(q, in.rewrite)
	if err != nil || len(ctes) == 0 {
		return qsql, qw, inlined, err
	}
	sql, w := withCTEs(q, qsql, qw, ctes, in.redshift)
	return sql, w, inlined, nil
}

// upstreamCTEs are the queries q must read from its own statement, in
// dependency order (see chainSQL), and their names.
func upstreamCTEs(ws *workspace.Workspace, q *workspace.Query, in inlining) ([]cte, map[string]bool, error) {
	var ctes []cte
	inlined := map[string]bool{}
	for _, u := range ws.Upstream(q.Name) {
		if in.mocks[u.Name] {
			body := "SELECT * FROM " + workspace.QuoteIdent(mockName(u.Name))
			ctes = append(ctes, cte{viewName(u), body, Where{File: q.Path, SQL: body}})
			inlined[u.Name] = true
			continue
		}
		read := in.all
		for _, name := range ws.Inputs(u.Name) {
			read = read || inlined[name]
		}
		if !read {
			continue
		}
		if !cursorable(u.SQL) {
			return nil, nil, notSelect(ws, q, u)
		}
		body, bw, err := pieceSQL(u, in.rewrite)
		if err != nil {
			return nil, nil, err
		}
		ctes = append(ctes, cte{viewName(u), body, bw})
		inlined[u.Name] = true
	}
	return ctes, inlined, nil
}

// withCTEs writes ctes in front of q's text qsql (placed by qw), merged
// with its own leading WITH [RECURSIVE], and places each piece.
func withCTEs(q *workspace.Query, qsql string, qw Where, ctes []cte, redshift bool) (string, Where) {
	cut, lead := withCut(qsql)
	var b strings.Builder
	w := Where{File: q.Path}
	b.WriteString(qsql[:cut])
	if cut == 0 {
		b.WriteString("WITH ")
	}
	w.pieces = append(w.pieces, wherePiece{start: 0, end: b.Len(), where: qw})
	as := " AS NOT MATERIALIZED (\n"
	if redshift {
		as = " AS (\n"
	}
	for _, c := range ctes {
		b.WriteString(workspace.QuoteIdent(c.name) + as)
		w.pieces = append(w.pieces, wherePiece{start: b.Len(), end: b.Len() + len(c.sql), where: c.w})
		b.WriteString(c.sql + "\n),\n")
	}
	s := b.String()
	if !lead {
		s = strings.TrimSuffix(s, ",\n") + "\n"
	}
	w.pieces = append(w.pieces, wherePiece{start: len(s), end: len(s) + len(qsql) - cut, from: cut, where: qw})
	w.SQL = s + qsql[cut:]
	return w.SQL, w
}

// withCut is where CTEs go in sql: after its leading WITH [RECURSIVE]
// (lead true: the merged list then continues with sql's own CTEs), or 0.
func withCut(sql string) (int, bool) {
	toks := sqlscan.ScanSignificant(sql)
	if len(toks) < 2 || !toks[0].IsKeyword("with") {
		return 0, false
	}
	i := 1
	if toks[1].IsKeyword("recursive") {
		i = 2
	}
	if i >= len(toks) {
		return 0, false
	}
	return toks[i].Offset, true
}

// pieceSQL is a query's text as sent (rewritten for Postgres when asked)
// and where its errors point.
func pieceSQL(q *workspace.Query, rewrite bool) (string, Where, error) {
	if !rewrite {
		if q.SourcePos != nil { // rendered from a template (a dbt model)
			return q.SQL, Where{File: q.Path, SQL: q.SQL, Source: q.Source, Pos: q.SourcePos}, nil
		}
		return q.SQL, Where{File: q.Path, SQL: q.SQL}, nil
	}
	rq, err := redshift.RewriteQuery(q.Path, q.SQL)
	if err != nil {
		return "", Where{}, err
	}
	if q.SourcePos != nil {
		pos := func(off int) (int, int) { // rewrite → rendered SQL → template
			l, c := rq.SourcePos(off)
			return q.SourcePos(diag.Offset(q.SQL, l, c))
		}
		return rq.SQL, Where{File: q.Path, SQL: rq.SQL, Source: q.Source, Pos: pos}, nil
	}
	return rq.SQL, Where{File: q.Path, SQL: rq.SQL, Source: q.SQL, Pos: rq.SourcePos}, nil
}

// ChainSQL is the query's statement with every query it reads, at any
// depth, written in as leading CTEs: what runs on a server that holds only
// the tables (jig check --dsn), or what jig explain reads to advise on the
// whole chain. For Redshift (forRedshift) the text is as written; for
// Postgres a Redshift workspace's queries are rewritten. It is the query's
// own SQL when it reads no query; an upstream query that is not a SELECT
// is an error where it is read.
func ChainSQL(ws *workspace.Workspace, name string, forRedshift bool) (string, error) {
	sql, _, err := chainStatement(ws, name, forRedshift)
	return sql, err
}

// ChainSource is ChainSQL for a Postgres server, left as written: a
// Redshift workspace's check on a Postgres DSN is translated as a whole
// statement, the query it reads included (ReadOnlyQuerier.Rewrite).
func ChainSource(ws *workspace.Workspace, name string) (string, error) {
	q := ws.Query(name)
	if q == nil {
		return "", nil
	}
	sql, _, _, err := chainSQL(ws, q, inlining{all: true})
	return sql, err
}

// ChainStatement is ChainSQL for the local server with where its errors
// point: each piece's file, line and column (jig explain).
func ChainStatement(ws *workspace.Workspace, name string) (string, Where, error) {
	return chainStatement(ws, name, false)
}

func chainStatement(ws *workspace.Workspace, name string, forRedshift bool) (string, Where, error) {
	q := ws.Query(name)
	if q == nil {
		return "", Where{}, nil
	}
	rewrite := !forRedshift && ws.Config.Dialect == workspace.DialectRedshift
	sql, w, _, err := chainSQL(ws, q, inlining{all: true, rewrite: rewrite, redshift: forRedshift})
	return sql, w, err
}
