package checks

import (
	"fmt"
	"math/big"
	"time"

	"github.com/jig-sql/jig/workspace"
)

// rangeBound is one bound of an accepted_range.
type rangeBound struct {
	v         *Value
	low, incl bool
}

// rangeRecipe: a value just outside each bound violates (the bound itself
// when it is exclusive); a value just inside satisfies.
func rangeRecipe(c *AcceptedRange, t *workspace.Table) (Recipe, error) {
	col, err := column(t, c.Column)
	if err != nil {
		return Recipe{}, err
	}
	var bounds []rangeBound
	if c.Min != nil {
		bounds = append(bounds, rangeBound{c.Min, true, c.inclusive(c.MinInclusive)})
	}
	if c.Max != nil {
		bounds = append(bounds, rangeBound{c.Max, false, c.inclusive(c.MaxInclusive)})
	}
	r := Recipe{}
	for _, b := range bounds {
		if v, ok := stepBound(b, col.Type, true); ok {
			r.Violate = append(r.Violate, one(c.Column+" = "+show(v), datasetTable(t), map[string]any{c.Column: v}, true))
		} else {
			r.Caveat = fmt.Sprintf("jig cannot step past the bound %q of a %s column", b.v.Text, col.Type.Name)
		}
		if v, ok := stepBound(b, col.Type, false); ok {
			r.Satisfy = append(r.Satisfy, one(c.Column+" = "+show(v), datasetTable(t), map[string]any{c.Column: v}, false))
		}
	}
	return r, nil
}

// stepBound is the value just outside a bound (out) or just inside it.
func stepBound(b rangeBound, t workspace.Type, out bool) (any, bool) {
	if n, ok := new(big.Rat).SetString(b.v.Text); ok && (b.v.Number || isNumber(t)) {
		return numberValue(stepNumber(n, t, b.low == out, out == b.incl)), true
	}
	if !out && b.incl || out && !b.incl {
		return b.v.Text, true // the bound itself is what is asked for
	}
	return stepTime(b.v.Text, t, b.low == out)
}

// stepNumber moves v by the column's smallest step: down or up, or, when
// move is false, to the nearest value of the column's type at or beyond v.
func stepNumber(v *big.Rat, t workspace.Type, down, move bool) *big.Rat {
	one := big.NewRat(1, 1)
	if intBases[t.Base] {
		fl := floorRat(v)
		ce := new(big.Rat).Neg(floorRat(new(big.Rat).Neg(v)))
		switch {
		case down && move:
			return fl.Sub(ce, one)
		case down:
			return fl
		case move:
			return fl.Add(fl, one)
		}
		return ce
	}
	if !move {
		return v
	}
	step := one
	if t.Base == "numeric" && t.Scale > 0 {
		step = new(big.Rat).SetFrac(big.NewInt(1), new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(t.Scale)), nil))
	}
	if down {
		return new(big.Rat).Sub(v, step)
	}
	return new(big.Rat).Add(v, step)
}

// timeLayouts are the bound spellings jig can step past.
var timeLayouts = []string{"2006-01-02", "2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02 15:04", time.RFC3339}

// stepTime moves a date or timestamp bound by a day (date columns) or a
// second, written as the column's type reads it.
func stepTime(text string, t workspace.Type, down bool) (any, bool) {
	for _, l := range timeLayouts {
		tm, err := time.Parse(l, text)
		if err != nil {
			continue
		}
		step, layout := time.Second, "2006-01-02 15:04:05"
		if t.Base == "date" {
			step, layout = 24*time.Hour, "2006-01-02"
		}
		if down {
			step = -step
		}
		return tm.Add(step).Format(layout), true
	}
	return nil, false
}
