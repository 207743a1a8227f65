package engine

import (
	"errors"

	"github.com/jig-sql/jig/workspace"
	"github.com/jig-sql/jig/workspace/diag"
)

// ValidateScripts reports, without a server, what running each script of
// the workspace would refuse before sending anything: Redshift constructs
// that do not run locally, DDL design mistakes, and statements that would
// end, nest or leave the fixture's transaction, each at its file:line:col.
// Postgres's own errors in a script are left to jig test, which runs it.
func ValidateScripts(ws *workspace.Workspace) error {
	r := &Runner{Suite: &Suite{WS: ws}}
	var errs diag.Errors
	for _, q := range ws.Queries {
		if !q.IsScript() {
			continue
		}
		var es diag.Errors
		if errors.As(r.addScript(&script{}, q, &txState{}), &es) {
			errs = append(errs, es...)
		}
	}
	return errs.Err()
}
