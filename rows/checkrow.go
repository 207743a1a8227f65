package rows

import "fmt"

// checkRow evaluates the table's CHECK constraints and its domains' checks
// on a row. A check that is false because of a default fails the attempt;
// one the factory cannot evaluate becomes a warning.
func (g *rowGen) checkRow(row Row) string {
	ct := g.tp.ct
	for _, c := range ct.checks {
		col, ok := firstDefault(row, c.cols)
		if !ok {
			continue // only overridden cells: the database is the judge
		}
		name := ct.t.Columns[col].Name
		var r ev
		if c.n != nil {
			r = eval(c.n, g.env(row, c.subject))
		}
		switch {
		case r.k == evUnknown:
			g.b.warn(Warning{Table: ct.t.Name, Column: name, Constraint: c.name,
				Message: fmt.Sprintf("table %q column %q: jig cannot tell whether its default %q meets CHECK constraint %q (%s); override %q if the insert fails",
					ct.t.Name, name, row.Values[col].String(), c.name, c.expr, name)})
		case r.k == evBool && !r.b:
			return fmt.Sprintf("column %q: no default meets CHECK constraint %q (%s) after %d tries; override %q",
				name, c.name, c.expr, maxAttempts, name)
		}
	}
	return ""
}

func firstDefault(row Row, cols []int) (int, bool) {
	for _, j := range cols {
		if !row.Overridden[j] {
			return j, true
		}
	}
	return 0, false
}

// env exposes a row to the evaluator; for a domain check the subject column
// is also called VALUE.
func (g *rowGen) env(row Row, subject int) env {
	ct := g.tp.ct
	return func(name string) (Value, kind, bool) {
		j, ok := ct.idx[name]
		if subject >= 0 && name == "value" {
			j, ok = subject, true
		}
		if !ok {
			return Value{}, kUnknown, false
		}
		v := row.Values[j]
		if ct.t.Columns[j].Type.IsArray() {
			return v, kUnknown, false
		}
		return v, ct.gens[j].kind, true
	}
}
