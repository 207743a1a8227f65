package dbt

import (
	"encoding/json"
	"path/filepath"
	"strings"

	"github.com/jig-sql/jig/workspace"
)

// singularTests turns test-paths/**/*.sql (rows returned are failures)
// into sql: checks, on the first relation each reads.
func (l *loader) singularTests() {
	for _, f := range l.walk(l.proj.TestPaths, ".sql") {
		rel := l.rel(f)
		if strings.Contains("/"+filepath.ToSlash(rel), "/fixtures/") {
			continue // unit test fixture files
		}
		text, ok := l.read(f)
		if !ok {
			continue
		}
		name := strings.TrimSuffix(filepath.Base(f), ".sql")
		st := &state{ld: l, model: name}
		out, rerr := renderTemplate(l.prelude, rel, text, st)
		if rerr != nil {
			l.warns.Add(rerr.File, rerr.Line, rerr.Col, "jig skips this test; the others still run", "singular test %s not loaded: %s", name, rerr.Msg)
			continue
		}
		if len(st.refs) == 0 {
			l.warns.Add(rel, 1, 1, "", "singular test %s reads no ref() or source(); jig runs it on nothing and skips it", name)
			continue
		}
		sql := strings.TrimRight(strings.TrimSpace(out), ";")
		entry, _ := json.Marshal(map[string]any{"sql": map[string]any{"sql": sql, "name": name}})
		table, _ := json.Marshal(st.refs[0])
		data := "table: " + string(table) + "\nchecks:\n  - " + string(entry) + "\n"
		l.w.CheckFiles = append(l.w.CheckFiles, workspace.File{Path: rel, Data: []byte(data)})
	}
}
