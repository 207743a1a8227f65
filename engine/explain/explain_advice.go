package explain

import (
	"fmt"
	"strings"

	"github.com/jig-sql/jig/workspace"
)

// WideColumns is how many columns make a table wide enough that SELECT *
// is worth advice.
const WideColumns = 5

// FewValues is the most labels an enum DISTKEY may have and still count as
// low-cardinality.
const FewValues = 10

// Advise computes advice from a plan (EXPLAIN (FORMAT JSON, VERBOSE)), the
// query's text and the workspace's tables with their Redshift design.
// Advice on keys is given only for tables whose schema file declares a
// Redshift design: a plain Postgres table has no DISTKEY to get wrong.
func Advise(planJSON []byte, sql string, tables []workspace.Table) ([]Advice, error) {
	f, err := readPlan(planJSON, tables)
	if err != nil {
		return nil, err
	}
	var out []Advice
	out = append(out, f.selectStar(sql)...)
	out = append(out, f.joinKeys()...)
	out = append(out, f.rangeFilters()...)
	out = append(out, f.distKeys()...)
	return dedupe(out), nil
}

func (f *planFacts) byName(name string) *workspace.Table {
	if t := f.tables[name]; t != nil {
		return t
	}
	for _, t := range f.tables {
		if t.Name == name {
			return t
		}
	}
	return nil
}

func (f *planFacts) selectStar(sql string) []Advice {
	var out []Advice
	for _, target := range starTargets(sql) {
		t := f.byName(target)
		if t == nil || len(t.Columns) < WideColumns || len(f.used[t.Name]) == 0 {
			continue
		}
		used := f.used[t.Name]
		a := Advice{Kind: AdviceSelectStar, Table: t.Name, Columns: used}
		if len(used) < len(t.Columns) {
			a.Message = fmt.Sprintf("SELECT * names all %d columns of %s, but the query uses only %s: list those. Redshift stores each column separately, so every column left out is data never read.",
				len(t.Columns), t.Name, strings.Join(used, ", "))
		} else {
			a.Message = fmt.Sprintf("SELECT * returns all %d columns of %s; Redshift stores each column separately and reads every one selected, so name only the columns the query's consumers need.",
				len(t.Columns), t.Name)
		}
		out = append(out, a)
	}
	return out
}

// hasDesign reports whether the schema files gave the table a Redshift design.
func hasDesign(t *workspace.Table) bool {
	d := t.Dist
	return d.Style != "" || d.Key != "" || len(d.SortKey) > 0
}

func distributedBy(t *workspace.Table) string {
	switch {
	case t.Dist.Key != "":
		return "distributed by " + t.Dist.Key
	case t.Dist.Style != "":
		return "distributed " + t.Dist.Style
	}
	return "distributed by Redshift's choice (no DISTKEY)"
}

// joinKeys advises on equality joins whose columns are not both sides' DISTKEY.
func (f *planFacts) joinKeys() []Advice {
	var out []Advice
	for _, cond := range f.joins {
		for _, c := range conjuncts(cond) {
			l, op, r, ok := comparison(c)
			if !ok || op != "=" {
				continue
			}
			a, okA := operand(l)
			b, okB := operand(r)
			ta, tb := f.tables[a.alias], f.tables[b.alias]
			if !okA || !okB || ta == nil || tb == nil || a.alias == b.alias {
				continue
			}
			if ta.Dist.Style == "ALL" || tb.Dist.Style == "ALL" {
				continue // a copy on every node joins locally
			}
			out = append(out, joinAdvice(ta, a.column, tb, b.column)...)
			out = append(out, joinAdvice(tb, b.column, ta, a.column)...)
		}
	}
	return out
}

// joinAdvice is the advice for table t joined on col to other.ocol.
func joinAdvice(t *workspace.Table, col string, other *workspace.Table, ocol string) []Advice {
	if !hasDesign(t) || t.Dist.Key == col {
		return nil
	}
	msg := fmt.Sprintf("%s joins %s on %s.%s = %s.%s, but %s is %s, so Redshift must move the rows of %s between nodes for this join. DISTKEY (%s) on %s would co-locate it with %s",
		t.Name, other.Name, t.Name, col, other.Name, ocol, t.Name, distributedBy(t), t.Name, col, t.Name, other.Name)
	if other.Dist.Key == ocol {
		msg += fmt.Sprintf(", which is already distributed by %s.", ocol)
	} else {
		msg += fmt.Sprintf(" if %s were distributed by %s too.", other.Name, ocol)
	}
	return []Advice{{Kind: AdviceJoinDistKey, Table: t.Name, Column: col, Message: msg}}
}

// rangeFilters advises on range filters that the sort key cannot help.
func (f *planFacts) rangeFilters() []Advice {
	var out []Advice
	for _, sf := range f.filters {
		t := f.tables[sf.alias]
		if t == nil || !hasDesign(t) {
			continue
		}
		for _, c := range conjuncts(sf.expr) {
			col, ok := rangeColumn(c, sf.alias, t)
			if !ok {
				continue
			}
			if msg := sortKeyAdvice(t, col); msg != "" {
				out = append(out, Advice{Kind: AdviceRangeSortKey, Table: t.Name, Column: col, Message: msg})
			}
		}
	}
	return out
}

// rangeColumn is the column of t (scanned as alias) a conjunct compares
// with <, <=, > or >= to something that is no column (a constant or a
// parameter).
func rangeColumn(conj, alias string, t *workspace.Table) (string, bool) {
	l, op, r, ok := comparison(conj)
	if !ok || op == "=" {
		return "", false
	}
	isConst := func(s string) bool { return len(columnRefs(s)) == 0 && len(mentions(s, columnNames(t))) == 0 }
	for _, side := range [][2]string{{l, r}, {r, l}} {
		ref, ok := operand(side[0])
		if ok && (ref.alias == alias || ref.alias == "") && isConst(side[1]) {
			if _, known := t.Column(ref.column); known {
				return ref.column, true
			}
		}
	}
	return "", false
}

func sortKeyAdvice(t *workspace.Table, col string) string {
	keys := t.Dist.SortKey
	switch {
	case len(keys) == 0:
		return fmt.Sprintf("%s has no SORTKEY, so the range filter on %s.%s reads every block of the table; if it is the table's most common range filter, SORTKEY (%s) lets Redshift skip the blocks outside the range.", t.Name, t.Name, col, col)
	case !contains(keys, col):
		return fmt.Sprintf("The range filter on %s.%s cannot skip blocks: %s is sorted by %s. If %s is the table's most common range filter, SORTKEY (%s) would let Redshift read only the blocks in range.", t.Name, col, t.Name, strings.Join(keys, ", "), col, col)
	case keys[0] != col && t.Dist.SortStyle != "INTERLEAVED":
		return fmt.Sprintf("%s.%s is in %s's compound SORTKEY (%s) but not first; Redshift skips blocks by a compound key's leading column, so this range filter alone skips little. Filter on %s as well, or lead the SORTKEY with %s.", t.Name, col, t.Name, strings.Join(keys, ", "), keys[0], col)
	}
	return ""
}

// distKeys advises on DISTKEY columns that spread rows unevenly.
func (f *planFacts) distKeys() []Advice {
	var out []Advice
	for _, name := range f.scanned {
		t := f.byName(name)
		c, ok := t.Column(t.Dist.Key)
		if t.Dist.Key == "" || !ok {
			continue
		}
		if !c.NotNull {
			out = append(out, Advice{Kind: AdviceNullDistKey, Table: t.Name, Column: c.Name, Message: fmt.Sprintf(
				"%s.%s is the DISTKEY but may be NULL: every NULL hashes to the same slice, so the more rows without a %s, the more one node works alone. Declare it NOT NULL if it is always set, or distribute on a column that is.", t.Name, c.Name, c.Name)})
		}
		if n, few := fewValues(c.Type); few {
			out = append(out, Advice{Kind: AdviceFewValuesDist, Table: t.Name, Column: c.Name, Message: fmt.Sprintf(
				"%s.%s is the DISTKEY but a %s has at most %d values, so the rows land on at most %d slices and the rest of the cluster idles; distribute on a column with many distinct values, such as an id.", t.Name, c.Name, typeWord(c.Type), n, n)})
		}
	}
	return out
}

// fewValues says whether a type has few distinct values (boolean, a small
// enum) and how many: a heuristic that needs no data.
func fewValues(t workspace.Type) (int, bool) {
	switch {
	case t.IsArray():
		return 0, false
	case t.Base == "bool":
		return 2, true
	case t.IsEnum() && len(t.Enum) <= FewValues:
		return len(t.Enum), true
	}
	return 0, false
}

func typeWord(t workspace.Type) string {
	if t.Base == "bool" {
		return "boolean"
	}
	return "enum " + t.Name
}

func dedupe(in []Advice) []Advice {
	seen := map[string]bool{}
	out := []Advice{}
	for _, a := range in {
		k := a.Kind + "\x00" + a.Table + "\x00" + a.Column + "\x00" + a.Message
		if !seen[k] {
			seen[k] = true
			out = append(out, a)
		}
	}
	return out
}

func columnNames(t *workspace.Table) []string {
	names := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		names[i] = c.Name
	}
	return names
}
