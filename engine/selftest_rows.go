package engine

import (
	"fmt"

	"github.com/jig-sql/jig/checks"
	"github.com/jig-sql/jig/rows"
	"github.com/jig-sql/jig/workspace"
)

// selfTestDataset completes an attempt's rows with the row factory, then
// leaves out the generated parent rows the attempt wants absent.
func (s *Suite) selfTestDataset(a *checks.Attempt) (*rows.Dataset, error) {
	var over []rows.TableOverrides
	for _, d := range a.Data {
		to, err := s.selfTestOverrides(d)
		if err != nil {
			return nil, err
		}
		over = append(over, to)
	}
	ds, err := s.Factory.Build(over)
	if err != nil {
		return nil, err
	}
	for _, d := range a.Absent {
		if err := s.dropGenerated(ds, d); err != nil {
			return nil, err
		}
	}
	return ds, nil
}

// selfTestOverrides reads a dataset's YAML-like values as its columns' types.
func (s *Suite) selfTestOverrides(d checks.Dataset) (rows.TableOverrides, error) {
	t := s.table(d.Table)
	if t == nil {
		return rows.TableOverrides{}, fmt.Errorf("unknown table %q", d.Table)
	}
	to := rows.TableOverrides{Table: factoryName(t)}
	for _, r := range d.Rows {
		o, err := rowOverride(t, r)
		if err != nil {
			return rows.TableOverrides{}, err
		}
		to.Rows = append(to.Rows, o)
	}
	return to, nil
}

// rowOverride converts one row of values for table t.
func rowOverride(t *workspace.Table, r map[string]any) (rows.Override, error) {
	o := rows.Override{}
	for name, v := range r {
		col, ok := t.Column(name)
		if !ok {
			return nil, fmt.Errorf("table %s has no column %q", t.Name, name)
		}
		val, err := rows.FromYAML(col.Type, v)
		if err != nil {
			return nil, fmt.Errorf("%s.%s = %v: %w", t.Name, name, v, err)
		}
		o[name] = val
	}
	return o, nil
}

// dropGenerated removes the factory's generated rows of d.Table that hold
// the values of any of d's rows.
func (s *Suite) dropGenerated(ds *rows.Dataset, d checks.Dataset) error {
	t := s.table(d.Table)
	if t == nil {
		return fmt.Errorf("unknown table %q", d.Table)
	}
	var want []rows.Override
	for _, r := range d.Rows {
		o, err := rowOverride(t, r)
		if err != nil {
			return err
		}
		want = append(want, o)
	}
	for i := range ds.Tables {
		tr := &ds.Tables[i]
		if tr.Table.Name != t.Name || tr.Table.Schema != t.Schema {
			continue
		}
		var kept []rows.Row
		for _, row := range tr.Rows {
			if !row.Generated || !holdsAny(tr.Table, row, want) {
				kept = append(kept, row)
			}
		}
		tr.Rows = kept
	}
	return nil
}

// holdsAny reports whether row has every value of one of want.
func holdsAny(t *workspace.Table, row rows.Row, want []rows.Override) bool {
	for _, o := range want {
		all := true
		for j, c := range t.Columns {
			if v, ok := o[c.Name]; ok && (row.Values[j].Null != v.Null || row.Values[j].Text != v.Text) {
				all = false
			}
		}
		if all {
			return true
		}
	}
	return false
}
