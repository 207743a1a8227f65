package checks

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/jig-sql/jig/workspace"
)

// notNullRecipe: a NULL violates; the factory's value, never NULL, satisfies.
func notNullRecipe(c *NotNull, t *workspace.Table) (Recipe, error) {
	if _, err := column(t, c.Column); err != nil {
		return Recipe{}, err
	}
	return Recipe{
		Violate: []Attempt{one(c.Column+" = NULL", datasetTable(t), map[string]any{c.Column: nil}, true)},
		Satisfy: []Attempt{one(c.Column+" = the factory's value", datasetTable(t), map[string]any{}, false)},
	}, nil
}

// notEmptyRecipe: the empty string and a blank one violate.
func notEmptyRecipe(c *NotEmpty, t *workspace.Table) (Recipe, error) {
	col, err := column(t, c.Column)
	if err != nil {
		return Recipe{}, err
	}
	r := Recipe{}
	for _, s := range []string{"", fitText("   ", col.Type)} {
		r.Violate = append(r.Violate, one(c.Column+" = "+show(s), datasetTable(t), map[string]any{c.Column: s}, true))
	}
	v := fitText("jig", col.Type)
	r.Satisfy = []Attempt{one(c.Column+" = "+show(v), datasetTable(t), map[string]any{c.Column: v}, false)}
	return r, nil
}

// uniqueRecipe: two rows sharing every column's value violate; two rows
// with different values, or one row, satisfy.
func uniqueRecipe(c *Unique, t *workspace.Table) (Recipe, error) {
	same, differ := [2]map[string]any{{}, {}}, [2]map[string]any{{}, {}}
	var shown []string
	for _, name := range c.Columns {
		col, err := column(t, name)
		if err != nil {
			return Recipe{}, err
		}
		v0, ok := sample(col.Type, "jig_dup", 0)
		v1, _ := sample(col.Type, "jig_dup", 1)
		if !ok {
			return Recipe{Caveat: fmt.Sprintf("jig cannot write a value of %s's type %s", name, col.Type.Name)}, nil
		}
		same[0][name], same[1][name] = v0, v0
		differ[0][name], differ[1][name] = v0, v1
		shown = append(shown, name+" = "+show(v0))
	}
	two := func(note string, rows [2]map[string]any, direct bool) Attempt {
		return Attempt{Note: note, Direct: direct, Data: []Dataset{{Table: datasetTable(t), Rows: rows[:]}}}
	}
	return Recipe{
		Violate: []Attempt{two("two rows with "+strings.Join(shown, ", "), same, true)},
		Satisfy: []Attempt{two("two rows with different values", differ, false),
			one("one row", datasetTable(t), map[string]any{}, false)},
	}, nil
}

// acceptedRecipe: a value outside the list violates; a listed one satisfies.
func acceptedRecipe(name string, values []string, t *workspace.Table) (Recipe, error) {
	col, err := column(t, name)
	if err != nil {
		return Recipe{}, err
	}
	out := others(col.Type, values, 2)
	if col.Type.IsEnum() {
		out = nil
		for _, l := range col.Type.Enum {
			if !listed(l, values, col.Type) && len(out) < 2 {
				out = append(out, l)
			}
		}
		if len(out) == 0 {
			return Recipe{CannotFail: fmt.Sprintf("the schema already guarantees it (the enum type %s has only listed labels)", col.Type.Name)}, nil
		}
	}
	r := Recipe{}
	for _, v := range out {
		r.Violate = append(r.Violate, one(name+" = "+show(v), datasetTable(t), map[string]any{name: v}, true))
	}
	for i, text := range values {
		if v := typed(col.Type, text); i < 3 {
			r.Satisfy = append(r.Satisfy, one(name+" = "+show(v), datasetTable(t), map[string]any{name: v}, false))
		}
	}
	if len(r.Violate) == 0 {
		r.Caveat = fmt.Sprintf("jig found no value of type %s outside the list", col.Type.Name)
	}
	return r, nil
}

// notAcceptedRecipe: a listed value violates; another value satisfies
// (NULL when every value of the type is listed, as with an enum).
func notAcceptedRecipe(c *NotAcceptedValues, t *workspace.Table) (Recipe, error) {
	col, err := column(t, c.Column)
	if err != nil {
		return Recipe{}, err
	}
	r := Recipe{}
	for i, text := range c.Values {
		if v := typed(col.Type, text); i < 3 {
			r.Violate = append(r.Violate, one(c.Column+" = "+show(v), datasetTable(t), map[string]any{c.Column: v}, true))
		}
	}
	ok := others(col.Type, c.Values, 2)
	if col.Type.IsEnum() {
		ok = nil
		for _, l := range col.Type.Enum {
			if !listed(l, c.Values, col.Type) && len(ok) < 2 {
				ok = append(ok, l)
			}
		}
	}
	for _, v := range append(ok, nil) {
		r.Satisfy = append(r.Satisfy, one(c.Column+" = "+show(v), datasetTable(t), map[string]any{c.Column: v}, false))
	}
	return r, nil
}

// relationshipsRecipe: a value with no parent row violates (the factory is
// told not to add that parent); the same value with its parent satisfies.
func relationshipsRecipe(c *Relationships, t *workspace.Table, env Env) (Recipe, error) {
	col, err := column(t, c.Column)
	if err != nil {
		return Recipe{}, err
	}
	parent := env.table(c.To)
	if parent == nil {
		return Recipe{Caveat: fmt.Sprintf("`to: %s` is not a table, so jig cannot leave a value out of it", c.To)}, nil
	}
	field := c.Field
	if field == "" {
		field = c.Column
	}
	if _, err := column(parent, field); err != nil {
		return Recipe{}, err
	}
	v, ok := sample(col.Type, "jig_orphan", 0)
	if !ok {
		return Recipe{Caveat: fmt.Sprintf("jig cannot write a value of %s's type %s", c.Column, col.Type.Name)}, nil
	}
	child := []map[string]any{{c.Column: v}}
	missing := Dataset{Table: datasetTable(parent), Rows: []map[string]any{{field: v}}}
	violate := Attempt{Note: fmt.Sprintf("%s = %s with no %s.%s = %s", c.Column, show(v), parent.Name, field, show(v)),
		Data: []Dataset{{Table: datasetTable(t), Rows: child}}, Absent: []Dataset{missing}, Direct: true}
	satisfy := Attempt{Note: fmt.Sprintf("%s = %s with its %s row", c.Column, show(v), parent.Name),
		Data: []Dataset{missing, {Table: datasetTable(t), Rows: child}}}
	return Recipe{Violate: []Attempt{violate}, Satisfy: []Attempt{satisfy}}, nil
}

// nonMatching are strings tried against a pattern, in order.
var nonMatching = []string{"", "jig_nomatch", "x", "0", " ", "-", "A", "jig nomatch 9!"}

// matchesRecipe: strings Go's RE2 says do not match violate (Postgres has
// the last word: its POSIX dialect differs at the edges); a string built
// from the pattern, or the factory's value, satisfies.
func matchesRecipe(c *Matches, t *workspace.Table) (Recipe, error) {
	col, err := column(t, c.Column)
	if err != nil {
		return Recipe{}, err
	}
	re, reErr := regexp.Compile(c.Pattern)
	r := Recipe{}
	seen := map[string]bool{}
	for _, s := range nonMatching {
		s = fitText(s, col.Type)
		if seen[s] || (reErr == nil && re.MatchString(s)) || len(r.Violate) == 3 {
			continue
		}
		seen[s] = true
		r.Violate = append(r.Violate, one(c.Column+" = "+show(s), datasetTable(t), map[string]any{c.Column: s}, true))
	}
	if len(r.Violate) == 0 {
		r.Caveat = fmt.Sprintf("every string jig tried matches %q", c.Pattern)
	}
	if s, ok := matching(c.Pattern); ok {
		r.Satisfy = append(r.Satisfy, one(c.Column+" = "+show(s), datasetTable(t), map[string]any{c.Column: s}, false))
	}
	r.Satisfy = append(r.Satisfy, one(c.Column+" = the factory's value", datasetTable(t), map[string]any{}, false))
	return r, nil
}
