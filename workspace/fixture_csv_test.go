package workspace

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// cellAt is row r's cell for col, failing the test when it is missing.
func cellAt(t *testing.T, rows []Row, r int, col string) Cell {
	t.Helper()
	if r >= len(rows) {
		t.Fatalf("want row %d, have %d rows", r, len(rows))
	}
	c, ok := rows[r].Get(col)
	if !ok {
		t.Fatalf("row %d has no %s: %+v", r, col, rows[r])
	}
	return c
}

// TestGivenInlineCSV: inline CSV, quoted or as a literal block, becomes
// the table's rows, values as text (nil for empty), each cell at its line
// and column in the YAML file.
func TestGivenInlineCSV(t *testing.T) {
	for _, tt := range []struct {
		name, src      string
		line, col      int // row 1's status cell
		hline, hcol    int // the header's status cell
		nullLine, nCol int // row 0's note cell (empty: NULL)
	}{
		{"quoted", "given:\n  orders: {csv: \"id,status,note\\n1,placed,\\n2,\\\"shipped\\\",x\\n\"}\n", 2, 47, 2, 21, 2, 43},
		{"block", "given:\n  orders:\n    csv: |\n      id,status,note\n      1,placed,\n      2,shipped,x\n", 6, 9, 4, 10, 5, 16},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f, err := ParseFixture("fixtures/q/a.yaml", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			g := f.Given[0]
			if g.CSV == nil || g.CSV.Path != "" || len(g.Rows) != 2 {
				t.Fatalf("given %+v, want 2 inline CSV rows", g)
			}
			if c := cellAt(t, g.Rows, 1, "status"); c.Value != "shipped" || c.Line != tt.line || c.Col != tt.col {
				t.Errorf("row 1 status = %v at %d:%d, want shipped at %d:%d", c.Value, c.Line, c.Col, tt.line, tt.col)
			}
			if h := g.CSV.Header[1]; h.Column != "status" || h.Line != tt.hline || h.Col != tt.hcol {
				t.Errorf("header cell %+v, want status at %d:%d", h, tt.hline, tt.hcol)
			}
			if c := cellAt(t, g.Rows, 0, "note"); c.Value != nil || c.Line != tt.nullLine || c.Col != tt.nCol {
				t.Errorf("empty note = %#v at %d:%d, want nil at %d:%d", c.Value, c.Line, c.Col, tt.nullLine, tt.nCol)
			}
			if c := cellAt(t, g.Rows, 0, "id"); c.Value != "1" {
				t.Errorf("id = %#v, want the text \"1\"", c.Value)
			}
		})
	}
}

// TestGivenCSVErrors: CSV mistakes are reported at their place in the
// YAML file, and a mapping that is not {csv: ...} says what is expected.
func TestGivenCSVErrors(t *testing.T) {
	for _, tt := range []struct{ name, src, want string }{
		{"ragged", "given:\n  orders:\n    csv: |\n      id,status\n      1,placed,extra\n", "fixtures/q/a.yaml:5:16: row has 3 values, the header has 2 columns"},
		{"bare quote", "given:\n  orders: {csv: \"id,status\\n1,pla\\\"ced\\n\"}\n", "fixtures/q/a.yaml:2:34: bad CSV"},
		{"no header", "given:\n  orders: {csv: \"\"}\n", "fixtures/q/a.yaml:2:17: seed has no header row"},
		{"folded", "given:\n  orders:\n    csv: >\n      id\n      1\n", "fixtures/q/a.yaml:3:10: given.orders.csv: a folded block (>) joins"},
		{"unknown key", "given:\n  orders: {cvs: seeds/o.csv}\n", "fixtures/q/a.yaml:2:12: unknown key `cvs` in given.orders"},
		{"empty mapping", "given:\n  orders: {}\n", "given.orders: expected a list of rows or {csv: <file or CSV text>}"},
		{"outside", "given:\n  orders: {csv: ../x.csv}\n", "fixtures/q/a.yaml:2:17: given.orders.csv: ../x.csv is outside the workspace"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseFixture("fixtures/q/a.yaml", []byte(tt.src))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error:\n%v\nwant it to contain %q", err, tt.want)
			}
		})
	}
}

// TestGivenCSVFile: {csv: <path>} reads the file at Load, positions in the
// CSV file; a missing file is an error at the csv: value.
func TestGivenCSVFile(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"queries/q.sql":        "select 1\n",
		"seeds/raw_orders.csv": "id,status\n1,placed\n2,shipped\n",
		"data/other.csv":       "id\n7\n",
		"fixtures/q/a.yaml":    "given:\n  raw_orders: {csv: seeds/raw_orders.csv}\n  other: {csv: data/other.csv}\n",
		"fixtures/q/b.yaml":    "given:\n  raw_orders: {csv: seeds/missing.csv}\n",
	}
	for p, s := range files {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, p)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, p), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ws, err := Load(dir)
	if err == nil || err.Error() != "fixtures/q/b.yaml:2:21: csv file seeds/missing.csv does not exist\n"+
		"  hint: the path is relative to the workspace folder, e.g. seeds/raw_orders.csv" {
		t.Fatalf("Load error:\n%v\nwant only the missing file, at its csv: value", err)
	}
	g := ws.Fixture("q/a").Given
	if c := cellAt(t, g[0].Rows, 1, "status"); c.Value != "shipped" || c.Line != 3 || c.Col != 3 || g[0].CSV.Path != "seeds/raw_orders.csv" {
		t.Errorf("raw_orders row 1 status = %v at %d:%d (csv %+v), want shipped at seeds/raw_orders.csv:3:3", c.Value, c.Line, c.Col, g[0].CSV)
	}
	if c := cellAt(t, g[1].Rows, 0, "id"); c.Value != "7" {
		t.Errorf("other.id = %v, want 7", c.Value)
	}
}

// TestSaveKeepsCSV: saving a fixture (the workbench, jig test --update)
// keeps a csv: given as written while its rows are unchanged, in place or
// rendered anew, and refuses to rewrite one whose rows changed.
func TestSaveKeepsCSV(t *testing.T) {
	src := "query: q\ngiven:\n  raw_orders: {csv: seeds/raw_orders.csv}\n  inline:\n    csv: |\n      id,n\n      1,\n" +
		"  users:\n    - {id: 1}\nexpect:\n  rows:\n    - {n: 1}\n"
	f, err := ParseFixture("fixtures/q/a.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	f.Expect.Rows = []Row{{Cells: []Cell{{Column: "n", Value: int64(2)}}}}
	out, err := UpdateFixture([]byte(src), f)
	want := strings.Replace(src, "{n: 1}", "{n: 2}", 1)
	if err != nil || string(out) != want {
		t.Errorf("UpdateFixture = %v\n%s\nwant\n%s", err, out, want)
	}
	f.Given = f.Given[2:] // the workbench leaves out tables it has no rows for
	if out, err := UpdateFixture([]byte(src), f); err != nil || !strings.Contains(string(out), "raw_orders: {csv: seeds/raw_orders.csv}") {
		t.Errorf("a CSV given left out: %v\n%s\nwant it kept", err, out)
	}
	f, _ = ParseFixture("fixtures/q/a.yaml", []byte(src))
	marshalled := string(MarshalFixture(f))
	if !strings.Contains(marshalled, "  raw_orders: {csv: seeds/raw_orders.csv}\n  inline:\n    csv: |\n      id,n\n      1,\n") {
		t.Errorf("MarshalFixture:\n%s\nwant both CSV givens as written", marshalled)
	}
	if back, err := ParseFixture("fixtures/q/a.yaml", []byte(marshalled)); err != nil || !back.Given[1].CSV.Unchanged(f.Given[1].Rows) {
		t.Errorf("MarshalFixture does not read back: %v", err)
	}
	f.Given[1].Rows[0].Cells[1].Value = "5"
	if _, err := UpdateFixture([]byte(src), f); err == nil || !strings.Contains(err.Error(), "given.inline is read from CSV") {
		t.Errorf("changed CSV rows: error %v, want a refusal naming given.inline", err)
	}
}
