package rows

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/jig-sql/jig/workspace"
)

// Factory fills rows of described tables with defaults. Every default is a
// pure function of (seed, table, column, row position), so a fixture that
// stores only its overrides replays identically on any machine. A Factory
// is safe for concurrent use.
type Factory struct {
	seed          int64
	leaveDefaults bool
	tables        []workspace.Table
	byName        map[string]int

	mu       sync.Mutex
	compiled map[int]*ctable
}

// Option configures a Factory.
type Option func(*Factory)

// WithLeaveDefaults sets the policy for columns that have a DEFAULT
// expression. By default (false) the factory fills them like any other
// column, because a fixture must not depend on now() or a sequence to replay
// identically. With true, such a column is left to the database
// (Value.Default) unless it is part of a key, a foreign key, an identity or
// a serial column, which always get a value so that rows can refer to them.
func WithLeaveDefaults(leave bool) Option {
	return func(f *Factory) { f.leaveDefaults = leave }
}

// NewFactory returns a factory for the described tables under a seed (the
// workspace's seed setting).
func NewFactory(seed int64, tables []workspace.Table, opts ...Option) *Factory {
	f := &Factory{seed: seed, tables: tables, byName: map[string]int{}, compiled: map[int]*ctable{}}
	for i := range tables {
		t := &tables[i]
		if j, dup := f.byName[t.Name]; dup {
			// The default schema's table owns its bare name; between two
			// other schemas' it is ambiguous: only schema.name finds them.
			switch {
			case t.Schema == "":
				f.byName[t.Name] = i
			case j < 0 || tables[j].Schema != "":
				f.byName[t.Name] = -1
			}
		} else {
			f.byName[t.Name] = i
		}
		f.byName[qualified(t)] = i
	}
	for _, o := range opts {
		o(f)
	}
	return f
}

// table finds a compiled table by name or schema.name.
func (f *Factory) table(name string) (*ctable, error) {
	i, ok := f.byName[name]
	if !ok || i < 0 {
		if i < 0 {
			return nil, fmt.Errorf("rows: table name %q is ambiguous; use schema.name", name)
		}
		return nil, fmt.Errorf("rows: unknown table %q (known: %s)", name, f.tableNames())
	}
	return f.compile(i), nil
}

// tableRef finds the parent table of a foreign key, or nil when the
// factory was not given it.
func (f *Factory) tableRef(schema, name string) *ctable {
	if i, ok := f.byName[schema+"."+name]; ok && schema != "" {
		return f.compile(i)
	}
	if i, ok := f.byName[name]; ok && i >= 0 {
		return f.compile(i)
	}
	return nil
}

func (f *Factory) tableNames() string {
	var names []string
	for i := range f.tables {
		names = append(names, f.tables[i].Name)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

func (f *Factory) compile(i int) *ctable {
	f.mu.Lock()
	defer f.mu.Unlock()
	if ct, ok := f.compiled[i]; ok {
		return ct
	}
	ct := compileTable(f.seed, &f.tables[i], f.leaveDefaults)
	f.compiled[i] = ct
	return ct
}

// Rows returns one complete row per override, in order, for a single
// table: overridden cells as given, every other cell a default. Parent rows
// that foreign keys need are created behind the scenes but not returned;
// use Build to get them.
func (f *Factory) Rows(table string, overrides []Override) ([]Row, error) {
	ct, err := f.table(table)
	if err != nil {
		return nil, err
	}
	ds, err := f.Build([]TableOverrides{{Table: table, Rows: overrides}})
	if err != nil {
		return nil, err
	}
	for _, tr := range ds.Tables {
		if tr.Table == ct.t {
			return tr.Rows[:len(overrides)], nil
		}
	}
	return nil, nil
}

// Default is the factory's value for one cell of a row that overrides
// nothing, the same value Rows gives at that position: the grid shows it
// dim and "revert to default" restores it. An unknown table or column, or a
// column the factory has no default for, gives NULL.
func (f *Factory) Default(table, column string, row int) Value {
	ct, err := f.table(table)
	if err != nil || row < 0 {
		return Null
	}
	j, ok := ct.idx[column]
	if !ok {
		return Null
	}
	rows, err := f.Rows(table, make([]Override, row+1))
	if err != nil {
		return Null
	}
	return rows[row].Values[j]
}
