package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jig-sql/jig/workspace"
)

// TestSaveKeepsCSVGiven: a fixture whose given rows are CSV opens with
// those rows in the session and saves with the csv: as written; editing a
// CSV row saves the rows written out, saying the file was rewritten.
func TestSaveKeepsCSVGiven(t *testing.T) {
	src := "query: q\ngiven:\n  orders:\n    csv: |\n      id,amount\n      1,2.50\n      2,\nexpect:\n  rows: []\n"
	path := filepath.Join(t.TempDir(), "a.yaml")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := workspace.ParseFixture("fixtures/q/a.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	s := OpenSession(f)
	orders := s.Table("orders")
	if len(orders.Rows) != 2 || orders.Rows[0]["amount"].Value != "2.50" || orders.Rows[1]["amount"].Value != nil {
		t.Fatalf("session rows %+v, want the CSV's two rows", orders.Rows)
	}
	s.Expect.Rows = []workspace.Row{{Cells: []workspace.Cell{{Column: "n", Value: int64(1)}}}}
	out, note, err := fixtureText(s.Fixture("fixtures"), path)
	if err != nil || note != "" || !strings.HasPrefix(string(out), src[:strings.Index(src, "expect:")]) {
		t.Errorf("saved (%v, note %q):\n%s\nwant the csv: kept as written", err, note, out)
	}
	orders.Rows[1]["amount"] = InputCell{Value: "3", Text: "3"}
	out, note, _ = fixtureText(s.Fixture("fixtures"), path)
	if !strings.Contains(note, "rewritten whole: given.orders is read from CSV") || !strings.Contains(string(out), "amount: \"3\"") {
		t.Errorf("an edited CSV row saved (note %q):\n%s", note, out)
	}
	orders.Rows = nil
	out, note, _ = fixtureText(s.Fixture("fixtures"), path)
	if !strings.Contains(note, "rewritten whole") || !strings.Contains(string(out), "  orders: []\n") {
		t.Errorf("every CSV row deleted saved (note %q):\n%s\nwant orders: [], the seed's rows replaced by none", note, out)
	}
}

// TestAutosaveReadsCSVFile: a session recovered from its autosave shows
// the rows of a given kept as {csv: <file>}, read from the workspace.
func TestAutosaveReadsCSVFile(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "seeds"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "seeds", "orders.csv"), []byte("id,amount\n1,2.50\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	src := "query: q\ngiven:\n  orders: {csv: seeds/orders.csv}\n"
	f, err := workspace.ParseFixture("fixtures/q/a.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if err := workspace.ReadGivenCSVs(dir, f); err != nil { // as Load does
		t.Fatal(err)
	}
	s := OpenSession(f)
	s.Name = "a"
	back, err := decodeAutosave(encodeAutosave(s, "fixtures"), "fixtures", dir)
	if err != nil {
		t.Fatal(err)
	}
	rows := back.Table("orders").Rows
	if len(rows) != 1 || rows[0]["amount"].Value != "2.50" {
		t.Fatalf("recovered rows %+v, want the CSV file's", rows)
	}
	if out := string(workspace.MarshalFixture(back.Fixture("fixtures"))); !strings.Contains(out, "orders: {csv: seeds/orders.csv}") {
		t.Errorf("recovered session saves as\n%s\nwant the csv: kept", out)
	}
}
