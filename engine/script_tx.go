package engine

import (
	"fmt"
	"strings"

	"github.com/jig-sql/jig/workspace/diag"
	"github.com/jig-sql/jig/workspace/sqlscan"
)

// scriptSavepoint is the savepoint a script's BEGIN opens. Scripts cannot
// name it: SAVEPOINT, RELEASE and ROLLBACK TO are refused in them.
const scriptSavepoint = "jig_script"

// txState follows a fixture's BEGIN ... COMMIT blocks across its steps, as
// one session of a SQL runner would: a block a step opens can be closed by
// a later step.
type txState struct{ open int }

// add turns a transaction-control statement of a script into its savepoint
// form, or refuses it. Only the plain forms are taken: BEGIN [WORK |
// TRANSACTION], START TRANSACTION, COMMIT, END, ROLLBACK and ABORT [WORK |
// TRANSACTION]. BEGIN opens a savepoint, COMMIT and END release it,
// ROLLBACK rolls back to it and releases it. A COMMIT or ROLLBACK with no
// BEGIN open has nothing to end (Redshift runs each statement outside a
// block in its own transaction): it is only noted. A BEGIN still open when
// the fixture ends is rolled back with it.
func (tx *txState) add(s *script, sql, kw string, at StatementTag, source string) *diag.PosError {
	where := func(gen string) Where {
		return Where{File: at.File, SQL: gen, Source: source, Pos: func(int) (int, int) { return at.Line, at.Col }, Line: at.Line, Col: at.Col}
	}
	switch plainTxControl(sql) {
	case "BEGIN":
		tx.open++
		gen := "SAVEPOINT " + scriptSavepoint
		s.addStep(gen, where(gen), at, "BEGIN")
	case "COMMIT":
		if tx.open == 0 {
			s.addNote(at, strings.ToUpper(firstWord(sql))+" (no BEGIN open: nothing to end)")
			break
		}
		tx.open--
		gen := "RELEASE SAVEPOINT " + scriptSavepoint
		s.addStep(gen, where(gen), at, strings.ToUpper(firstWord(sql)))
	case "ROLLBACK":
		if tx.open == 0 {
			s.addNote(at, strings.ToUpper(firstWord(sql))+" (no BEGIN open: nothing to undo)")
			break
		}
		tx.open--
		gen := "ROLLBACK TO SAVEPOINT " + scriptSavepoint
		s.addStep(gen, where(gen), at, strings.ToUpper(firstWord(sql)))
		rel := "RELEASE SAVEPOINT " + scriptSavepoint
		s.add(rel, where(rel), roleIgnore)
	default:
		return &diag.PosError{File: at.File, Line: at.Line, Col: at.Col,
			Msg: fmt.Sprintf("%s in a script: jig runs a script inside the fixture's transaction, which it rolls back, and this statement "+
				"would end it, nest it or change who runs it", kw),
			Hint: "in a script, BEGIN, COMMIT, END and ROLLBACK written alone (or with WORK or TRANSACTION) run as savepoints of that " +
				"transaction; write it that way, or remove it"}
	}
	return nil
}

// plainTxControl names the plain transaction statement sql is (BEGIN,
// COMMIT or ROLLBACK, as jig rewrites them), or "" for any other form.
func plainTxControl(sql string) string {
	var words []string
	for _, tk := range sqlscan.ScanSignificant(sql) {
		if tk.Kind != sqlscan.Ident || len(words) == 2 {
			return ""
		}
		words = append(words, strings.ToLower(tk.Text))
	}
	if len(words) == 0 {
		return ""
	}
	optional := len(words) == 1 || words[1] == "work" || words[1] == "transaction"
	switch words[0] {
	case "begin":
		if optional {
			return "BEGIN"
		}
	case "start":
		if len(words) == 2 && words[1] == "transaction" {
			return "BEGIN"
		}
	case "commit", "end":
		if optional {
			return "COMMIT"
		}
	case "rollback", "abort":
		if optional {
			return "ROLLBACK"
		}
	}
	return ""
}

// firstWord is sql's first significant token's text.
func firstWord(sql string) string {
	if toks := sqlscan.ScanSignificant(sql); len(toks) > 0 {
		return toks[0].Text
	}
	return ""
}

// noop stands in for a statement jig does not run, so that its note keeps
// its place among the statements' tags.
const noop = "SELECT WHERE false"

// addNote records a statement jig does not send, with why, in its place.
func (s *script) addNote(at StatementTag, note string) {
	s.addStep(noop, Where{File: at.File, Line: at.Line, Col: at.Col}, at, note)
}

// skipped says why jig does not run a statement of a script, or "" to run
// it: VACUUM cannot run inside a transaction and changes no rows; GRANT
// and REVOKE name the warehouse's users and groups, which the local
// sandbox does not have; UNLOAD and COPY from S3 reach storage a fixture
// has no use for (its given rows stand in for what a COPY loads).
func skipped(sql string) string {
	toks := sqlscan.ScanSignificant(sql)
	if len(toks) == 0 {
		return ""
	}
	switch w := strings.ToUpper(toks[0].Text); {
	case toks[0].Kind != sqlscan.Ident:
	case w == "VACUUM":
		return "VACUUM (not run: it cannot run inside the fixture's transaction, and changes no rows)"
	case w == "GRANT" || w == "REVOKE":
		return w + " (not run: the warehouse's users and groups do not exist locally)"
	case w == "UNLOAD":
		return "UNLOAD (not run: it writes to S3)"
	case w == "COPY" && readsS3(toks):
		return "COPY (not run: it reads S3; the fixture's given rows stand in for what it loads)"
	}
	return ""
}

// readsS3 reports whether a COPY's FROM names an s3:// location.
func readsS3(toks []sqlscan.Token) bool {
	for i := 1; i+1 < len(toks); i++ {
		if toks[i].IsKeyword("from") && toks[i+1].Kind == sqlscan.String {
			v, _ := toks[i+1].Value()
			return strings.HasPrefix(strings.ToLower(v), "s3://")
		}
	}
	return false
}
