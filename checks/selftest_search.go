package checks

import (
	"fmt"
	"math/big"
	"strings"

	"github.com/jig-sql/jig/workspace"
	"github.com/jig-sql/jig/workspace/sqlscan"
)

// MaxSearch bounds the attempts a search makes for one check.
const MaxSearch = 200

// searchExpression varies, one at a time, the columns an expression (and
// its where) mentions, starting from a row of factory defaults.
func searchExpression(c *Expression, t *workspace.Table, env Env) Recipe {
	r := search([]*workspace.Table{t}, c.Expression+"\n"+c.Where, false)
	if !mentionsAny(lex(c.Expression), env.Tables) {
		r.Constant = c.Expression
	}
	return r
}

// searchSQL varies the columns an sql check mentions, of its target and of
// every table it names.
func searchSQL(c *CustomSQL, t *workspace.Table, env Env) Recipe {
	lx := lex(c.SQL + "\n" + c.Where)
	tables := []*workspace.Table{t}
	for i := range env.Tables {
		if o := &env.Tables[i]; o != t && lx.idents[o.Name] {
			tables = append(tables, o)
		}
	}
	return search(tables, c.SQL+"\n"+c.Where, false)
}

// searchQuery varies the columns of a query's input tables, those the
// check names first (an output column often keeps its input's name).
func searchQuery(c Configured, env Env) (Recipe, error) {
	var tables []*workspace.Table
	for _, name := range env.Inputs {
		if t := env.table(name); t != nil {
			tables = append(tables, t)
		}
	}
	if len(tables) == 0 {
		return Recipe{Caveat: fmt.Sprintf("query %s reads no table of the schema", c.Table)}, nil
	}
	text := c.Check.subject() + "\n" + c.Check.Common().Where + "\n" + env.Query
	if s, ok := c.Check.(*CustomSQL); ok {
		text += "\n" + s.SQL
	}
	r := search(tables, text, true)
	r.Caveat = fmt.Sprintf("it checks the output of query %s; jig varied its input tables", c.Table)
	return r, nil
}

// search builds the attempts: a row of defaults per table, then that row
// with one mentioned column set to each candidate value, then the same
// again on top of each anchor (a column set to a literal the text compares
// it with: status = 'paid' in a query's WHERE), then no rows. With all,
// every column is varied when the text mentions none. Satisfying rows are
// searched the same way.
func search(tables []*workspace.Table, text string, all bool) Recipe {
	lx := lex(text)
	vary := mentioned(tables, lx)
	if len(vary) == 0 && all {
		for _, t := range tables {
			for j := range t.Columns {
				vary = append(vary, tableColumn{t, &t.Columns[j]})
			}
		}
	}
	s := &searcher{tables: tables}
	s.add(nil)
	for _, tc := range vary {
		for _, v := range candidates(tc.col, lx) {
			s.add([]setting{{tc, v}})
		}
	}
	for _, anchor := range anchors(vary, lx) {
		for _, tc := range vary {
			for _, v := range candidates(tc.col, lx) {
				if tc != anchor.tc {
					s.add([]setting{anchor, {tc, v}})
				}
			}
		}
	}
	none := rowsOf(0)
	return Recipe{Searched: true, Violate: append(s.out, none), Satisfy: append(s.out[:len(s.out):len(s.out)], none)}
}

// setting is one column set to one value.
type setting struct {
	tc tableColumn
	v  any
}

// searcher collects distinct attempts, up to MaxSearch.
type searcher struct {
	tables []*workspace.Table
	out    []Attempt
}

// add appends the attempt of a row of defaults per table with settings.
func (s *searcher) add(set []setting) {
	if len(s.out) >= MaxSearch-1 {
		return
	}
	a := Attempt{Note: "a row of factory defaults"}
	var notes []string
	for _, t := range s.tables {
		row := map[string]any{}
		for _, st := range set {
			if st.tc.t == t {
				row[st.tc.col.Name] = st.v
				note := st.tc.col.Name + " = " + show(st.v)
				if len(s.tables) > 1 {
					note = t.Name + "." + note
				}
				notes = append(notes, note)
			}
		}
		a.Data = append(a.Data, Dataset{Table: datasetTable(t), Rows: []map[string]any{row}})
	}
	if len(notes) > 0 {
		a.Note = strings.Join(notes, ", ")
	}
	s.out = append(s.out, a)
}

// anchors are the settings of mentioned columns to the text's own literals.
func anchors(vary []tableColumn, lx lexed) []setting {
	var out []setting
	for _, tc := range vary {
		t := tc.col.Type
		switch {
		case isText(t) || t.IsEnum():
			for _, s := range lx.strings {
				out = append(out, setting{tc, fitText(s, t)})
			}
		case isNumber(t):
			for _, n := range lx.numbers {
				out = append(out, setting{tc, numberValue(n)})
			}
		}
	}
	return out[:min(len(out), 10)]
}

// tableColumn is a column the search varies.
type tableColumn struct {
	t   *workspace.Table
	col *workspace.Column
}

// mentioned lists the columns of tables whose names the text uses.
func mentioned(tables []*workspace.Table, lx lexed) []tableColumn {
	var out []tableColumn
	for _, t := range tables {
		for j := range t.Columns {
			if c := &t.Columns[j]; lx.idents[c.Name] && !c.Generated {
				out = append(out, tableColumn{t, c})
			}
		}
	}
	return out
}

// mentionsAny reports whether the text names a table or a column of one.
func mentionsAny(lx lexed, tables []workspace.Table) bool {
	for i := range tables {
		if lx.idents[tables[i].Name] {
			return true
		}
		for _, c := range tables[i].Columns {
			if lx.idents[c.Name] {
				return true
			}
		}
	}
	return false
}

// candidates are the values tried for one column: NULL, edges of its type
// and the literals the text compares with, each nudged both ways.
func candidates(col *workspace.Column, lx lexed) []any {
	var out []any
	add := func(vs ...any) {
		for _, v := range vs {
			if !containsValue(out, v) {
				out = append(out, v)
			}
		}
	}
	if !col.NotNull {
		add(nil)
	}
	t := col.Type
	switch {
	case t.IsArray():
	case t.IsEnum():
		for _, l := range t.Enum {
			add(l)
		}
	case isText(t):
		add("", " ")
		for _, s := range lx.strings {
			add(fitText(s, t))
		}
		add(fitText("jig", t))
	case isNumber(t):
		for _, n := range lx.numbers {
			for _, d := range []int64{-1, 0, 1} {
				add(numberValue(new(big.Rat).Add(n, big.NewRat(d, 1))))
			}
		}
		add(int64(-1), int64(0), int64(1), int64(1000000), int64(-1000000))
		if !intBases[t.Base] {
			add("0.5", "-0.5")
		}
	case t.Base == "bool":
		add(true, false)
	case t.Base == "date":
		add("1900-01-01", "9999-12-31")
	case timeBases[t.Base]:
		add("1900-01-01 00:00:00", "9999-12-31 23:59:59")
	case t.Base == "time":
		add("00:00:00", "23:59:59")
	}
	return out
}

// lexed is what a search reads from SQL text: the identifiers it uses
// (folded as Postgres folds them) and the literals it compares with.
type lexed struct {
	idents  map[string]bool
	strings []string
	numbers []*big.Rat
}

// lex collects names and literals with the shared scanner, so nothing in
// a comment counts and a dollar-quoted or E'...' string is one literal.
func lex(sql string) lexed {
	lx := lexed{idents: map[string]bool{}}
	for _, t := range sqlscan.ScanSignificant(sql) {
		switch t.Kind {
		case sqlscan.Ident, sqlscan.QuotedIdent:
			lx.idents[t.Name()] = true
		case sqlscan.String:
			s, _ := t.Value()
			lx.strings = append(lx.strings, s)
		case sqlscan.Number:
			text := strings.TrimSuffix(strings.ReplaceAll(t.Text, "_", ""), ".")
			if n, ok := new(big.Rat).SetString(text); ok {
				lx.numbers = append(lx.numbers, n)
			}
		}
	}
	return lx
}
