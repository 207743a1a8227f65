package workspace

import (
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/jig-sql/jig/workspace/diag"
	"github.com/jig-sql/jig/workspace/redshift"
)

// Workspace is everything jig reads from a workspace directory.
type Workspace struct {
	Dir        string // as given to Load, cleaned
	Config     Config
	Schema     []*SchemaFile // in name order, the order they are applied
	Queries    []*Query      // in name order
	Ordered    []*Query      // Queries, each after the queries it reads (LinkQueries)
	CheckFiles []File        // checks/*.yaml, for package checks to decode
	Fixtures   []*Fixture    // by folder, then file name
	Seeds      []*Seed       // seeds/*.csv, in name order
	// Warnings are problems that skip one item (a dbt model jig cannot
	// render) without making the workspace unusable.
	Warnings diag.Errors
	// Folders are the folders, besides jig's own, a layout read files from
	// (a dbt project's models/**, macros/…), for the workbench to watch.
	Folders []string
}

// Layout reads a project layout other than jig's own folders (a dbt
// project: package workspace/dbt, which registers itself). Configure runs
// after jig.yaml is read and says whether the layout is present (it may
// move folders, e.g. seeds to dbt's seed-paths); Load runs after jig's own
// folders are read and adds queries, fixtures and check files.
type Layout struct {
	Configure func(dir string, c *Config) bool
	Load      func(w *Workspace, errs, warnings *diag.Errors)
}

var layouts []Layout

// RegisterLayout adds a layout every Load looks for.
func RegisterLayout(l Layout) { layouts = append(layouts, l) }

// File is a workspace file read but not decoded here.
type File struct {
	Path string // relative to the workspace, slash-separated
	Data []byte
}

// Load reads the workspace in dir. It always returns a Workspace holding
// everything that could be read; the error, when not nil, is a diag.Errors
// listing every problem in every file, sorted by file, line and column.
func Load(dir string) (*Workspace, error) {
	l := &loader{dir: filepath.Clean(dir)}
	w := &Workspace{Dir: l.dir, Config: DefaultConfig()}
	if fi, err := os.Stat(l.dir); err != nil || !fi.IsDir() {
		msg := "not a directory"
		if err != nil {
			msg = err.Error()
		}
		l.errs.Add(dir, 1, 1, "", "cannot open workspace: %s", msg)
		return w, l.errs.Err()
	}
	if data, ok := l.read(filepath.Join(l.dir, ConfigFile), true); ok {
		w.Config = decodeConfig(&ydec{file: ConfigFile, errs: &l.errs}, data)
	}
	var found []Layout
	for _, lay := range layouts {
		if lay.Configure(l.dir, &w.Config) {
			found = append(found, lay)
		}
	}
	redshift := w.Config.Dialect == DialectRedshift
	for _, p := range l.list(w.Config.Schema, ".sql") {
		if data, ok := l.read(p, false); ok {
			f, err := ParseSchema(l.rel(p), string(data), redshift)
			l.merge(err)
			w.Schema = append(w.Schema, f)
		}
	}
	for _, p := range l.list(w.Config.Queries, ".sql") {
		data, ok := l.read(p, false)
		if !ok {
			// Reported at its place (a NUL byte, not UTF-8, too big): its
			// fixtures must not also say the query does not exist.
			l.unreadable = append(l.unreadable, strings.TrimSuffix(filepath.Base(p), ".sql"))
			continue
		}
		q, err := ParseQuery(l.rel(p), string(data))
		l.merge(err)
		w.Queries = append(w.Queries, q)
	}
	for _, p := range l.list(w.Config.Checks, ".yaml", ".yml") {
		if data, ok := l.read(p, false); ok {
			w.CheckFiles = append(w.CheckFiles, File{Path: l.rel(p), Data: data})
		}
	}
	for _, p := range l.list(w.Config.Seeds, ".csv") {
		if data, ok := l.read(p, false); ok {
			s, err := ParseSeed(l.rel(p), data)
			l.merge(err)
			w.Seeds = append(w.Seeds, s)
		}
	}
	w.Fixtures = l.fixtures(w.Config.Fixtures)
	for _, lay := range found {
		lay.Load(w, &l.errs, &w.Warnings) // a dbt project's models are queries too
	}
	l.merge(w.LinkQueries())
	l.givenCSVs(w)
	l.checkFixtures(w)
	return w, l.errs.Err()
}

// Query returns the query with that name, or nil.
func (w *Workspace) Query(name string) *Query {
	for _, q := range w.Queries {
		if q.Name == name {
			return q
		}
	}
	return nil
}

// Fixture returns the fixture named query/stem, or nil.
func (w *Workspace) Fixture(name string) *Fixture {
	for _, f := range w.Fixtures {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// Distribution returns the Redshift design the schema files give a table.
func (w *Workspace) Distribution(schema, table string) (redshift.Distribution, bool) {
	for _, f := range w.Schema {
		if d, ok := f.Distribution(schema, table); ok {
			return d, true
		}
	}
	return redshift.Distribution{}, false
}

// Abs turns a workspace-relative path (as in the Path fields) into a path
// on disk.
func (w *Workspace) Abs(rel string) string {
	if filepath.IsAbs(rel) {
		return rel
	}
	return filepath.Join(w.Dir, filepath.FromSlash(rel))
}

// FixturePath is where the fixture query/stem is saved.
func (w *Workspace) FixturePath(query, stem string) string {
	return filepath.Join(w.folder(w.Config.Fixtures), query, stem+".yaml")
}

func (w *Workspace) folder(f string) string {
	if filepath.IsAbs(f) {
		return f
	}
	return filepath.Join(w.Dir, f)
}

// checkFixtures reports fixtures naming unknown queries and duplicate names.
func (l *loader) checkFixtures(w *Workspace) {
	names := make([]string, len(w.Queries))
	for i, q := range w.Queries {
		names[i] = q.Name
	}
	seen := map[string]string{}
	for _, f := range w.Fixtures {
		if prev, dup := seen[f.Name]; dup {
			l.errs.Add(f.Path, 1, 1, "rename one of them", "fixture %s is defined twice (also in %s)", f.Name, prev)
		}
		seen[f.Name] = f.Path
		l.checkSteps(f, names)
		if slices.Contains(names, f.Query) || slices.Contains(l.unreadable, f.Query) {
			continue
		}
		line, col := f.QueryLine, f.QueryCol
		if line == 0 {
			line, col = 1, 1
		}
		hint := diag.DidYouMean(f.Query, names)
		if hint == "" {
			hint = "add queries/" + f.Query + ".sql"
		}
		l.errs.Add(f.Path, line, col, hint, "fixture names query `%s`, which does not exist", f.Query)
	}
}

func hasExt(name string, exts ...string) bool {
	for _, e := range exts {
		if strings.HasSuffix(name, e) {
			return true
		}
	}
	return false
}
