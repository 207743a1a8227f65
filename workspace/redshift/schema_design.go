package redshift

import (
	"slices"
	"strings"

	"github.com/jig-sql/jig/workspace/diag"
	"github.com/jig-sql/jig/workspace/sqlscan"
)

var distStyles = []string{"ALL", "EVEN", "KEY", "AUTO"}

// tableOptions blanks the table attributes after the column list:
// DISTSTYLE, DISTKEY (col), [COMPOUND|INTERLEAVED] SORTKEY (cols) | AUTO,
// BACKUP YES|NO and ENCODE AUTO. It stops at AS (the query of a CTAS).
func (t *translator) tableOptions(d *tableDesign, st []sqlscan.Token) {
	for i := 0; i < len(st); i++ {
		tk := st[i]
		next := func(k int) sqlscan.Token {
			if i+k < len(st) {
				return st[i+k]
			}
			return sqlscan.Token{Kind: sqlscan.Space, Offset: tk.End()}
		}
		switch {
		case tk.IsKeyword("as"):
			return
		case tk.IsSymbol("("):
			i = sqlscan.MatchingParenOrLast(st, i)
		case tk.IsKeyword("diststyle"):
			v := next(1)
			if v.Kind != sqlscan.Ident {
				t.errAt(tk.Offset, "one of ALL, EVEN, KEY, AUTO", "DISTSTYLE needs a style")
				t.blankToks(tk, tk)
				continue
			}
			if style := strings.ToUpper(v.Text); !slices.Contains(distStyles, style) {
				t.errAt(v.Offset, diag.DidYouMean(style, distStyles), "unknown DISTSTYLE `%s` (expected ALL, EVEN, KEY or AUTO)", v.Text)
			} else if d.distStyle != nil {
				t.errAt(tk.Offset, "", "DISTSTYLE is given twice")
			} else {
				d.distStyle = &st[i+1]
			}
			t.blankToks(tk, v)
			i++
		case tk.IsKeyword("distkey"):
			cols, end := t.keyList(st, i, "DISTKEY")
			if len(cols) > 1 {
				t.errAt(cols[1].Offset, "", "DISTKEY takes exactly one column")
				cols = cols[:1]
			}
			d.distKeys = append(d.distKeys, cols...)
			i = end
		case tk.IsKeyword("compound") || tk.IsKeyword("interleaved") || tk.IsKeyword("sortkey"):
			i = t.sortKey(d, st, i)
		case tk.IsKeyword("backup") && (next(1).IsKeyword("yes") || next(1).IsKeyword("no")):
			t.blankToks(tk, next(1))
			i++
		case tk.IsKeyword("encode") && next(1).IsKeyword("auto"):
			t.blankToks(tk, next(1))
			i++
		}
	}
}

// sortKey handles [COMPOUND|INTERLEAVED] SORTKEY (cols) and SORTKEY AUTO.
func (t *translator) sortKey(d *tableDesign, st []sqlscan.Token, i int) int {
	start, style := st[i], ""
	if !st[i].IsKeyword("sortkey") {
		style = strings.ToUpper(st[i].Text)
		if i+1 >= len(st) || !st[i+1].IsKeyword("sortkey") {
			return i // a column or word that happens to be named compound
		}
		i++
	}
	if d.tableSort || d.colSort {
		t.errAt(start.Offset, "", "a table has one SORTKEY; this is the second")
	}
	d.tableSort, d.sortClause = true, start
	if i+1 < len(st) && st[i+1].IsKeyword("auto") {
		t.blankToks(start, st[i+1])
		return i + 1
	}
	cols, end := t.keyList(st, i, "SORTKEY")
	t.blank(start.Offset, start.End())
	d.sortKeys = cols // a table-level SORTKEY replaces column-level ones (an error above)
	d.sortStyle = style
	return end
}

// keyList reads KEYWORD ( col, ... ) at st[i], blanks it, and returns the
// column tokens and the index of ")".
func (t *translator) keyList(st []sqlscan.Token, i int, kw string) ([]sqlscan.Token, int) {
	if i+1 >= len(st) || !st[i+1].IsSymbol("(") {
		t.errAt(st[i].Offset, "e.g. "+kw+" (user_id)", "%s needs a parenthesised column list", kw)
		t.blankToks(st[i], st[i])
		return nil, i
	}
	end := sqlscan.MatchingParenOrLast(st, i+1)
	t.blankToks(st[i], st[end])
	var cols []sqlscan.Token
	for _, part := range splitTop(inside(st, i+1, end)) {
		if len(part) != 1 || (part[0].Kind != sqlscan.Ident && part[0].Kind != sqlscan.QuotedIdent) {
			off := st[i+1].Offset
			if len(part) > 0 {
				off = part[0].Offset
			}
			t.errAt(off, "", "%s lists column names only", kw)
			continue
		}
		cols = append(cols, part[0])
	}
	if len(cols) == 0 && end > i+1 {
		t.errAt(st[i+1].Offset, "", "%s needs at least one column", kw)
	}
	return cols, end
}

// design checks the collected clauses against each other and the columns
// and returns the table's Distribution.
func (t *translator) design(d *tableDesign) Distribution {
	var dist Distribution
	t.checkColumns(d, d.distKeys, "DISTKEY")
	t.checkColumns(d, d.sortKeys, "SORTKEY")
	if len(d.distKeys) > 1 {
		t.errAt(d.distKeys[1].Offset, "", "a table has one DISTKEY; `%s` is the second", d.distKeys[1].Name())
	}
	if len(d.distKeys) > 0 {
		dist.Key, dist.Style = d.distKeys[0].Name(), "KEY"
	}
	if d.distStyle != nil {
		style := strings.ToUpper(d.distStyle.Text)
		switch {
		case style == "KEY" && dist.Key == "":
			t.errAt(d.distStyle.Offset, "add DISTKEY (column)", "DISTSTYLE KEY needs a DISTKEY")
		case style != "KEY" && dist.Key != "":
			t.errAt(d.distStyle.Offset, "drop DISTSTYLE, or use DISTSTYLE KEY", "DISTKEY needs DISTSTYLE KEY, not %s", style)
		}
		dist.Style = style
	}
	seen := map[string]bool{}
	for _, k := range d.sortKeys {
		name := k.Name()
		if seen[name] {
			t.errAt(k.Offset, "", "SORTKEY lists `%s` twice", name)
			continue
		}
		seen[name] = true
		dist.SortKey = append(dist.SortKey, name)
	}
	dist.SortStyle = d.sortStyle
	return dist
}

func (t *translator) checkColumns(d *tableDesign, keys []sqlscan.Token, kw string) {
	if d.likeOther {
		return
	}
	for _, k := range keys {
		if name := k.Name(); !slices.Contains(d.columns, name) {
			t.errAt(k.Offset, diag.DidYouMean(name, d.columns), "%s names column `%s`, which the table does not have", kw, name)
		}
	}
}
