package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/jig-sql/jig/checks"
	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/workspace"
)

// runSelfTest proves each configured check can fail (jig check --self-test)
// on the local server: rows built to violate it must make it fail and rows
// built to satisfy it must make it pass.
//
// Exit codes: 1 when a check cannot fail (the schema or its own parameters
// already guarantee it, so it tests nothing) or its self-test errors; 0
// otherwise. An unproven check exits 0: jig could not build violating rows,
// which says nothing against the check, but it is listed with what to do.
func runSelfTest(c *cli, ws *workspace.Workspace, cfg []checks.Configured, out outFlags) int {
	srv, runner, code := c.openRunner(ws, "", 1)
	if srv == nil {
		return code
	}
	defer srv.Stop()
	defer runner.Close()
	results := runner.SelfTest(c.ctx, cfg)
	if out.json {
		for _, r := range results {
			writeJSONLine(c.stdout, jsonSelfTest{Name: r.Name, Target: r.Target, Outcome: string(r.Outcome),
				Reason: r.Reason, File: r.Pos.File, Line: r.Pos.Line, Col: r.Pos.Col})
		}
	} else {
		printSelfTest(c.stdout, results)
	}
	return selfTestExit(c.stderr, results)
}

// jsonSelfTest is one check in jig check --self-test --json.
type jsonSelfTest struct {
	Name    string `json:"name"`
	Target  string `json:"target"`
	Outcome string `json:"outcome"` // proven, cannot fail, unproven, error
	Reason  string `json:"reason"`
	File    string `json:"file"`
	Line    int    `json:"line"`
	Col     int    `json:"col"`
}

// printSelfTest prints one line per check: check, target, result, reason.
func printSelfTest(w io.Writer, results []engine.SelfTestResult) {
	rows := make([][]string, len(results))
	for i, r := range results {
		rows[i] = []string{r.Name, r.Target, string(r.Outcome), r.Reason}
	}
	writeTable(w, []string{"check", "target", "result", "reason"}, rows)
	count := map[engine.SelfTestOutcome]int{}
	for _, r := range results {
		count[r.Outcome]++
	}
	fmt.Fprintf(w, "\n%d proven, %d cannot fail, %d unproven, %d error(s)\n",
		count[engine.SelfTestProven], count[engine.SelfTestCannotFail], count[engine.SelfTestUnproven], count[engine.SelfTestError])
	if count[engine.SelfTestUnproven] > 0 {
		fmt.Fprintln(w, "unproven: jig never saw these fail; a fixture whose rows violate each would prove them.")
	}
}

// selfTestExit names the checks that fail the self-test and returns the
// exit code.
func selfTestExit(w io.Writer, results []engine.SelfTestResult) int {
	var bad []string
	for _, r := range results {
		if r.Outcome == engine.SelfTestCannotFail || r.Outcome == engine.SelfTestError {
			bad = append(bad, fmt.Sprintf("%s on %s (%s:%d:%d) %s", r.Name, r.Target, r.Pos.File, r.Pos.Line, r.Pos.Col, r.Outcome))
		}
	}
	if len(bad) == 0 {
		return exitOK
	}
	fmt.Fprintf(w, "jig: %d check(s) failed the self-test:\n  %s\n", len(bad), strings.Join(bad, "\n  "))
	return exitFail
}
