package checks

import (
	"strings"

	"github.com/jig-sql/jig/workspace"
	"github.com/jig-sql/jig/workspace/diag"
)

// SourcePos maps positions in sql, the statement c compiled to, back to the
// YAML: an offset inside SQL the user wrote (sql, expression, where) lands
// on that text in the file, any other offset on the entry itself. source is
// the user's text laid out at its place in the file, for an excerpt.
func (c Configured) SourcePos(sql string) (source string, pos func(offset int) (line, col int)) {
	type span struct {
		start, end int
		at         ParamAt
		text       string
	}
	var spans []span
	var b strings.Builder
	for _, f := range c.fragments() {
		at, ok := c.Params[f.param]
		i := strings.Index(sql, f.before+f.text)
		if !ok || f.text == "" || i < 0 {
			continue
		}
		i += len(f.before)
		col := at.Pos.Col
		if at.Quoted {
			col++
		}
		at.Pos.Col = col
		spans = append(spans, span{i, i + len(f.text), at, f.text})
	}
	// The excerpt: each fragment at its line, later fragments below earlier.
	line := 0
	for _, s := range spans {
		if s.at.Pos.Line <= line {
			continue
		}
		b.WriteString(strings.Repeat("\n", s.at.Pos.Line-line-1))
		text := workspace.AlignedSource(s.text, 1, s.at.Pos.Col, s.at.Indent)
		b.WriteString(text)
		line = s.at.Pos.Line + strings.Count(s.text, "\n")
	}
	pos = func(offset int) (int, int) {
		for _, s := range spans {
			if offset >= s.start && offset < s.end {
				l, col := diag.LineCol(s.text, offset-s.start)
				if l == 1 {
					return s.at.Pos.Line, s.at.Pos.Col + col - 1
				}
				return s.at.Pos.Line + l - 1, s.at.Indent + col
			}
		}
		return c.Pos.Line, c.Pos.Col
	}
	return b.String(), pos
}

// userFragment is user SQL inside a compiled check, with the parameter it
// came from and the text the builder puts right before it.
type userFragment struct{ param, before, text string }

// fragments lists the user SQL a check compiles in, as it appears there.
func (c Configured) fragments() []userFragment {
	var out []userFragment
	switch x := c.Check.(type) {
	case *CustomSQL:
		out = append(out, userFragment{"sql", "(\n", trimQuery(x.SQL)})
	case *Expression:
		out = append(out, userFragment{"expression", "NOT (", strings.TrimSpace(x.Expression)})
	}
	if w := c.Check.Common().Where; w != "" {
		out = append(out, userFragment{"where", "WHERE (", strings.TrimSpace(w)})
	}
	return out
}
