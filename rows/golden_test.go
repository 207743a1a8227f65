package rows

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jig-sql/jig/workspace"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// TestGolden pins the factory's output: a change to any default, name hint
// or the random stream shows up here as a diff, and must be deliberate
// because it changes every saved fixture's meaning.
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
	compareGolden(t, "factory.golden", b.String())
}

func compareGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(want) != got {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := 0; i < max(len(gl), len(wl)); i++ {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("%s differs at line %d (go test -update rewrites it):\n got: %s\nwant: %s", path, i+1, g, w)
			}
		}
	}
}
