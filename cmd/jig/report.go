package main

import (
	"encoding/xml"
	"fmt"
	"github.com/jig-sql/jig/workspace/diag"
	"io"
	"time"

	"github.com/jig-sql/jig/checks"
	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/workspace"
)

// jsonResult is one fixture in --json output.
type jsonResult struct {
	Fixture string        `json:"fixture"`
	Path    string        `json:"path"`
	Status  engine.Status `json:"status"`
	Millis  float64       `json:"ms"`
	Error   string        `json:"error,omitempty"`
	Diff    string        `json:"diff,omitempty"`
	Columns []string      `json:"columns,omitempty"`
	Rows    [][]*string   `json:"rows,omitempty"`
	Checks  []jsonCheck   `json:"checks,omitempty"`
}

// jsonCheck is one check in --json output (jig check, and inside a fixture).
type jsonCheck struct {
	Name    string `json:"name"`
	Target  string `json:"target"`
	Status  string `json:"status"`
	Failing int64  `json:"failing"`
	Error   string `json:"error,omitempty"`
}

func writeJSONResult(w io.Writer, r *engine.FixtureResult) {
	out := jsonResult{Fixture: r.Fixture.Name, Path: r.Fixture.Path, Status: r.Status,
		Millis: float64(r.Took.Microseconds()) / 1000}
	if r.Err != nil {
		out.Error = redact(r.Err.Error())
	}
	if r.Comparison != nil && !r.Comparison.OK() {
		out.Diff = engine.FormatDiff(r.Comparison, r.Expected(), r.Result, false)
	}
	if r.Result != nil {
		for _, c := range r.Result.Columns {
			out.Columns = append(out.Columns, c.Name)
		}
		for _, row := range r.Result.Rows {
			vals := make([]*string, len(row))
			for i, v := range row {
				if !v.Null {
					t := v.Text
					vals[i] = &t
				}
			}
			out.Rows = append(out.Rows, vals)
		}
	}
	for _, c := range r.Checks {
		out.Checks = append(out.Checks, checkJSON(c))
	}
	writeJSONLine(w, out)
}

// JUnit XML as Jenkins, GitLab and GitHub test reporters read it.
type junitSuites struct {
	XMLName xml.Name     `xml:"testsuites"`
	Suites  []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Time     float64     `xml:"time,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	File      string        `xml:"file,attr"`
	Time      float64       `xml:"time,attr"`
	Failure   *junitProblem `xml:"failure,omitempty"`
	Error     *junitProblem `xml:"error,omitempty"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Body    string `xml:",chardata"`
}

// fixtureCases are a test run's results as JUnit test cases.
func fixtureCases(results []*engine.FixtureResult) []junitCase {
	var cases []junitCase
	for _, r := range results {
		if r == nil {
			continue
		}
		tc := junitCase{Name: r.Fixture.Name, Classname: "jig." + r.Fixture.Query, File: r.Fixture.Path, Time: r.Took.Seconds()}
		body := redact(engine.FormatFailure(r, false))
		switch r.Status {
		case engine.StatusFail:
			tc.Failure = &junitProblem{Message: firstLine(body), Body: body}
		case engine.StatusError:
			tc.Error = &junitProblem{Message: firstLine(body), Body: body}
		}
		cases = append(cases, tc)
	}
	return cases
}

// checkCases are jig check's results as JUnit test cases.
func checkCases(results []checks.Result) []junitCase {
	cases := make([]junitCase, 0, len(results))
	for _, r := range results {
		tc := junitCase{Name: r.Name, Classname: "jig.check." + r.Target, File: r.Pos.File, Time: r.Took.Seconds()}
		switch r.Status {
		case checks.StatusFail:
			msg := diag.Plural(r.Failing, "failing row")
			tc.Failure = &junitProblem{Message: msg, Body: msg}
		case checks.StatusError:
			msg := redact(fmt.Sprint(r.Err))
			tc.Error = &junitProblem{Message: firstLine(msg), Body: msg}
		}
		cases = append(cases, tc)
	}
	return cases
}

// writeJUnit writes one suite of cases to path, atomically.
func writeJUnit(path, suiteName string, cases []junitCase, took time.Duration) error {
	suite := junitSuite{Name: suiteName, Time: took.Seconds(), Tests: len(cases), Cases: cases}
	for _, tc := range cases {
		if tc.Failure != nil {
			suite.Failures++
		}
		if tc.Error != nil {
			suite.Errors++
		}
	}
	b, err := xml.MarshalIndent(junitSuites{Suites: []junitSuite{suite}}, "", "  ")
	if err != nil {
		return err
	}
	return workspace.WriteFileAtomic(path, append([]byte(xml.Header), append(b, '\n')...), 0o644)
}

func firstLine(s string) string {
	for i, r := range s {
		if r == '\n' {
			return s[:i]
		}
	}
	return s
}

func writeJSONCheck(w io.Writer, r checks.Result) { writeJSONLine(w, checkJSON(r)) }

// checkJSON is a check's result in --json output, its error redacted.
func checkJSON(r checks.Result) jsonCheck {
	jc := jsonCheck{Name: r.Name, Target: r.Target, Status: string(r.Status), Failing: r.Failing}
	if r.Err != nil {
		jc.Error = redact(r.Err.Error())
	}
	return jc
}
