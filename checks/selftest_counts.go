package checks

import (
	"fmt"
	"github.com/jig-sql/jig/workspace/diag"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/jig-sql/jig/workspace"
)

// rowsOf is an attempt inserting n rows of factory defaults into each table.
func rowsOf(n int, tables ...string) Attempt {
	a := Attempt{}
	var notes []string
	for _, t := range tables {
		rows := make([]map[string]any, n)
		for i := range rows {
			rows[i] = map[string]any{}
		}
		a.Data = append(a.Data, Dataset{Table: t, Rows: rows})
		notes = append(notes, diag.Plural(n, "row")+" in "+t)
	}
	a.Note = strings.Join(notes, ", ")
	if n == 0 || len(tables) == 0 {
		a.Data, a.Note = nil, "no rows"
	}
	return a
}

// rowCountRecipe: one row fewer than min, one more than max or equal.
func rowCountRecipe(c *RowCount, t *workspace.Table) (Recipe, error) {
	r := Recipe{}
	var counts []int64
	switch {
	case c.Equal != nil:
		counts = append(counts, *c.Equal+1, *c.Equal-1)
		r.Satisfy = []Attempt{rowsOf(int(*c.Equal), datasetTable(t))}
	default:
		if c.Min != nil {
			counts = append(counts, *c.Min-1)
		}
		if c.Max != nil {
			counts = append(counts, *c.Max+1)
		}
		n := int64(0)
		if c.Min != nil {
			n = *c.Min
		} else if *c.Max > 0 {
			n = 1
		}
		r.Satisfy = []Attempt{rowsOf(int(n), datasetTable(t))}
	}
	for _, n := range counts {
		switch {
		case n > MaxSelfTestRows:
			r.Caveat = fmt.Sprintf("violating it takes %d rows, more than the %d jig inserts", n, MaxSelfTestRows)
		case n >= 0:
			r.Violate = append(r.Violate, rowsOf(int(n), datasetTable(t)))
		}
	}
	return r, nil
}

// equalRowCountRecipe tries a few counts on each side: the factory may add
// rows to the other relation (parents), and a query's count is unknown.
func equalRowCountRecipe(c *EqualRowCount, t *workspace.Table, env Env) (Recipe, error) {
	r := Recipe{Violate: []Attempt{rowsOf(1, datasetTable(t)), rowsOf(2, datasetTable(t))}}
	r.Satisfy = []Attempt{rowsOf(0)}
	if other := env.table(c.other()); c.other() != "" && other != nil {
		r.Violate = append(r.Violate, rowsOf(1, datasetTable(other)))
		r.Satisfy = append(r.Satisfy, rowsOf(1, datasetTable(t), datasetTable(other)))
	}
	r.Violate = append(r.Violate, rowsOf(0))
	r.Satisfy = append(r.Satisfy, rowsOf(1, datasetTable(t)), rowsOf(2, datasetTable(t)))
	return r, nil
}

// freshnessRecipe: a value older than max_age (or no rows at all)
// violates; a value of now satisfies.
func freshnessRecipe(c *Freshness, t *workspace.Table, now time.Time) (Recipe, error) {
	col, err := column(t, c.Column)
	if err != nil {
		return Recipe{}, err
	}
	layout := "2006-01-02 15:04:05"
	if col.Type.Base == "date" {
		layout = "2006-01-02"
	}
	old := now.Add(-approxAge(c.MaxAge) - 48*time.Hour).UTC().Format(layout)
	r := Recipe{Violate: []Attempt{
		one(c.Column+" = "+show(old), datasetTable(t), map[string]any{c.Column: old}, true), rowsOf(0)}}
	for _, at := range []time.Time{now, now.Add(24 * time.Hour)} {
		v := at.UTC().Format(layout)
		r.Satisfy = append(r.Satisfy, one(c.Column+" = "+show(v), datasetTable(t), map[string]any{c.Column: v}, false))
	}
	return r, nil
}

// intervalPart is one "<number> <unit>" of an interval.
var intervalPart = regexp.MustCompile(`(?i)(\d+(?:\.\d+)?)\s*([a-z]+)`)

// approxAge reads an interval with generous months and years: the
// violating value only has to be older, not just older.
func approxAge(s string) time.Duration {
	var d time.Duration
	for _, m := range intervalPart.FindAllStringSubmatch(s, -1) {
		n, _ := strconv.ParseFloat(m[1], 64)
		unit := strings.ToLower(strings.TrimSuffix(strings.ToLower(m[2]), "s"))
		per := map[string]time.Duration{"microsecond": time.Microsecond, "millisecond": time.Millisecond,
			"second": time.Second, "sec": time.Second, "minute": time.Minute, "min": time.Minute,
			"hour": time.Hour, "day": 24 * time.Hour, "week": 7 * 24 * time.Hour,
			"month": 31 * 24 * time.Hour, "year": 366 * 24 * time.Hour}[unit]
		d += time.Duration(n * float64(per))
	}
	return d
}
