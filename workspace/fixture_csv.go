package workspace

import (
	"errors"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/goccy/go-yaml/ast"
	yamltoken "github.com/goccy/go-yaml/token"

	"github.com/jig-sql/jig/workspace/diag"
)

// GivenCSV is where a given table's rows come from when the fixture writes
// them as CSV: `{csv: seeds/raw_orders.csv}` (a workspace-relative file) or
// `{csv: "id,status\n1,placed\n"}` / `csv: |` (inline). The rows are read
// with the seed parser (header required, an empty value is NULL) into the
// GivenTable's Rows, each value a string (nil for empty) converted later by
// its column's type, as a YAML row's.
type GivenCSV struct {
	// Path is the CSV file, relative to the workspace; "" when inline.
	// Positions in Header and the table's Rows are in this file when set,
	// else in the fixture.
	Path string
	// Text is the inline CSV; "" for a file.
	Text string
	// Header is the header's column names (Cell.Column) at their positions.
	Header []Cell
	// Line and Col locate the csv: value in the fixture.
	Line, Col int
	// rows are the rows as the CSV gives them: a saved fixture keeps the
	// csv: as written while its rows are these (Unchanged).
	rows []Row
}

// Unchanged reports whether rows are still the rows the CSV gives, so
// saving the fixture keeps the csv: as written.
// Cells may be in any order (the workbench lists them in the table's).
func (c *GivenCSV) Unchanged(rows []Row) bool {
	if c == nil || len(rows) != len(c.rows) {
		return false
	}
	for i, r := range rows {
		if len(r.Cells) != len(c.rows[i].Cells) {
			return false
		}
		for _, cell := range r.Cells {
			was, ok := c.rows[i].Get(cell.Column)
			if !ok || !sameCellValue(was.Value, cell.Value) {
				return false
			}
		}
	}
	return true
}

// csvBlock renders a CSV given as a fixture writes it: the file's path, or
// the inline text as a literal block when it reads back the same.
func csvBlock(indent, key string, c *GivenCSV) string {
	if c.Path != "" {
		return indent + key + ": {csv: " + yamlString(c.Path) + "}\n"
	}
	return indent + key + ":\n" + indentLines(yamlText("csv", c.Text), indent+"  ")
}

// isCSVPath tells a file name from inline CSV text: one line ending in .csv.
func isCSVPath(s string) bool {
	return !strings.ContainsAny(s, "\n,") && strings.HasSuffix(strings.ToLower(s), ".csv")
}

// isMapping reports whether n (past anchors) is a mapping, without
// reporting anything: given.<table> is rows, or {csv: ...}.
func isMapping(n ast.Node) bool {
	for {
		a, ok := n.(*ast.AnchorNode)
		if !ok {
			break
		}
		n = a.Value
	}
	switch n.(type) {
	case *ast.MappingNode, *ast.MappingValueNode:
		return true
	}
	return false
}

// decodeGivenCSV reads given.<table> written as a mapping, which must be
// {csv: <path or text>}. Inline CSV is parsed here, positions mapped into
// the fixture; a file is read by Load (givenCSVs).
func decodeGivenCSV(d *ydec, data []byte, table string, n ast.Node) (*GivenCSV, []Row) {
	what := "given." + table
	var c *GivenCSV
	rows := []Row{} // a file's are read by Load
	d.fields(n, what, []string{"csv"}, func(_ string, kv *ast.MappingValueNode) {
		s, ok := d.str(kv.Value, what+".csv")
		if !ok {
			return
		}
		v := d.unwrap(kv.Value)
		c = &GivenCSV{}
		c.Line, c.Col = pos(v)
		if isCSVPath(s) {
			c.Path = s
			if p := path.Clean(s); filepath.IsLocal(filepath.FromSlash(p)) {
				c.Path = p
				return
			}
			d.errAt(v, "name a file inside the workspace, e.g. seeds/"+table+".csv", "%s.csv: %s is outside the workspace", what, s)
			return
		}
		if tk := v.GetToken(); tk != nil && tk.Type == yamltoken.FoldedType {
			d.errAt(v, "write csv: | (a literal block keeps the lines)", "%s.csv: a folded block (>) joins the CSV's lines into one", what)
			return
		}
		c.Text = s
		rows = c.parse(d.errs, d.file, s, inlineLocator(v, data))
	})
	if c == nil {
		if !d.hasErrorAt(n) {
			d.errAt(n, "e.g. "+table+": {csv: seeds/"+table+".csv}, or a list of rows",
				"%s: expected a list of rows or {csv: <file or CSV text>}", what)
		}
		return nil, []Row{}
	}
	return c, rows
}

// hasErrorAt reports whether an error was already reported inside n's
// lines (an unknown key), so decodeGivenCSV does not add a second one.
func (d *ydec) hasErrorAt(n ast.Node) bool {
	first, _ := pos(n)
	last := lastLine(n)
	for _, e := range *d.errs {
		if e.File == d.file && e.Line >= first && e.Line <= max(last, first) {
			return true
		}
	}
	return false
}

// parse reads CSV text with the seed parser into rows, reporting errors in
// file at the positions loc maps the text's line:col to.
func (c *GivenCSV) parse(errs *diag.Errors, file, text string, loc func(line, col int) (int, int)) []Row {
	seed, err := ParseSeed(file, []byte(text))
	var es diag.Errors
	if errors.As(err, &es) {
		for _, e := range es {
			e.File = file
			e.Line, e.Col = loc(e.Line, e.Col)
			*errs = append(*errs, e)
		}
	}
	return c.fromSeed(seed, loc)
}

// fromSeed takes a parsed seed's header and rows; a value is its text, or
// nil (NULL) when empty.
func (c *GivenCSV) fromSeed(seed *Seed, loc func(line, col int) (int, int)) []Row {
	c.Header = nil
	for _, col := range seed.Columns {
		l, k := loc(col.Line, col.Col)
		c.Header = append(c.Header, Cell{Column: col.Name, Line: l, Col: k})
	}
	rows := make([]Row, 0, len(seed.Rows))
	for i, rec := range seed.Rows {
		var r Row
		for j, v := range rec {
			if j >= len(seed.Columns) || seed.Columns[j].Name == "" {
				continue
			}
			l, k := loc(seed.CellPos(i, j))
			cell := Cell{Column: seed.Columns[j].Name, Line: l, Col: k}
			if v != "" {
				cell.Value = v
			}
			if j == 0 {
				r.Line = l
			}
			r.Cells = append(r.Cells, cell)
		}
		rows = append(rows, r)
	}
	c.rows = make([]Row, len(rows))
	for i, r := range rows {
		c.rows[i] = Row{Line: r.Line, Cells: append([]Cell(nil), r.Cells...)}
	}
	return rows
}

// identity maps positions in a CSV file to themselves.
func identity(line, col int) (int, int) { return line, col }

// givenCSVs reads the CSV files fixtures give rows from ({csv: <path>}):
// a seed already read is reused, any other file inside the workspace is
// read with the seed parser, its errors at its own lines.
func (l *loader) givenCSVs(w *Workspace) {
	read := map[string]*Seed{}
	for _, s := range w.Seeds {
		read[s.Path] = s
	}
	for _, f := range w.Fixtures {
		for i := range f.Given {
			c := f.Given[i].CSV
			if c == nil || c.Path == "" {
				continue
			}
			s, ok := read[c.Path]
			if !ok {
				s = l.readCSV(f, c)
				read[c.Path] = s
			}
			if s != nil {
				f.Given[i].Rows = c.fromSeed(s, identity)
			}
		}
	}
}

// readCSV reads and parses one fixture's CSV file, or reports at the csv:
// value why it cannot (nil).
func (l *loader) readCSV(f *Fixture, c *GivenCSV) *Seed {
	p := filepath.Join(l.dir, filepath.FromSlash(c.Path))
	if _, err := os.Stat(p); errors.Is(err, os.ErrNotExist) {
		l.errs.Add(f.Path, c.Line, c.Col, "the path is relative to the workspace folder, e.g. seeds/raw_orders.csv",
			"csv file %s does not exist", c.Path)
		return nil
	}
	data, ok := l.read(p, false)
	if !ok {
		return nil
	}
	s, err := ParseSeed(c.Path, data)
	l.merge(err)
	return s
}

// ReadGivenCSVs reads the CSV files f's given tables name ({csv: <path>})
// from the workspace in dir, as Load does, for a fixture decoded on its
// own (ParseFixture). Errors are at the file's line:column, or at the
// csv: value for a file that does not exist.
func ReadGivenCSVs(dir string, f *Fixture) error {
	l := &loader{dir: filepath.Clean(dir)}
	l.givenCSVs(&Workspace{Dir: l.dir, Fixtures: []*Fixture{f}})
	return l.errs.Err()
}
