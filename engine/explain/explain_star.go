package explain

import (
	"strings"
	"unicode"
)

// sqlTok is a token of a query's text: a word (folded to lower case), a
// quoted identifier (unquoted) or one punctuation character.
type sqlTok struct {
	text   string
	quoted bool
	depth  int // parenthesis depth
}

// lexQuery tokenises sql, skipping comments and string literals.
func lexQuery(sql string) []sqlTok {
	var toks []sqlTok
	depth := 0
	for i := 0; i < len(sql); {
		c := sql[i]
		switch {
		case strings.HasPrefix(sql[i:], "--"):
			i = skipTo(sql, i, "\n")
		case strings.HasPrefix(sql[i:], "/*"):
			i = skipTo(sql, i+2, "*/")
		case c == '\'':
			i = quotedEnd(sql, i, '\'')
		case c == '"':
			end := quotedEnd(sql, i, '"')
			toks = append(toks, sqlTok{text: strings.ReplaceAll(sql[i+1:max(end-1, i+1)], `""`, `"`), quoted: true, depth: depth})
			i = end
		case c == '_' || unicode.IsLetter(rune(c)) || c >= 0x80:
			j := i
			for j < len(sql) && (sql[j] == '_' || sql[j] == '$' || sql[j] >= 0x80 || unicode.IsLetter(rune(sql[j])) || unicode.IsDigit(rune(sql[j]))) {
				j++
			}
			toks = append(toks, sqlTok{text: strings.ToLower(sql[i:j]), depth: depth})
			i = j
		case unicode.IsSpace(rune(c)):
			i++
		default:
			if c == ')' {
				depth--
			}
			toks = append(toks, sqlTok{text: string(c), depth: depth})
			if c == '(' {
				depth++
			}
			i++
		}
	}
	return toks
}

func skipTo(s string, i int, end string) int {
	if j := strings.Index(s[i:], end); j >= 0 {
		return i + j + len(end)
	}
	return len(s)
}

// quotedEnd is the index after the quote closing the one at s[i].
func quotedEnd(s string, i int, q byte) int {
	for j := i + 1; j < len(s); j++ {
		if s[j] == q {
			if j+1 < len(s) && s[j+1] == q {
				j++
				continue
			}
			return j + 1
		}
	}
	return len(s)
}

// starTargets returns the tables (or aliases) each SELECT * or x.* of the
// query reads: for x.*, x; for a bare *, every table in the FROM clause of
// the same SELECT.
func starTargets(sql string) []string {
	toks := lexQuery(sql)
	var out []string
	for i, t := range toks {
		if t.text != "*" || t.quoted || i == 0 {
			continue
		}
		switch prev := toks[i-1]; {
		case prev.text == "." && !prev.quoted && i >= 2:
			out = append(out, toks[i-2].text)
		case !prev.quoted && (prev.text == "select" || prev.text == "distinct" || prev.text == "all" || prev.text == ","):
			out = append(out, fromTables(toks[i+1:], t.depth)...)
		}
	}
	return out
}

var fromEnd = map[string]bool{"where": true, "group": true, "order": true, "limit": true, "having": true,
	"union": true, "except": true, "intersect": true, "window": true, "offset": true, "fetch": true, "for": true, ";": true}

// fromTables reads the FROM clause that follows at depth: the name after
// FROM, JOIN or a comma, the last part when schema-qualified.
func fromTables(toks []sqlTok, depth int) []string {
	var out []string
	inFrom, expect := false, false
	for i, t := range toks {
		if t.depth < depth || t.depth == depth && !t.quoted && fromEnd[t.text] {
			break
		}
		if t.depth != depth {
			continue
		}
		switch {
		case !t.quoted && t.text == "from":
			inFrom, expect = true, true
		case !inFrom:
		case !t.quoted && (t.text == "join" || t.text == ","):
			expect = true
		case !t.quoted && (t.text == "lateral" || t.text == "only"):
		case expect && (t.quoted || t.text != "("):
			name := t.text
			for j := i + 1; j+1 < len(toks) && toks[j].text == "." && !toks[j].quoted; j += 2 {
				name = toks[j+1].text
			}
			out = append(out, name)
			expect = false
		default:
			expect = false
		}
	}
	return out
}
