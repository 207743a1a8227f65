package rows

import (
	"strings"
	"testing"

	goldenfile "github.com/charmbracelet/x/exp/golden" // rand.go has a constant named golden
	"github.com/jig-sql/jig/workspace"
)

// TestGolden pins the factory's output: a change to any default, name hint
// or the random stream shows up here as a diff, and must be deliberate
// because it changes every saved fixture's meaning. The output is
// testdata/TestGolden.golden; go test -update rewrites it.
func TestGolden(t *testing.T) {
	tables := append([]workspace.Table{everyType()}, fkSchema()...)
	f := NewFactory(20240131, tables)
	ds, err := f.Build([]TableOverrides{
		{Table: "events", Rows: []Override{{}, {"status": Text("paid"), "amount": Null}, {}, {}}},
		{Table: "employees", Rows: make([]Override, 2)},
		{Table: "b", Rows: make([]Override, 1)},
		{Table: "events", Rows: []Override{{"event_id": Text("evnt_0001")}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString(InsertSQL(ds))
	b.WriteString("\n")
	for _, w := range ds.Warnings {
		b.WriteString("-- warning: " + w.String() + "\n")
	}
	ds2, err := f.Build([]TableOverrides{{Table: "visits", Rows: make([]Override, 2)}, {Table: "profiles", Rows: make([]Override, 2)}})
	if err != nil {
		t.Fatal(err)
	}
	b.WriteString("-- a one-row fixture, for parents generated from other tables\n")
	b.WriteString(InsertSQL(ds2) + "\n")
	goldenfile.RequireEqual(t, b.String())
}
