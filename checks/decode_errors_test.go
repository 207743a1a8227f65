package checks

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
)

// TestBadConfig decodes each testdata/bad/*.yaml and compares every error,
// with its file:line:col and hint, to testdata/TestBadConfig/<name>.golden
// (go test -update rewrites them).
func TestBadConfig(t *testing.T) {
	files, _ := filepath.Glob("testdata/bad/*.yaml")
	if len(files) < 15 {
		t.Fatalf("want at least 15 bad configs, have %d", len(files))
	}
	for _, path := range files {
		name := strings.TrimSuffix(filepath.Base(path), ".yaml")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			_, err = DecodeFile("checks/"+name+".yaml", data)
			if err == nil {
				t.Fatal("decoded without error")
			}
			golden.RequireEqual(t, err.Error()+"\n")
		})
	}
}

// TestDecodeFilesReportsAll checks that mistakes in several files come back
// together, in file order.
func TestDecodeFilesReportsAll(t *testing.T) {
	files, err := DecodeFiles([]Source{
		{Path: "checks/b.yaml", Data: []byte("table: b\nchecks:\n  - not_nul: x\n")},
		{Path: "checks/a.yaml", Data: []byte("table: a\nchecks:\n  - unique: []\n  - not_null: y\n")},
		{Path: "checks/ok.yaml", Data: []byte("table: ok\nchecks:\n  - not_null: z\n")},
	})
	want := "checks/a.yaml:3:13: unique: `columns` is an empty list: give at least one value\n" +
		"checks/b.yaml:3:5: unknown check `not_nul`\n  hint: did you mean `not_null`?"
	if err == nil || err.Error() != want {
		t.Fatalf("got\n%v\nwant\n%s", err, want)
	}
	if len(files) != 3 || len(files[1].Checks) != 1 || len(files[2].Checks) != 1 {
		t.Fatalf("good entries should still decode: %+v", files)
	}
}
