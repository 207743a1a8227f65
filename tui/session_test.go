package tui

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/jig-sql/jig/workspace"
)

func eventsTable() workspace.Table {
	col := func(name, base string) workspace.Column {
		return workspace.Column{Name: name, Type: workspace.Type{Name: base, Base: base}}
	}
	return workspace.Table{Name: "events", PrimaryKey: []string{"event_id"}, Columns: []workspace.Column{
		col("event_id", "text"), col("user_id", "text"), col("n", "int4"), col("ok", "bool"), col("amount", "numeric"),
	}}
}

func TestParseCellSavesNaturalValues(t *testing.T) {
	tab := eventsTable()
	tests := []struct {
		col, text string
		want      any
		invalid   bool
	}{
		{"n", "42", int64(42), false},
		{"n", "4x", nil, true},
		{"ok", "yes", true, false},
		{"amount", "12.50", json.Number("12.50"), false},
		{"amount", "5", int64(5), false},
		{"amount", "0.1000000000000000000001", json.Number("0.1000000000000000000001"), false},
		{"user_id", "123", "123", false},
		{"user_id", "null", "null", false},
		{"user_id", "NULL", nil, false},
	}
	for _, tt := range tests {
		c, _ := tab.Column(tt.col)
		got := ParseCell(*c, tt.text)
		if got.Valid() == tt.invalid || (!tt.invalid && !reflect.DeepEqual(got.Value, tt.want)) {
			t.Errorf("%s %q: got %#v", tt.col, tt.text, got)
		}
	}
}

func TestUndoRedo(t *testing.T) {
	s := NewSession("q")
	s.AddRow("events")
	s.SetCell("events", 0, "user_id", InputCell{Value: "u1", Text: "u1"})
	s.DuplicateRow("events", 0)
	if s.RowCount("events") != 2 {
		t.Fatalf("rows %d", s.RowCount("events"))
	}
	s.Undo()
	s.Undo()
	if s.RowCount("events") != 1 || len(s.Table("events").Rows[0]) != 0 {
		t.Fatalf("after two undos: %+v", s.Table("events").Rows)
	}
	s.Redo()
	if v := s.Table("events").Rows[0]["user_id"]; v.Value != "u1" {
		t.Fatalf("redo lost the cell: %+v", v)
	}
	if s.Redo(); s.RowCount("events") != 2 {
		t.Fatal("second redo")
	}
	if s.Redo() {
		t.Error("redo past the end")
	}
}

// The fixture the workbench runs is the one it saves: marshalled and
// parsed back, it is the same fixture.
func TestFixtureRoundTrip(t *testing.T) {
	s := NewSession("q")
	s.Name, s.Description = "a_case", "what it shows"
	s.Table("events").Columns = []string{"event_id", "user_id", "n", "ok"}
	s.AddRow("events")
	s.SetCell("events", 0, "n", InputCell{Value: int64(3), Text: "3"})
	s.SetCell("events", 0, "user_id", InputCell{Value: nil})
	s.SetCell("events", 0, "ok", InputCell{Text: "perhaps", Reason: "not a boolean"})
	s.SetExpected([]workspace.Row{})
	fx := s.Fixture("fixtures")
	if fx.Path != "fixtures/q/a_case.yaml" {
		t.Errorf("path %s", fx.Path)
	}
	back, err := workspace.ParseFixture(fx.Path, workspace.MarshalFixture(fx))
	if err != nil {
		t.Fatal(err)
	}
	if !workspace.SameRows(back.Given[0].Rows, fx.Given[0].Rows) || back.Expect.Rows == nil || back.Description != fx.Description {
		t.Errorf("round trip:\n%s", workspace.MarshalFixture(fx))
	}
	if cells := fx.Given[0].Rows[0].Cells; len(cells) != 2 || cells[0].Column != "user_id" || cells[1].Column != "n" {
		t.Errorf("cells %+v: want user_id then n, invalid ok left out", cells)
	}
}

func TestAutosaveRoundTrip(t *testing.T) {
	s := NewSession("q")
	s.AddRow("events")
	s.SetCell("events", 0, "n", InputCell{Value: int64(3), Text: "3"})
	back, err := decodeAutosave(encodeAutosave(s, "fixtures"), "fixtures", "")
	if err != nil {
		t.Fatal(err)
	}
	if back.Query != "q" || back.Name != "" || !back.Dirty || back.Table("events").Rows[0]["n"].Value != int64(3) {
		t.Errorf("restored %+v", back)
	}
}

// What the user typed is saved as typed: 5 stays 5 (not 5.0), decimals
// keep their digits, numbers are unquoted and text is quoted only where
// YAML would read it as something else.
func TestTypedCellsSaveAsTyped(t *testing.T) {
	tab := eventsTable()
	s := NewSession("q")
	s.AddRow("events")
	for _, c := range [][2]string{{"amount", "5"}, {"n", "7"}, {"user_id", "u1"}, {"event_id", "123"}} {
		col, _ := tab.Column(c[0])
		s.SetCell("events", 0, c[0], ParseCell(*col, c[1]))
	}
	s.AddRow("events")
	col, _ := tab.Column("amount")
	s.SetCell("events", 1, "amount", ParseCell(*col, "12.50"))
	text := string(workspace.MarshalFixture(s.Fixture("fixtures")))
	for _, want := range []string{"amount: 5,", "amount: 12.50}", "n: 7", "user_id: u1", `event_id: "123"`} {
		if !strings.Contains(text, want) {
			t.Errorf("saved fixture lacks %q:\n%s", want, text)
		}
	}
}

// A pipeline fixture opened in the workbench runs all its steps: the
// session keeps the list, and the fixture it runs and saves has it.
func TestOpenSessionKeepsSteps(t *testing.T) {
	f, err := workspace.ParseFixture("fixtures/01_a/p.yaml", []byte("query: [01_a, 02_b]\n"))
	if err != nil {
		t.Fatal(err)
	}
	got := OpenSession(f).Fixture("fixtures")
	if len(got.Steps) != 2 || got.Steps[1].Query != "02_b" || got.Query != "01_a" {
		t.Errorf("fixture from the session: %+v", got)
	}
}
