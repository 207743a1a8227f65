package main

import (
	"errors"

	"github.com/jig-sql/jig/workspace/diag"
)

// jsonProblem is one workspace problem in --json output: what jig test
// --json prints instead of results when the workspace does not load.
type jsonProblem struct {
	Error string `json:"error"`
	File  string `json:"file"`
	Line  int    `json:"line"`
	Col   int    `json:"col"`
	Hint  string `json:"hint,omitempty"`
}

// writeJSONProblems prints each problem of a workspace that did not load
// as one line of JSON on stdout, so a program reading --json learns why
// there are no results (the text still goes to stderr).
func (c *cli) writeJSONProblems(err error) {
	var errs diag.Errors
	if !errors.As(err, &errs) {
		return
	}
	for _, e := range errs {
		writeJSONLine(c.stdout, jsonProblem{Error: e.Msg, File: e.File, Line: e.Line, Col: e.Col, Hint: e.Hint})
	}
}
