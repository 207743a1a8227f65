package rows

import (
	"github.com/jig-sql/jig/workspace"
)

// ctable is a table compiled for generation: generators, keys, checks and
// foreign keys as column positions.
type ctable struct {
	t        *workspace.Table
	gens     []*colGen
	idx      map[string]int
	leave    []bool // left to the database (generated, or WithLeaveDefaults)
	nullable []bool
	keys     [][]int
	checks   []ccheck
	fks      []cfk
	fkCol    []bool // column belongs to a foreign key
}

// ccheck is a parsed CHECK: a table constraint, or a domain's check on one
// column (subject is then "value").
type ccheck struct {
	name, expr string
	n          node // nil when it did not parse
	cols       []int
	subject    int // column a domain check applies to; -1 for table checks
}

type cfk struct {
	fk           *workspace.ForeignKey
	cols         []int
	self, unique bool
	nullable     bool
	parentSchema string
	parentName   string
}

func compileTable(seed int64, t *workspace.Table, leaveDefaults bool) *ctable {
	n := len(t.Columns)
	ct := &ctable{t: t, idx: make(map[string]int, n), gens: make([]*colGen, n),
		leave: make([]bool, n), nullable: make([]bool, n), fkCol: make([]bool, n)}
	for i := range t.Columns {
		c := &t.Columns[i]
		ct.idx[c.Name] = i
		ct.gens[i] = newColGen(seed, t, c)
		ct.nullable[i] = !c.NotNull && !(c.Type.Domain != nil && c.Type.Domain.NotNull)
	}
	ct.compileKeys()
	ct.compileFKs()
	ct.compileChecks()
	for i := range t.Columns {
		c := &t.Columns[i]
		ct.leave[i] = c.Generated || leaveDefaults && c.Default != "" && c.Identity == "" &&
			!isSerial(c) && !t.IsKey(c.Name) && !ct.fkCol[i]
	}
	return ct
}

func (ct *ctable) positions(names []string) ([]int, bool) {
	out := make([]int, len(names))
	for i, n := range names {
		j, ok := ct.idx[n]
		if !ok {
			return nil, false
		}
		out[i] = j
	}
	return out, true
}

func (ct *ctable) compileKeys() {
	if pk, ok := ct.positions(ct.t.PrimaryKey); ok && len(pk) > 0 {
		ct.keys = append(ct.keys, pk)
	}
	for _, u := range ct.t.Unique {
		if k, ok := ct.positions(u); ok && len(k) > 0 {
			ct.keys = append(ct.keys, k)
		}
	}
}

func (ct *ctable) compileFKs() {
	for i := range ct.t.ForeignKeys {
		fk := &ct.t.ForeignKeys[i]
		cols, ok := ct.positions(fk.Columns)
		if !ok || len(fk.RefColumns) != len(cols) {
			continue
		}
		c := cfk{fk: fk, cols: cols, nullable: true, parentSchema: fk.RefSchema, parentName: fk.RefTable}
		c.self = fk.RefTable == ct.t.Name && (fk.RefSchema == "" || fk.RefSchema == ct.t.Schema)
		for _, j := range cols {
			ct.fkCol[j] = true
			c.nullable = c.nullable && ct.nullable[j]
		}
		c.unique = ct.keyWithin(cols)
		ct.fks = append(ct.fks, c)
	}
}

// keyWithin reports whether some unique key consists only of cols.
func (ct *ctable) keyWithin(cols []int) bool {
	for _, k := range ct.keys {
		all := true
		for _, j := range k {
			all = all && containsInt(cols, j)
		}
		if all {
			return true
		}
	}
	return false
}

func containsInt(list []int, x int) bool {
	for _, y := range list {
		if y == x {
			return true
		}
	}
	return false
}

func (ct *ctable) compileChecks() {
	for _, c := range ct.t.Checks {
		n, err := parseCheck(c.Expression)
		if err != nil {
			n = nil
		}
		cols, _ := ct.positions(c.Columns)
		cols = ct.mentioned(n, cols)
		ct.checks = append(ct.checks, ccheck{name: c.Name, expr: c.Expression, n: n, cols: cols, subject: -1})
		if n == nil {
			continue
		}
		for _, j := range cols {
			var s spec
			deriveSpec(n, ct.t.Columns[j].Name, &s)
			ct.gens[j].applySpec(&s)
		}
	}
	for j := range ct.t.Columns {
		d := ct.t.Columns[j].Type.Domain
		if d == nil {
			continue
		}
		for _, expr := range d.Checks {
			n, err := parseCheck(expr)
			if err != nil {
				n = nil
			}
			ct.checks = append(ct.checks, ccheck{name: d.Name, expr: expr, n: n, cols: []int{j}, subject: j})
			if n != nil && !ct.t.Columns[j].Type.IsArray() {
				var s spec
				deriveSpec(n, "value", &s)
				ct.gens[j].applySpec(&s)
			}
		}
	}
}

// mentioned adds the columns an expression names to cols (engine fills
// CheckConstraint.Columns, but a hand-built table may not).
func (ct *ctable) mentioned(n node, cols []int) []int {
	switch n := n.(type) {
	case nCol:
		if j, ok := ct.idx[n.name]; ok && !containsInt(cols, j) {
			cols = append(cols, j)
		}
	case nBool:
		cols = ct.mentioned(n.r, ct.mentioned(n.l, cols))
	case nNot:
		cols = ct.mentioned(n.x, cols)
	case nCmp:
		cols = ct.mentioned(n.r, ct.mentioned(n.l, cols))
	case nQuant:
		cols = ct.mentioned(n.list, ct.mentioned(n.l, cols))
	case nIsNull:
		cols = ct.mentioned(n.x, cols)
	case nBetween:
		cols = ct.mentioned(n.hi, ct.mentioned(n.lo, ct.mentioned(n.x, cols)))
	case nCast:
		cols = ct.mentioned(n.x, cols)
	case nFunc:
		for _, a := range n.args {
			cols = ct.mentioned(a, cols)
		}
	case nArray:
		for _, a := range n.elems {
			cols = ct.mentioned(a, cols)
		}
	}
	return cols
}
