package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/jig-sql/jig/engine/enginetest"
)

var update = flag.Bool("update", false, "rewrite the e2e golden files")

func TestMain(m *testing.M) { enginetest.Main(m) }

// TestEndToEnd runs jig on each testdata/e2e/<case>/ workspace and compares
// its exit code and output with <case>/want. The workspace is the case's
// files plus testdata/e2e/_shared/ for what the case does not have itself.
// The first line of <case>/args holds the command line (default "test").
// Every case runs against the package's server through --dsn semantics
// (JIG_DSN), each in private schemas.
func TestEndToEnd(t *testing.T) {
	t.Setenv("JIG_DSN", enginetest.Server(t).DSN())
	t.Setenv("NO_COLOR", "1")
	cases, _ := filepath.Glob("testdata/e2e/*")
	for _, dir := range cases {
		name := filepath.Base(dir)
		if strings.HasPrefix(name, "_") {
			continue
		}
		t.Run(name, func(t *testing.T) {
			ws := t.TempDir()
			copyTree(t, "testdata/e2e/_shared", ws)
			copyTree(t, dir, ws)
			args := []string{"test"}
			if b, err := os.ReadFile(filepath.Join(dir, "args")); err == nil {
				args = strings.Fields(strings.SplitN(string(b), "\n", 2)[0])
			}
			args = append(args, "-w", ws)
			before := snapshot(t, ws)
			var out bytes.Buffer
			code := run(args, strings.NewReader(""), &out, &out)
			got := "exit " + strconv.Itoa(code) + "\n" + normalize(out.String(), ws)
			if _, err := os.Stat(filepath.Join(dir, "unchanged")); err == nil {
				if after := snapshot(t, ws); after != before {
					t.Errorf("files changed although nothing differed")
				}
			}
			golden(t, filepath.Join(dir, "want"), got)
		})
	}
}

var durations = regexp.MustCompile(`\(\d+(\.\d+)?(ms|µs|s)\)`)

func normalize(s, ws string) string {
	s = strings.ReplaceAll(s, ws, "$WS")
	return durations.ReplaceAllString(s, "(…)")
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("output differs from %s (run with -update to accept):\n--- want\n%s\n--- got\n%s", path, want, got)
	}
}

// copyTree copies the workspace files of src into dst (not args/want).
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if info.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		if rel == "args" || rel == "want" || rel == "unchanged" {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// snapshot is every file's path and content, to prove a run wrote nothing.
func snapshot(t *testing.T, dir string) string {
	var b strings.Builder
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			data, _ := os.ReadFile(p)
			b.WriteString(p + "\n" + string(data) + "\n")
		}
		return nil
	})
	return b.String()
}
