package engine

import (
	"errors"
	"fmt"
	"slices"

	"github.com/jig-sql/jig/checks"
	"github.com/jig-sql/jig/workspace"
	"github.com/jig-sql/jig/workspace/diag"
	"github.com/jig-sql/jig/workspace/redshift"
	"github.com/jig-sql/jig/workspace/sqlscan"
)

// StatementTag is one statement of a script as it ran: where it is written
// and what Postgres answered ("SELECT 5" for a CREATE TABLE ... AS,
// "DELETE 2"); BEGIN, COMMIT and ROLLBACK show as written.
type StatementTag struct {
	File      string
	Line, Col int
	Tag       string
}

// runsScripts reports whether a fixture runs as a script: its query file
// is one (workspace.Query.IsScript), or it names several queries to run in
// order.
func runsScripts(f *workspace.Fixture, q *workspace.Query) bool {
	return len(f.Steps) > 1 || (q != nil && q.IsScript())
}

// compileScripts finishes a fixture's script (BEGIN, inserts and setup are
// in s) for a fixture that runs scripts: every statement of every step in
// order, then expect.table's final rows, the checks and ROLLBACK. Without
// expect.table, expected rows are compared with the last statement's
// rows, which must then be a SELECT.
func (r *Runner) compileScripts(s *script, f *workspace.Fixture, cfg []checks.Configured) (*script, error) {
	if err := refuseStepChecks(f, cfg); err != nil {
		return nil, err
	}
	tx := &txState{}
	for _, step := range f.StepList() {
		q := r.Suite.WS.Query(step.Query)
		if q == nil {
			return nil, &diag.PosError{File: f.Path, Line: max(step.Line, 1), Col: max(step.Col, 1),
				Msg: fmt.Sprintf("unknown query %q", step.Query)}
		}
		if err := r.addScript(s, q, tx); err != nil {
			return nil, err
		}
	}
	if f.Expect.Rows != nil && f.Expect.Table == "" {
		if last := s.stmts[len(s.stmts)-1]; last.role != roleStep || !cursorable(last.sql) {
			return nil, &diag.PosError{File: f.Path, Line: max(f.Expect.Line, 1), Col: 1,
				Msg:  "expect.rows without a table compares the rows of the script's last statement, and it is not a SELECT",
				Hint: "name the table whose final state the rows describe: expect: {table: NAME, rows: ...}"}
		}
	}
	if f.Expect.Table != "" {
		sql, where, err := r.expectTableSQL(f)
		if err != nil {
			return nil, err
		}
		s.add(sql, where, roleResult)
	}
	if err := r.addChecks(s, cfg, r.Suite.fixtureResolver(f)); err != nil {
		return nil, err
	}
	s.add("ROLLBACK", Where{}, roleIgnore)
	return s, nil
}

// addScript adds one query file's statements, translated for Postgres
// (redshift.TranslateScript), with BEGIN/COMMIT/END/ROLLBACK turned into
// savepoints of the fixture's transaction. Any other statement that would
// end, nest or leave that transaction, or change who runs it, is refused
// at its file:line:col before anything runs.
func (r *Runner) addScript(s *script, q *workspace.Query, tx *txState) error {
	stmts, err := redshift.TranslateScript(q.Path, q.SQL, r.Suite.WS.Config.Dialect == workspace.DialectRedshift)
	var errs diag.Errors
	errors.As(err, &errs) // every problem of the file at once, refusals below included
	for _, st := range stmts {
		at := statementAt(q, st)
		// Judged on the text as written and as sent: no translation may
		// turn a statement into one that ends the transaction unseen.
		kw := workspace.SessionControl(st.Source)
		if kw == "" {
			kw = workspace.SessionControl(st.SQL)
		}
		switch note := skipped(st.Source); {
		case kw != "":
			if err := tx.add(s, st.Source, kw, at, q.SQL); err != nil {
				errs = append(errs, err)
			}
		case note != "":
			s.addNote(at, note)
		default:
			s.addStep(st.SQL, Where{File: q.Path, SQL: st.SQL, Source: q.SQL, Pos: st.SourcePos, Line: at.Line, Col: at.Col}, at, "")
		}
	}
	return errs.Err()
}

// statementAt is where a script's statement starts: its first token, past
// the comments and blank lines after the previous semicolon.
func statementAt(q *workspace.Query, st redshift.ScriptStatement) StatementTag {
	first := st.Start
	if toks := sqlscan.ScanSignificant(st.Source); len(toks) > 0 {
		first += toks[0].Offset
	}
	line, col := diag.LineCol(q.SQL, first)
	return StatementTag{File: q.Path, Line: line, Col: col}
}

// refuseStepChecks refuses checks on the output of a step: a script's
// statements return no rows to check.
func refuseStepChecks(f *workspace.Fixture, cfg []checks.Configured) error {
	var steps []string
	for _, st := range f.StepList() {
		steps = append(steps, st.Query)
	}
	for _, c := range cfg {
		if slices.Contains(steps, c.Table) {
			return &diag.PosError{File: c.Pos.File, Line: c.Pos.Line, Col: c.Pos.Col,
				Msg:  fmt.Sprintf("%s: check on %s, a step of a script, which has no output to check", c.Name(), c.Table),
				Hint: "check the table the script writes: table: NAME"}
		}
	}
	return nil
}

// expectTableSQL reads expect.table's final rows: a table of the schema, or
// one the scripts created (described from the result's columns, since the
// schema does not have it). A name that does not exist is Postgres's error
// placed at expect:.
func (r *Runner) expectTableSQL(f *workspace.Fixture) (string, Where, error) {
	if t := r.Suite.table(f.Expect.Table); t != nil {
		return "SELECT * FROM " + t.QualifiedName(), Where{File: f.Path}, nil
	}
	if !isRelationName(f.Expect.Table) {
		return "", Where{}, &diag.PosError{File: f.Path, Line: max(f.Expect.Line, 1), Col: 3,
			Msg:  fmt.Sprintf("expect.table %q is not a table name", f.Expect.Table),
			Hint: "write a name like sessions or derived.sessions"}
	}
	sql := "SELECT * FROM " + f.Expect.Table
	at := func(int) (int, int) { return max(f.Expect.Line, 1), 3 }
	return sql, Where{File: f.Path, SQL: sql, Pos: at}, nil
}

// isRelationName reports whether name is only identifiers joined by dots,
// so that it can be sent as written (and read by name mapping like any
// user SQL).
func isRelationName(name string) bool {
	toks := sqlscan.Scan(name)
	if len(toks) == 0 || len(toks) > 5 {
		return false
	}
	for i, tk := range toks {
		isName := tk.Kind == sqlscan.Ident || (tk.Kind == sqlscan.QuotedIdent && tk.Err == nil)
		if (i%2 == 0 && !isName) || (i%2 == 1 && !tk.IsSymbol(".")) {
			return false
		}
	}
	return len(toks)%2 == 1
}
