package highlight

import (
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/jig-sql/jig/tui/styles"
)

// tabWidth is how many spaces a tab in a query takes on screen.
const tabWidth = 4

var lexer = sync.OnceValue(func() chroma.Lexer {
	l := lexers.Get("postgresql")
	if l == nil {
		l = lexers.Fallback
	}
	return chroma.Coalesce(l)
})

// Plain is sql split into lines with tabs expanded: what Lines styles, and
// what widths are measured on.
func Plain(sql string) []string {
	return strings.Split(strings.ReplaceAll(sql, "\t", strings.Repeat(" ", tabWidth)), "\n")
}

// Lines is sql split into lines (tabs expanded), each token painted with
// the style of its kind. Stripped of escape sequences, line i is Plain's
// line i. Text the lexer cannot read is left plain.
func Lines(sql string, st styles.SQLStyles) []string {
	plain := Plain(sql)
	it, err := lexer().Tokenise(nil, strings.Join(plain, "\n"))
	if err != nil {
		return plain
	}
	out := make([]string, 0, len(plain))
	var line strings.Builder
	for tok := it(); tok != chroma.EOF; tok = it() {
		parts := strings.Split(tok.Value, "\n")
		for i, part := range parts {
			if i > 0 {
				out = append(out, line.String())
				line.Reset()
			}
			if part != "" {
				line.WriteString(paint(st, tok.Type, part))
			}
		}
	}
	out = append(out, line.String())
	if len(out) != len(plain) { // never show a query other than it is
		return plain
	}
	return out
}

// paint styles text by its token kind.
func paint(st styles.SQLStyles, t chroma.TokenType, text string) string {
	if strings.TrimSpace(text) == "" {
		return text
	}
	switch {
	case t.InCategory(chroma.Comment):
		return st.Comment.Render(text)
	case t.InCategory(chroma.Keyword), t == chroma.OperatorWord:
		return st.Keyword.Render(text)
	case t.InSubCategory(chroma.LiteralString):
		return st.String.Render(text)
	case t.InSubCategory(chroma.LiteralNumber):
		return st.Number.Render(text)
	case t == chroma.NameBuiltin, t == chroma.NameFunction:
		return st.Function.Render(text)
	case t.InCategory(chroma.Operator), t.InCategory(chroma.Punctuation):
		return st.Operator.Render(text)
	}
	return st.Text.Render(text)
}
