package dbt

import (
	"errors"
	"slices"
	"sort"
	"strings"

	"github.com/jig-sql/jig/workspace"
	"github.com/jig-sql/jig/workspace/diag"
)

// renderModels renders every model; one that fails is a warning. A model
// that reads one that is disabled or did not render is no model either:
// it is rendered again, and its ref() fails there (dbt refuses it too).
func (l *loader) renderModels() {
	refs := map[string][]string{}
	for _, name := range l.order {
		l.renderOne(name, refs)
	}
	for again := true; again; {
		again = false
		for _, name := range l.order {
			if l.rendered[name] != nil && slices.ContainsFunc(refs[name], l.isUnavailable) {
				delete(l.rendered, name)
				l.renderOne(name, refs)
				again = true
			}
		}
	}
	for _, name := range l.order {
		if q := l.rendered[name]; q != nil {
			l.w.Queries = append(l.w.Queries, q)
		}
	}
	sort.Slice(l.w.Queries, func(i, j int) bool { return l.w.Queries[i].Name < l.w.Queries[j].Name })
}

// renderOne renders the model name into l.rendered (its refs into refs),
// or says in l.unavailable why it is no model.
func (l *loader) renderOne(name string, refs map[string][]string) {
	m := l.models[name]
	q, reads, rerr := l.renderModelRefs(m, nil)
	refs[name] = reads
	switch {
	case rerr == nil && q == nil:
		l.unavailable[name] = "is disabled (config(enabled=false) in " + m.Path + ")"
	case rerr != nil:
		l.warns.Add(rerr.File, rerr.Line, rerr.Col, "jig skips this model; the others still run",
			"model %s not loaded: %s", name, rerr.Msg)
		l.unavailable[name] = "did not render (see its warning)"
	case l.w.Query(name) != nil:
		l.errs.Add(m.Path, 1, 1, "rename one of them", "model %s has the name of a query in queries/", name)
	default:
		l.rendered[name] = q
	}
}

func (l *loader) isUnavailable(name string) bool { _, ok := l.unavailable[name]; return ok }

// renderModel renders one model (with a unit test's overrides, or nil) into
// a query whose positions map back to the .sql file; nil when disabled.
func (l *loader) renderModel(m *model, ov *overrides) (*workspace.Query, *RenderError) {
	q, _, rerr := l.renderModelRefs(m, ov)
	return q, rerr
}

// renderModelRefs is renderModel that also names the relations the model
// reads.
func (l *loader) renderModelRefs(m *model, ov *overrides) (*workspace.Query, []string, *RenderError) {
	st := &state{ld: l, model: m.Name, schema: m.Schema}
	if ov != nil {
		st.vars, st.macroOv, st.envOv = ov.vars, ov.macros, ov.env
	}
	out, rerr := renderTemplate(l.prelude, m.Path, m.Text, st)
	if rerr != nil || st.disabled {
		return nil, st.refs, rerr
	}
	q, rerr := l.query(m.Name, m.Path, m.Text, out)
	return q, st.refs, rerr
}

// query makes the workspace query of a rendered template: one statement, a
// trailing semicolon dropped, positions mapped to the template.
func (l *loader) query(name, file, text, out string) (*workspace.Query, *RenderError) {
	sql := strings.TrimRight(out, " \t\r\n")
	sql = strings.TrimRight(strings.TrimSuffix(sql, ";"), " \t\r\n")
	pm := newPosMap(text, sql)
	q, err := workspace.ParseQuery(file, sql)
	var es diag.Errors
	if errors.As(err, &es) && len(es) > 0 {
		line, col := 1, 1
		if es[0].Line > 1 || es[0].Col > 1 {
			line, col = pm.pos(sql, diag.Offset(sql, es[0].Line, es[0].Col))
		}
		return nil, &RenderError{File: file, Line: line, Col: col, Msg: es[0].Msg}
	}
	if q.IsScript() {
		// A model is one SELECT that dbt materializes; a second statement
		// (or DDL) is not a model jig can run as a query.
		at := len(sql)
		if len(q.Statements) > 1 {
			at = q.Statements[1].Start
			for at < len(sql) && strings.ContainsRune(" \t\r\n", rune(sql[at])) {
				at++ // at the statement's first word, not the space before it
			}
		}
		line, col := pm.pos(sql, at)
		return nil, &RenderError{File: file, Line: line, Col: col, Msg: "one query per file: a model is a single SELECT, and a second statement starts here"}
	}
	q.Name, q.Source = name, text
	q.SourcePos = func(off int) (int, int) { return pm.pos(q.SQL, off) }
	return q, nil
}
