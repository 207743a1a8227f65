package rows

import (
	"fmt"
	"strings"
)

// sort puts parents before children (Kahn's algorithm, ties in discovery
// order). A cycle of foreign keys is broken at a foreign key whose columns
// are all nullable: its defaults become NULL. A cycle of NOT NULL foreign
// keys cannot be inserted in one pass and is an error naming the cycle.
func (b *builder) sort() error {
	placed := map[*tplan]bool{}
	for len(b.order) < len(b.plans) {
		progress := false
		for _, tp := range b.plans {
			if !placed[tp] && b.ready(tp, placed) {
				placed[tp] = true
				b.order = append(b.order, tp)
				progress = true
			}
		}
		if progress {
			continue
		}
		if err := b.cutCycle(placed); err != nil {
			return err
		}
	}
	return nil
}

func (b *builder) ready(tp *tplan, placed map[*tplan]bool) bool {
	for k := range tp.ct.fks {
		if p := b.parentOf(&tp.ct.fks[k]); p != nil && !placed[p] {
			return false
		}
	}
	return true
}

type edge struct {
	child *tplan
	fk    *cfk
}

// cutCycle finds a cycle among the tables not yet placed and cuts its first
// nullable foreign key.
func (b *builder) cutCycle(placed map[*tplan]bool) error {
	var start *tplan
	for _, tp := range b.plans {
		if !placed[tp] {
			start = tp
			break
		}
	}
	var path []edge
	onPath := map[*tplan]int{}
	for tp := start; ; {
		if at, ok := onPath[tp]; ok {
			path = path[at:]
			break
		}
		onPath[tp] = len(path)
		for k := range tp.ct.fks {
			if p := b.parentOf(&tp.ct.fks[k]); p != nil && !placed[p] {
				path = append(path, edge{child: tp, fk: &tp.ct.fks[k]})
				tp = p
				break
			}
		}
	}
	for _, e := range path {
		if e.fk.nullable {
			b.cut[e.fk] = true
			return nil
		}
	}
	names := make([]string, 0, len(path)+1)
	for _, e := range path {
		names = append(names, fmt.Sprintf("%s(%s)", e.child.ct.t.Name, strings.Join(e.fk.fk.Columns, ",")))
	}
	names = append(names, path[0].child.ct.t.Name)
	return fmt.Errorf("rows: foreign keys form a cycle of NOT NULL columns, %s: no insertion order works; make one of them nullable or DEFERRABLE",
		strings.Join(names, " → "))
}

// demand walks children before parents and adds to each parent the rows its
// children need: one with the referenced values a child row overrides when
// no row has them, and enough rows for default references (one, or one per
// child row when the foreign key is unique in the child).
func (b *builder) demand() {
	for i := len(b.order) - 1; i >= 0; i-- {
		tp := b.order[i]
		rows := tp.overrides()
		for k := range tp.ct.fks {
			fk := &tp.ct.fks[k]
			parent := b.parentOf(fk)
			if parent == nil {
				continue
			}
			need := 0
			for i, ov := range rows {
				tuple, set, null := fkOverride(tp.ct, fk, ov)
				switch {
				case null:
				case set == len(fk.cols):
					parent.ensure(fk, tuple, Origin{Table: qualified(tp.ct.t), Row: i, Columns: fk.fk.Columns})
				default:
					need++
				}
			}
			if need > 0 && !fk.unique {
				need = 1
			}
			for len(parent.given)+len(parent.extra)-len(parent.forOverride) < need {
				parent.origin[len(parent.given)+len(parent.extra)] = Origin{Table: qualified(tp.ct.t), Row: -1, Columns: fk.fk.Columns}
				parent.extra = append(parent.extra, Override{})
			}
		}
	}
}

// fkOverride reads the foreign key columns a row overrides: the values,
// how many are set, and whether one is NULL (then the key is not checked).
func fkOverride(ct *ctable, fk *cfk, ov Override) (tuple []Value, set int, null bool) {
	tuple = make([]Value, len(fk.cols))
	for i, j := range fk.cols {
		v, ok := ov[ct.t.Columns[j].Name]
		if !ok || v.Default {
			continue
		}
		if v.Null {
			null = true
		}
		tuple[i] = v
		set++
	}
	return tuple, set, null
}

// ensure adds a generated parent row holding tuple in the referenced
// columns, unless a row already overrides them to it or a given row holds
// it by default (that row is then pinned to it: an override always wins
// over a generated key).
func (tp *tplan) ensure(fk *cfk, tuple []Value, why Origin) {
	var key strings.Builder
	for _, v := range tuple {
		key.WriteString(v.Text)
		key.WriteByte(0)
	}
	if tp.seen[key.String()] {
		return
	}
	tp.seen[key.String()] = true
	names := make([]string, len(fk.fk.RefColumns))
	copy(names, fk.fk.RefColumns)
	for _, ov := range tp.overrides() {
		match := true
		for i, name := range names {
			v, ok := ov[name]
			match = match && ok && !v.Null && !v.Default && v.Text == tuple[i].Text
		}
		if match {
			return
		}
	}
	if tp.pinGiven(names, tuple) {
		return
	}
	ov := Override{}
	for i, name := range names {
		ov[name] = tuple[i]
	}
	tp.forOverride[len(tp.given)+len(tp.extra)] = true
	tp.origin[len(tp.given)+len(tp.extra)] = why
	tp.extra = append(tp.extra, ov)
}
