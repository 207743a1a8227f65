package workspace

import (
	"slices"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/jig-sql/jig/workspace/diag"
)

// Step is one query of a fixture that runs several in order, as a SQL
// runner would (`query: [01_setup, 02_events, ...]`), where it is written.
type Step struct {
	Query     string
	Line, Col int
}

// StepList is the queries a fixture runs, in order: its Steps, or its one
// query.
func (f *Fixture) StepList() []Step {
	if len(f.Steps) > 0 {
		return f.Steps
	}
	return []Step{{Query: f.Query, Line: f.QueryLine, Col: f.QueryCol}}
}

// decodeSteps reads `query:` given as a list. The fixture is filed under
// its first query: it lives in fixtures/<first query>/, its name is
// <first query>/<file>, and Query is the first step.
func (f *Fixture) decodeSteps(d *ydec, seq *ast.SequenceNode, folder string, checkFolder bool) {
	for _, v := range seq.Values {
		s, ok := d.str(v, "query")
		if !ok {
			continue
		}
		if strings.TrimSpace(s) == "" {
			d.errAt(v, "name a file of queries/ without .sql", "query: an empty name in the list")
			continue
		}
		line, col := pos(v)
		f.Steps = append(f.Steps, Step{Query: s, Line: line, Col: col})
	}
	if len(f.Steps) == 0 {
		if len(seq.Values) == 0 {
			d.errAt(seq, "e.g. query: [01_setup, 02_events]", "query: the list of queries is empty")
		}
		return
	}
	first := f.Steps[0]
	f.Query, f.QueryLine, f.QueryCol = first.Query, first.Line, first.Col
	if checkFolder && first.Query != folder {
		d.errs.Add(d.file, first.Line, first.Col, "move the file to fixtures/"+first.Query+"/",
			"a fixture of several queries lives in the folder of its first query, `%s`, not `%s`", first.Query, folder)
	}
}

// checkSteps reports the steps after the first that name no query (the
// first is checked as a fixture's query).
func (l *loader) checkSteps(f *Fixture, names []string) {
	for _, s := range f.Steps[min(1, len(f.Steps)):] {
		if slices.Contains(names, s.Query) || slices.Contains(l.unreadable, s.Query) {
			continue
		}
		hint := diag.DidYouMean(s.Query, names)
		if hint == "" {
			hint = "add queries/" + s.Query + ".sql"
		}
		l.errs.Add(f.Path, s.Line, s.Col, hint, "fixture names query `%s`, which does not exist", s.Query)
	}
}

// stepsYAML is the value of `query:` as MarshalFixture writes it: the one
// name, or the list in flow style (a list of one stays a list).
func stepsYAML(f *Fixture) string {
	if len(f.Steps) == 0 {
		return yamlString(f.Query)
	}
	names := make([]string, len(f.Steps))
	for i, s := range f.Steps {
		names[i] = yamlString(s.Query)
	}
	return "[" + strings.Join(names, ", ") + "]"
}
