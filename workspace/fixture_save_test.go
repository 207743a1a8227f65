package workspace

import (
	"os"
	"path/filepath"
	"testing"
)

// cellSet sets (or adds) one cell of row r of rows.
func cellSet(rows []Row, r int, col string, v any) {
	for i, c := range rows[r].Cells {
		if c.Column == col {
			rows[r].Cells[i].Value = v
			return
		}
	}
	rows[r].Cells = append(rows[r].Cells, Cell{Column: col, Value: v})
}

func given(f *Fixture, table string) *GivenTable {
	for i := range f.Given {
		if f.Given[i].Table == table {
			return &f.Given[i]
		}
	}
	f.Given = append(f.Given, GivenTable{Table: table})
	return &f.Given[len(f.Given)-1]
}

// TestUpdateFixtureGolden edits hand-written fixtures the way the
// workbench does and compares the saved text with testdata/save/*.golden
// (-update rewrites them). Each golden must also parse back to the edit.
func TestUpdateFixtureGolden(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		edit     func(f *Fixture)
	}{
		{"unchanged", "hand_written", func(f *Fixture) {}},
		{"one_cell", "hand_written", func(f *Fixture) { cellSet(given(f, "orders").Rows, 1, "discount", 5.5) }},
		{"add_and_delete", "hand_written", func(f *Fixture) {
			g := given(f, "orders")
			g.Rows = append(g.Rows[:0:0], g.Rows[0], g.Rows[2],
				Row{Cells: []Cell{{Column: "user_id", Value: "user0002"}, {Column: "gross_revenue", Value: 20.0}}})
		}},
		{"accept", "hand_written", func(f *Fixture) {
			cellSet(f.Expect.Rows, 0, "net_revenue", 165.0)
			f.Expect.Rows = append(f.Expect.Rows, Row{Cells: []Cell{{Column: "user_id", Value: "user0002"}}})
		}},
		{"accept_same_as_text", "hand_written", func(f *Fixture) {
			// A result's numbers come as text; equal ones keep the file's spelling.
			f.Expect.Rows = []Row{{Cells: []Cell{{Column: "user_id", Value: "user0001"},
				{Column: "gross_revenue", Value: "150.00"}, {Column: "net_revenue", Value: "135.00"}}}}
		}},
		{"new_table", "hand_written", func(f *Fixture) {
			given(f, "events").Rows = []Row{{Cells: []Cell{{Column: "event_id", Value: "evnt0001"}}}}
		}},
		{"drop_table", "hand_written", func(f *Fixture) { f.Given = f.Given[1:] }},
		{"block_rows", "block_rows", func(f *Fixture) { cellSet(given(f, "events").Rows, 1, "browser", "chrome") }},
		{"first_expect", "no_expect", func(f *Fixture) {
			f.Expect.Rows = []Row{{Cells: []Cell{{Column: "browser_id", Value: "brws0002"}, {Column: "user_id", Value: "user0001"}}}}
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join("testdata", "save", tt.in+".yaml"))
			if err != nil {
				t.Fatal(err)
			}
			query := map[string]string{"hand_written": "net_revenue"}[tt.in]
			if query == "" {
				query = "browser_users"
			}
			path := "fixtures/" + query + "/" + tt.in + ".yaml"
			f, err := ParseFixture(path, src)
			if err != nil {
				t.Fatal(err)
			}
			tt.edit(f)
			out, err := UpdateFixture(src, f)
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "save", tt.name+".golden")
			if *update {
				if err := os.WriteFile(golden, out, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if string(out) != string(want) {
				t.Errorf("saved:\n%s\nwant:\n%s", out, want)
			}
			back, err := ParseFixture(path, out)
			if err != nil {
				t.Fatalf("saved text does not parse: %v\n%s", err, out)
			}
			for _, g := range f.Given {
				if !sameAll(oldRows(back.Given, g.Table), g.Rows) {
					t.Errorf("given %s reads back as %+v; want %+v", g.Table, oldRows(back.Given, g.Table), g.Rows)
				}
			}
			if !sameAll(back.Expect.Rows, f.Expect.Rows) && tt.name != "accept_same_as_text" || back.Expect.Ordered != f.Expect.Ordered {
				t.Errorf("expect reads back as %+v; want %+v", back.Expect, f.Expect)
			}
		})
	}
}
