package enginetest

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// createSchema finds a schema file's CREATE SCHEMA statements.
var createSchema = regexp.MustCompile(`(?im)^\s*CREATE\s+SCHEMA\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)\s*;[ \t]*\n?`)

// DefaultSchemaCopy copies the project at src to a temporary folder with
// the schemas its schema/ files create folded into the default schema:
// `atomic.events` becomes `atomic_events` in every .sql and .yaml file (a
// RENAME TO keeps the prefix of the table it renames), and the CREATE
// SCHEMA statements are left out. It is the same project for a jig that
// runs only the default schema, so the machinery a project exercises can
// be tested apart from schema support. It returns the copy's folder.
func DefaultSchemaCopy(tb testing.TB, src string) string {
	tb.Helper()
	files := map[string]string{}
	var schemas []string
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(src, p)
		text := string(data)
		if strings.HasPrefix(filepath.ToSlash(rel), "schema/") {
			for _, m := range createSchema.FindAllStringSubmatch(text, -1) {
				schemas = append(schemas, m[1])
			}
			text = createSchema.ReplaceAllString(text, "")
		}
		files[filepath.ToSlash(rel)] = text
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	if len(schemas) > 0 {
		alt := `\b(` + strings.Join(schemas, "|") + `)\.`
		rename := regexp.MustCompile(`(?i)(` + alt + `\w+\s+RENAME\s+TO\s+)(\w+)`)
		qualified := regexp.MustCompile(alt)
		for name, text := range files {
			if strings.HasSuffix(name, ".sql") || strings.HasSuffix(name, ".yaml") {
				text = rename.ReplaceAllString(text, "${1}${2}_${3}")
				files[name] = qualified.ReplaceAllString(text, "${1}_")
			}
		}
	}
	dir := filepath.Join(tb.TempDir(), filepath.Base(src))
	WriteFiles(tb, dir, files)
	return dir
}
