package rows

import (
	"fmt"
	"strings"
)

const maxAttempts = 64

// rowGen is the state of generating one table's rows.
type rowGen struct {
	b     *builder
	tp    *tplan
	keys  *keySet
	cands [][][]Value // per foreign key: the parent's referenced tuples
}

// generate fills every row of a table; parents are already generated.
func (b *builder) generate(tp *tplan) error {
	ct := tp.ct
	all := tp.overrides()
	g := &rowGen{b: b, tp: tp, keys: newKeySet(ct, all), cands: make([][][]Value, len(ct.fks))}
	for k := range ct.fks {
		if p := b.parentOf(&ct.fks[k]); p != nil {
			g.cands[k] = referenced(p, ct.fks[k].fk.RefColumns)
		}
	}
	tp.rows = make([]Row, len(all))
	for i, ov := range all {
		row, err := g.row(i, ov)
		if err != nil {
			return err
		}
		row.Generated = i >= len(tp.given)
		if row.Generated {
			if o, ok := tp.origin[i]; ok {
				row.MadeFor = &o
			}
		} else {
			tp.unpin(i, &row)
		}
		tp.rows[i] = row
	}
	return nil
}

// referenced lists the parent's rows' values of the referenced columns,
// skipping rows where one is NULL or left to the database.
func referenced(p *tplan, names []string) [][]Value {
	pos, ok := p.ct.positions(names)
	if !ok {
		return nil
	}
	var out [][]Value
	for i, r := range p.rows {
		if p.forOverride[i] {
			continue
		}
		t := make([]Value, len(pos))
		usable := true
		for i, j := range pos {
			t[i] = r.Values[j]
			usable = usable && !t[i].Null && !t[i].Default
		}
		if usable {
			out = append(out, t)
		}
	}
	return out
}

// row builds row i: overrides, then defaults, then foreign keys; on a key
// collision or a failed CHECK it draws the defaults again (attempt n).
func (g *rowGen) row(i int, ov Override) (Row, error) {
	ct := g.tp.ct
	n := len(ct.gens)
	row := Row{Values: make([]Value, n), Overridden: make([]bool, n)}
	for name, v := range ov {
		if j, ok := ct.idx[name]; ok {
			row.Values[j], row.Overridden[j] = v, true
		}
	}
	var failed string
	for attempt := 0; attempt < maxAttempts; attempt++ {
		if err := g.fill(&row, i, attempt); err != nil {
			return row, err
		}
		failed = g.keys.collision(row)
		if failed == "" {
			failed = g.checkRow(row)
		}
		if failed == "" {
			g.keys.add(row)
			return row, nil
		}
	}
	return row, fmt.Errorf("rows: table %q row %d: %s", ct.t.Name, i+1, failed)
}

// fill sets every cell the row does not override.
func (g *rowGen) fill(row *Row, i, attempt int) error {
	ct := g.tp.ct
	for j, gen := range ct.gens {
		switch {
		case row.Overridden[j]:
		case ct.leave[j]:
			row.Values[j] = DatabaseDefault
		case ct.fkCol[j]:
			row.Values[j] = Null // set by fillFKs
		case gen.kind == kUnknown || gen.kind == kEnum && len(gen.typ.Enum) == 0:
			if !ct.nullable[j] {
				return fmt.Errorf("rows: table %q column %q: no default for type %s; override the column",
					ct.t.Name, gen.name, typeLabel(gen.typ))
			}
			row.Values[j] = Null
		default:
			row.Values[j] = gen.value(i, attempt)
		}
	}
	return g.fillFKs(row, i, attempt)
}

// fillFKs points each foreign key at a parent row: row i uses parent
// candidate (i+attempt) mod n among those that match the row's own
// overrides of the key.
func (g *rowGen) fillFKs(row *Row, i, attempt int) error {
	ct := g.tp.ct
	for k := range ct.fks {
		fk := &ct.fks[k]
		if fkFixed(row, fk) {
			continue
		}
		if fk.self {
			if err := g.selfRef(row, fk); err != nil {
				return err
			}
			continue
		}
		cands := matching(g.cands[k], row, fk)
		if len(cands) == 0 {
			if !fk.nullable {
				return fmt.Errorf("rows: table %q: foreign key %q (%s) has no parent row to point at; override it",
					ct.t.Name, fk.fk.Name, strings.Join(fk.fk.Columns, ", "))
			}
			continue // NULL
		}
		pick := cands[(i+attempt)%len(cands)]
		for c, j := range fk.cols {
			if !row.Overridden[j] {
				row.Values[j] = pick[c]
			}
		}
	}
	return nil
}

// fkFixed reports a foreign key the row sets itself entirely, or makes
// unchecked with a NULL.
func fkFixed(row *Row, fk *cfk) bool {
	all := true
	for _, j := range fk.cols {
		if row.Overridden[j] && row.Values[j].Null {
			return true
		}
		all = all && row.Overridden[j]
	}
	return all
}

func matching(cands [][]Value, row *Row, fk *cfk) [][]Value {
	partial := false
	for _, j := range fk.cols {
		partial = partial || row.Overridden[j]
	}
	if !partial {
		return cands
	}
	var out [][]Value
	for _, t := range cands {
		ok := true
		for c, j := range fk.cols {
			ok = ok && (!row.Overridden[j] || row.Values[j] == t[c])
		}
		if ok {
			out = append(out, t)
		}
	}
	return out
}

// selfRef fills a foreign key to the row's own table: NULL when nullable,
// else the row's own referenced values (it points at itself).
func (g *rowGen) selfRef(row *Row, fk *cfk) error {
	ct := g.tp.ct
	if fk.nullable {
		return nil
	}
	ref, ok := ct.positions(fk.fk.RefColumns)
	if ok && ct.keyWithin(ref) && !overlaps(ref, fk.cols) {
		for c, j := range fk.cols {
			if !row.Overridden[j] {
				row.Values[j] = row.Values[ref[c]]
			}
		}
		return nil
	}
	return fmt.Errorf("rows: table %q: foreign key %q refers to its own table through NOT NULL columns (%s) that cannot point at the row itself; override them",
		ct.t.Name, fk.fk.Name, strings.Join(fk.fk.Columns, ", "))
}

func overlaps(a, b []int) bool {
	for _, x := range a {
		if containsInt(b, x) {
			return true
		}
	}
	return false
}
