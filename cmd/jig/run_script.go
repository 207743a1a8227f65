package main

import (
	"fmt"
	"io"

	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/workspace"
	"github.com/jig-sql/jig/workspace/diag"
)

// printStatements lists a script's statements as they ran, one line each
// (file:line:col and the command tag), so jig run on a script shows what
// each statement did before the transaction rolled back.
func printStatements(w io.Writer, tags []engine.StatementTag) {
	for _, t := range tags {
		fmt.Fprintf(w, "%s:%d:%d: %s\n", t.File, t.Line, t.Col, t.Tag)
	}
}

// stepsThrough is the steps of a fixture that runs several queries, up to
// and including query: `jig run 07_sessions --fixture 01_setup/pipeline`
// runs the pipeline's first seven steps on the fixture's rows and prints
// the seventh's result. nil when query is not one of the steps (it then
// runs alone on the fixture's rows).
func stepsThrough(steps []workspace.Step, query string) []workspace.Step {
	for i := len(steps) - 1; i >= 0; i-- {
		if steps[i].Query == query {
			return steps[:i+1]
		}
	}
	return nil
}

// oneQuery is q's SQL where one query is needed (jig explain, a check on
// a query's output): a script is refused, with where to look instead.
func oneQuery(q *workspace.Query) (string, error) {
	if q.IsScript() {
		return "", fmt.Errorf("%s is a script (%s), which returns no rows of its own to explain or check; "+
			"jig run %s lists what each statement does, and checks can name the tables it writes",
			q.Path, diag.Plural(len(q.Statements), "statement"), q.Name)
	}
	return q.SQL, nil
}

// chainQuery is q's statement with the queries it reads written in
// (engine.ChainSQL), for a server without jig's views of them; a script
// is refused as oneQuery refuses it.
func chainQuery(ws *workspace.Workspace, q *workspace.Query, forRedshift bool) (string, error) {
	if _, err := oneQuery(q); err != nil {
		return "", err
	}
	return engine.ChainSQL(ws, q.Name, forRedshift)
}
