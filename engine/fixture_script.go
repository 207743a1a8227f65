package engine

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jig-sql/jig/workspace"
	"github.com/jig-sql/jig/workspace/diag"
	"github.com/jig-sql/jig/workspace/redshift"
	"github.com/jig-sql/jig/workspace/sqlscan"
)

// role says what a script statement's result is for.
type role int

const (
	roleIgnore  role = iota // BEGIN, inserts, setup, DML output, ROLLBACK
	roleResult              // the fixture's result (the query, or expect.table's rows)
	roleCheck               // a check's row
	roleMoveAll             // a live run's count (MOVE FORWARD ALL)
	roleStep                // a script's statement: its tag, and its rows when it returns some
)

// stmt is one statement of a script and where its text came from.
type stmt struct {
	sql   string
	where Where
	role  role
	check int  // index into script.checkSQL, for roleCheck
	step  int  // index into script.steps, for roleStep
	own   bool // jig wrote it with the worker's names: never rewritten
}

// script is a fixture compiled into statements sent in one round trip:
// BEGIN, inserts, setup, the query, checks, ROLLBACK. Each statement is
// its own extended-protocol message (Parse/Bind/Execute, one Sync at the
// end), where the server refuses a message holding two statements: user
// SQL (setup:, the query, a check's sql:) can never smuggle in a COMMIT
// that ends jig's transaction; the statement kinds that could on their own
// are refused before anything is sent (refuseSessionControl).
type script struct {
	stmts    []stmt
	checkSQL []string
	steps    []StatementTag // where each roleStep statement is written
}

func (s *script) add(sql string, w Where, r role) {
	if w.SQL == "" {
		w.SQL = sql
	}
	s.stmts = append(s.stmts, stmt{sql: sql, where: w, role: r})
}

// own adds statements jig wrote itself, possibly several in one text.
func (s *script) own(sql string, w Where) {
	for _, st := range workspace.SplitStatements(sql) {
		s.ownAs(st.SQL, Where{File: w.File}, roleIgnore)
	}
}

// addStep adds a script's statement; tag, when not "", is shown instead of
// the server's (a BEGIN run as a savepoint shows as BEGIN).
func (s *script) addStep(sql string, w Where, at StatementTag, tag string) {
	at.Tag = tag
	s.steps = append(s.steps, at)
	s.add(sql, w, roleStep)
	s.stmts[len(s.stmts)-1].step = len(s.steps) - 1
}

// ownAs adds one statement jig wrote itself with the worker's names.
func (s *script) ownAs(sql string, w Where, r role) {
	s.add(sql, w, r)
	s.stmts[len(s.stmts)-1].own = true
}

// mapNames rewrites the user's statements for the worker (see
// sentNames): schema names to the worker's, positions mapped back.
func (s *script) mapNames(n *sentNames) error {
	for i := range s.stmts {
		st := &s.stmts[i]
		if st.own {
			st.where.Names = n.m.Unmap // its errors name the user's schemas too
			continue
		}
		sql, w, err := n.mapSQL(st.sql, st.where, false)
		if err != nil {
			return err
		}
		st.sql, st.where = sql, w
	}
	return nil
}

// addCheck adds a check's statement: compiled is what checks.Run asks the
// replay for, sent what runs (compiled, or its Redshift translation).
func (s *script) addCheck(compiled, sent string, w Where) {
	s.checkSQL = append(s.checkSQL, compiled)
	s.add(sent, w, roleCheck)
	s.stmts[len(s.stmts)-1].check = len(s.checkSQL) - 1
}

// send queues every statement in one batch, results in text.
func (s *script) send(ctx context.Context, conn *pgconn.PgConn) *pgconn.MultiResultReader {
	b := &pgconn.Batch{}
	for _, st := range s.stmts {
		b.ExecParams(st.sql, nil, nil, nil, nil)
	}
	return conn.ExecBatch(ctx, b)
}

// place puts the error of the n-th statement at its place in the file.
func (s *script) place(n int, err error) error {
	if n < 0 || n >= len(s.stmts) {
		return AsSQLError(err, Where{})
	}
	return AsSQLError(err, s.stmts[n].where)
}

// addSetup adds a fixture's setup: one statement at a time, each placed in
// the fixture file, refusing those that would end jig's transaction or
// change who runs it. In a Redshift workspace setup is a script and gets a
// script's translation (redshift.TranslateScript: DISTKEY, IDENTITY, NVL,
// DATEADD's part, ...), positions mapped back to the fixture file.
func (s *script) addSetup(f *workspace.Fixture, redshiftDialect bool) error {
	if redshiftDialect {
		return s.addRedshiftSetup(f)
	}
	for _, st := range workspace.SplitStatements(f.Setup) {
		pos := func(off int) (int, int) { return f.SetupPos(st.Start + off) }
		if err := refuseSessionControl(f.Path, st.SQL, pos, "setup"); err != nil {
			return err
		}
		s.add(st.SQL, setupWhere(f, st.SQL, pos), roleIgnore)
	}
	return nil
}

// setupWhere places a setup statement: a position in sql by pos, an error
// Postgres gives none for (a constraint violation) at the statement.
func setupWhere(f *workspace.Fixture, sql string, pos func(int) (int, int)) Where {
	w := Where{File: f.Path, SQL: sql, Source: f.SetupSource(), Pos: pos}
	if toks := sqlscan.ScanSignificant(sql); len(toks) > 0 {
		w.Line, w.Col = pos(toks[0].Offset)
	}
	return w
}

// addRedshiftSetup is addSetup of a Redshift workspace.
func (s *script) addRedshiftSetup(f *workspace.Fixture) error {
	stmts, err := redshift.TranslateScript(f.Path, f.Setup, true)
	if err != nil {
		return placeErrors(err, Where{File: f.Path, SQL: f.Setup, Pos: f.SetupPos})
	}
	for _, st := range stmts {
		pos := func(off int) (int, int) { return f.SetupPos(st.SourceOffset(off)) }
		for _, text := range []string{st.Source, st.SQL} { // no translation may hide a COMMIT
			at := func(off int) (int, int) { return f.SetupPos(st.Start + off) }
			if text == st.SQL {
				at = pos
			}
			if err := refuseSessionControl(f.Path, text, at, "setup"); err != nil {
				return err
			}
		}
		s.add(st.SQL, setupWhere(f, st.SQL, pos), roleIgnore)
	}
	return nil
}

// addGivenSQL inserts the rows of the given tables that are a SELECT
// (a dbt unit test's sql format), errors placed in the fixture's text; in
// a Redshift workspace the SELECT gets the query rewrites.
func (r *Runner) addGivenSQL(s *script, f *workspace.Fixture) error {
	for _, g := range f.Given {
		t := r.Suite.table(g.Table)
		if t == nil {
			t = r.Suite.Mock(g.Table) // rows for an upstream query go into its mock
		}
		if g.SQL == "" || t == nil {
			continue
		}
		prefix := "INSERT INTO " + t.QualifiedName() + "\n"
		pos := func(off int) (int, int) {
			l, c := diag.LineCol(g.SQL, off)
			return g.SQLLine + l - 1, c + g.SQLIndent
		}
		sql, w := g.SQL, Where{File: f.Path, SQL: g.SQL, Pos: pos,
			Source: workspace.AlignedSource(g.SQL, g.SQLLine, g.SQLIndent+1, g.SQLIndent)}
		if r.Suite.redshiftWorkspace() {
			var err error
			if sql, w, err = rewriteRedshift(sql, w); err != nil {
				return err
			}
		}
		w.Offset = len([]rune(prefix))
		s.add(prefix+sql, w, roleIgnore)
	}
	return nil
}

// refuseSessionControl is a positioned error when sql is a statement jig
// does not run inside its transaction (see workspace.SessionControl).
func refuseSessionControl(file, sql string, pos func(int) (int, int), what string) error {
	kw := workspace.SessionControl(sql)
	if kw == "" {
		return nil
	}
	line, col := pos(sqlscan.ScanSignificant(sql)[0].Offset)
	return &diag.PosError{File: file, Line: line, Col: col,
		Msg:  fmt.Sprintf("%s in %s: jig runs every fixture inside one transaction that it rolls back, and %s would end it or change who runs it", kw, what, kw),
		Hint: "remove it: the fixture's statements already run in a transaction, as the workspace's role"}
}
