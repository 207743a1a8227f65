package workspace

import (
	"path"
	"strings"

	"github.com/goccy/go-yaml/ast"
	yamltoken "github.com/goccy/go-yaml/token"
	"github.com/jig-sql/jig/workspace/diag"
)

// Fixture is one fixtures/<query>/*.yaml file: input rows for the tables a
// query reads, the rows it must return, and extra checks.
type Fixture struct {
	Path string // relative to the workspace, slash-separated
	Name string // query + "/" + file stem, e.g. "browser_users/null_user_is_excluded"

	Query string
	// Steps are the queries of `query: [a, b, ...]`, run in order (Query is
	// the first); nil for the one-query form.
	Steps       []Step
	Description string
	// Setup is optional SQL run after the given rows are inserted and before
	// the query.
	Setup  string
	Given  []GivenTable // in file order
	Expect Expect
	Checks []CheckEntry
	// Missing says how the columns a given row leaves out are filled: ""
	// (the row factory's defaults) or MissingNull (NULL, as dbt unit tests
	// fill their inputs). It is not a fixture-file key: a dbt project's unit
	// tests set it (package workspace/dbt).
	Missing string
	// OwnChecksOnly keeps the workspace's checks on the given tables and
	// the query out of this fixture: a dbt unit test runs no data tests.
	OwnChecksOnly bool
	// Origin names what the fixture was made from when it is not a
	// fixture file ("dbt unit test x"), for failure messages.
	Origin string

	// QueryLine and QueryCol locate the query: value (0 when the key is
	// absent and the folder name was used).
	QueryLine, QueryCol int
	// SetupLine and SetupCol locate setup's first character in the file;
	// setupIndent is a block scalar's indentation (0 for a flow scalar).
	SetupLine, SetupCol int
	setupIndent         int
}

// SetupPos maps a 0-based byte offset in Setup to its 1-based line and
// column in the file, so a Postgres error in setup points into the YAML.
func (f *Fixture) SetupPos(offset int) (line, col int) {
	l, c := diag.LineCol(f.Setup, offset)
	switch {
	case f.setupIndent > 0:
		return f.SetupLine + l - 1, f.setupIndent + c
	case l == 1:
		return f.SetupLine, f.SetupCol + c - 1
	}
	return f.SetupLine + l - 1, c
}

// SetupSource is Setup laid out at its place in the file (blank lines
// above it, its indentation restored), so an excerpt at a SetupPos line and
// column shows the SQL under the right caret.
func (f *Fixture) SetupSource() string {
	return AlignedSource(f.Setup, f.SetupLine, f.SetupCol, f.setupIndent)
}

// AlignedSource lays text out as it stands in a file where it starts at
// line:col: blank lines above, the first line indented to col, later lines
// to indent (a block scalar's) or to nothing.
func AlignedSource(text string, line, col, indent int) string {
	var b strings.Builder
	b.WriteString(strings.Repeat("\n", max(line-1, 0)))
	for i, l := range strings.Split(text, "\n") {
		switch {
		case indent > 0:
			b.WriteString(strings.Repeat(" ", indent))
		case i == 0:
			b.WriteString(strings.Repeat(" ", max(col-1, 0)))
		}
		b.WriteString(l + "\n")
	}
	return b.String()
}

// locateSetup finds where setup's text starts: the line after a block
// scalar's | or >, indented as its first line; else the scalar itself, past
// its opening quote.
func (f *Fixture) locateSetup(n ast.Node, data []byte) {
	line, col := pos(n)
	f.SetupLine, f.SetupCol = line, col
	if _, block := n.(*ast.LiteralNode); block {
		lines := strings.Split(string(data), "\n")
		for i := line; i < len(lines); i++ { // lines[i] is line i+1
			if t := strings.TrimLeft(lines[i], " "); t != "" {
				f.SetupLine, f.setupIndent = i+1, len(lines[i])-len(t)
				return
			}
		}
		return
	}
	if tk := n.GetToken(); tk != nil && (tk.Type == yamltoken.DoubleQuoteType || tk.Type == yamltoken.SingleQuoteType) {
		f.SetupCol++
	}
}

// GivenTable is the rows a fixture inserts into one table. Each row holds
// only the columns the fixture sets; the row factory fills the rest.
type GivenTable struct {
	Table string
	Rows  []Row
	Line  int
	// CSV is set when the rows are written as CSV (a file or inline); their
	// values are then strings, and nil for empty.
	CSV *GivenCSV
	// SQL, when set, is a SELECT whose rows are inserted into the table
	// after Rows (a dbt unit test's rows in sql format); its text starts at
	// line SQLLine, each line indented by SQLIndent columns.
	SQL                string
	SQLLine, SQLIndent int
}

// Row is one row as written, cells in file order.
type Row struct {
	Cells []Cell
	Line  int
}

// Cell is one column's value. Value is nil for YAML null (SQL NULL), or a
// string, int64, float64, bool, []any or map[string]any. The quoted string
// "null" stays a string. Integers beyond int64 are kept as their digits in
// a string, exactly.
type Cell struct {
	Column    string
	Value     any
	Line, Col int
}

// Expect is what the query must return.
type Expect struct {
	// Table names the relation the rows are read from; "" means the query's
	// own output.
	Table string
	// Rows are the expected rows. nil means the fixture states no expected
	// rows (only checks run); an empty, non-nil slice expects no rows.
	Rows []Row
	// SQL, when set, is a SELECT whose rows are the expected rows (a dbt
	// unit test's expect in sql format), run on the worker beside the
	// fixture; SQLLine and SQLIndent place its text in the file.
	SQL                string
	SQLLine, SQLIndent int
	Ordered            bool // compare in order; by default as a multiset
	// Columns is "all" (the default: the result has exactly these columns)
	// or "partial" (only the columns written are compared).
	Columns string
	// Tolerance is the absolute difference allowed between numbers;
	// ColumnTolerance overrides it per column.
	Tolerance       float64
	ColumnTolerance map[string]float64
	Line            int // line of the expect: key
	// TableLine and TableCol locate table:'s value (0 when absent).
	TableLine, TableCol int
}

// MissingNull is Fixture.Missing for inputs whose unset columns are NULL.
const MissingNull = "null"

// Expect.Columns values.
const (
	ColumnsAll     = "all"
	ColumnsPartial = "partial"
)

// CheckEntry is one item of a fixture's checks: list, kept as YAML for
// package checks to decode. YAML is the entry's text, dedented; its line k
// (1-based) is file line Line+k-1, and its column c is file column c+Col-1.
type CheckEntry struct {
	YAML      []byte
	Line, Col int
}

// Get returns the cell for column and whether the row sets it.
func (r Row) Get(column string) (Cell, bool) {
	for _, c := range r.Cells {
		if c.Column == column {
			return c, true
		}
	}
	return Cell{}, false
}

var (
	fixtureKeys = []string{"query", "description", "setup", "given", "expect", "checks"}
	expectKeys  = []string{"table", "rows", "ordered", "columns", "tolerance", "column_tolerance"}
)

// ParseFixture decodes a fixture file strictly. p is its path relative to the
// workspace (fixtures/<query>/<name>.yaml); the folder gives the query name
// when the file has no query: key.
func ParseFixture(p string, data []byte) (*Fixture, error) {
	var errs diag.Errors
	f := decodeFixture(&ydec{file: p, errs: &errs}, p, data, true)
	return f, errs.Err()
}

func decodeFixture(d *ydec, p string, data []byte, checkFolder bool) *Fixture {
	folder := path.Base(path.Dir(p))
	f := &Fixture{Path: p, Query: folder, Expect: Expect{Columns: ColumnsAll}}
	root, ok := d.parseOK(data)
	if root == nil {
		if !ok {
			f.Name = f.Query + "/" + stem(p)
			return f
		}
		d.errs.Add(p, 1, 1, "see fixtures in the demo workspace (jig demo)", "fixture file is empty")
		f.Name = f.Query + "/" + stem(p)
		return f
	}
	rootKVs, _ := d.pairs(root, "fixture")
	d.fields(root, "fixture", fixtureKeys, func(key string, kv *ast.MappingValueNode) {
		switch key {
		case "query":
			if seq, ok := kv.Value.(*ast.SequenceNode); ok {
				f.decodeSteps(d, seq, folder, checkFolder)
			} else if s, ok := d.str(kv.Value, "query"); ok {
				f.Query = s
				f.QueryLine, f.QueryCol = pos(kv.Value)
				if checkFolder && s != folder {
					d.errAt(kv.Value, "move the file to fixtures/"+s+"/, or change query: to "+folder,
						"fixture names query `%s` but is in the folder of query `%s`", s, folder)
				}
			}
		case "description":
			f.Description, _ = d.str(kv.Value, "description")
		case "setup":
			f.Setup, _ = d.str(kv.Value, "setup")
			if v := d.unwrap(kv.Value); v != nil {
				f.locateSetup(v, data)
			}
			if strings.ContainsRune(f.Setup, 0) {
				d.errAt(kv.Value, "remove the \\0; Postgres cannot receive a NUL byte", "setup: holds a NUL byte")
			}
		case "given":
			f.Given = decodeGiven(d, kv.Value, data)
		case "expect":
			f.Expect.Line, _ = pos(kv.Key)
			decodeExpect(d, kv.Value, &f.Expect)
		case "checks":
			f.Checks = checkEntries(d, data, kv, nextKeyLine(rootKVs, kv))
		}
	})
	f.Name = f.Query + "/" + stem(p)
	return f
}

func stem(p string) string {
	base := path.Base(p)
	return strings.TrimSuffix(base, path.Ext(base))
}

func decodeGiven(d *ydec, n ast.Node, data []byte) []GivenTable {
	kvs, _ := d.pairs(n, "given")
	var out []GivenTable
	seen := map[string]bool{}
	for _, kv := range kvs {
		name := keyName(kv)
		if seen[name] {
			d.errAt(kv.Key, "", "table `%s` is given twice", name)
			continue
		}
		seen[name] = true
		line, _ := pos(kv.Key)
		g := GivenTable{Table: name, Line: line}
		if isMapping(kv.Value) {
			g.CSV, g.Rows = decodeGivenCSV(d, data, name, kv.Value)
		} else {
			g.Rows = decodeRows(d, kv.Value, "given."+name)
		}
		out = append(out, g)
	}
	return out
}

// decodeRows reads a list of flat mappings; null or an empty list is no rows.
func decodeRows(d *ydec, n ast.Node, what string) []Row {
	rows := []Row{}
	switch v := d.unwrap(n).(type) {
	case nil, *ast.NullNode:
		return rows
	case *ast.SequenceNode:
		for _, e := range v.Values {
			rows = append(rows, decodeRow(d, e, what))
		}
	default:
		d.errAt(n, "e.g. - {user_id: user0001, browser_id: brws0002}", "%s: expected a list of rows, got %s", what, kind(v))
	}
	return rows
}

func decodeRow(d *ydec, n ast.Node, what string) Row {
	line, _ := pos(n)
	row := Row{Line: line}
	kvs, _ := d.pairs(n, what+" row")
	seen := map[string]bool{}
	for _, kv := range kvs {
		col := keyName(kv)
		if seen[col] {
			d.errAt(kv.Key, "", "column `%s` is set twice in this row", col)
			continue
		}
		seen[col] = true
		v, _ := d.value(kv.Value)
		l, c := pos(kv.Value)
		if kv.Value == nil {
			l, c = pos(kv.Key)
		}
		row.Cells = append(row.Cells, Cell{Column: col, Value: v, Line: l, Col: c})
	}
	return row
}

func decodeExpect(d *ydec, n ast.Node, e *Expect) {
	d.fields(n, "expect", expectKeys, func(key string, kv *ast.MappingValueNode) {
		v := kv.Value
		switch key {
		case "table":
			e.Table, _ = d.str(v, "expect.table")
			e.TableLine, e.TableCol = pos(v)
		case "rows":
			e.Rows = decodeRows(d, v, "expect.rows")
		case "ordered":
			e.Ordered, _ = d.boolean(v, "expect.ordered")
		case "columns":
			if s, ok := d.str(v, "expect.columns"); ok {
				choices := []string{ColumnsAll, ColumnsPartial}
				if contains(choices, s) {
					e.Columns = s
				} else {
					d.errAt(v, diag.DidYouMean(s, choices), "expect.columns: expected all or partial, got `%s`", s)
				}
			}
		case "tolerance":
			e.Tolerance = tolerance(d, v, "expect.tolerance")
		case "column_tolerance":
			kvs, _ := d.pairs(v, "expect.column_tolerance")
			e.ColumnTolerance = map[string]float64{}
			for _, ckv := range kvs {
				e.ColumnTolerance[keyName(ckv)] = tolerance(d, ckv.Value, "expect.column_tolerance."+keyName(ckv))
			}
		}
	})
}

func tolerance(d *ydec, n ast.Node, what string) float64 {
	f, ok := d.number(n, what)
	if ok && !(f >= 0) {
		d.errAt(n, "", "%s: must be zero or more, got %v", what, f)
		return 0
	}
	return f
}
