package checks

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzDecodeFile feeds arbitrary YAML to the decoder: it must not panic,
// every error must be a positioned ConfigError, and every check that does
// decode must compile for both dialects.
func FuzzDecodeFile(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*.yaml")
	bad, _ := filepath.Glob("testdata/bad/*.yaml")
	for _, p := range append(seeds, bad...) {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := DecodeFile("c.yaml", data)
		if err != nil {
			var ce ConfigErrors
			if !errors.As(err, &ce) || len(ce) == 0 {
				t.Fatalf("error is not ConfigErrors: %#v", err)
			}
			for _, e := range ce {
				if e.Line < 1 || e.Col < 1 || e.File != "c.yaml" || e.Msg == "" {
					t.Fatalf("badly positioned error: %#v", e)
				}
			}
		}
		if file == nil {
			t.Fatal("DecodeFile returned no File")
		}
		if err != nil {
			return
		}
		for _, c := range file.Checks {
			for _, d := range []Dialect{Postgres, Redshift} {
				if _, err := c.Compile(TableTarget("s.t"), d, nil); err != nil {
					t.Fatalf("%s: %v", c.Pos, err)
				}
			}
		}
	})
}
