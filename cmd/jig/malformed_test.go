package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/jig-sql/jig/engine/enginetest"
)

// position is a workspace file's line and column in a message:
// "fixtures/q/bad.yaml:4:7".
var position = regexp.MustCompile(`(jig\.yaml|(schema|queries|checks|fixtures)/[^\s:]+):\d+:\d+`)

// TestMalformedInputs runs jig on each testdata/malformed/<case>/ workspace
// (the case's files over _shared/): every one must exit 2 with a message
// at file:line:column, and the whole output is held in <case>/want (run
// with -update to accept). The first line of <case>/args is the command
// (default "validate"); a <case>/sparse file names a 100 MB sparse file to
// create, too big to keep in git.
func TestMalformedInputs(t *testing.T) {
	t.Setenv("JIG_DSN", enginetest.Server(t).DSN())
	t.Setenv("NO_COLOR", "1")
	cases, _ := filepath.Glob("testdata/malformed/*")
	n := 0
	for _, dir := range cases {
		name := filepath.Base(dir)
		if strings.HasPrefix(name, "_") {
			continue
		}
		n++
		t.Run(name, func(t *testing.T) {
			ws := t.TempDir()
			copyTree(t, "testdata/malformed/_shared", ws)
			copyTree(t, dir, ws)
			if b, err := os.ReadFile(filepath.Join(dir, "sparse")); err == nil {
				os.Remove(filepath.Join(ws, "sparse"))
				p := filepath.Join(ws, strings.TrimSpace(string(b)))
				f, err := os.Create(p)
				if err == nil {
					err = f.Truncate(100 << 20)
					f.Close()
				}
				if err != nil {
					t.Fatal(err)
				}
			}
			args := []string{"validate"}
			if b, err := os.ReadFile(filepath.Join(dir, "args")); err == nil {
				args = strings.Fields(strings.SplitN(string(b), "\n", 2)[0])
			}
			args = append(args, "-w", ws)
			var out bytes.Buffer
			code := run(args, strings.NewReader(""), &out, &out)
			text := normalize(out.String(), ws)
			if code != exitUsage {
				t.Errorf("exit %d, want 2:\n%s", code, text)
			}
			if !position.MatchString(text) {
				t.Errorf("no file:line:column in the message:\n%s", text)
			}
			if strings.Contains(text, "panic") || strings.Contains(text, "internal error") {
				t.Errorf("a panic reached the user:\n%s", text)
			}
			golden(t, filepath.Join(dir, "want"), "exit "+strconv.Itoa(code)+"\n"+text)
		})
	}
	if n < 25 {
		t.Errorf("only %d malformed cases; the suite promises at least 25", n)
	}
}
