package dbt

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/jig-sql/jig/workspace"
	"github.com/jig-sql/jig/workspace/diag"
)

func init() {
	workspace.RegisterLayout(workspace.Layout{Configure: configure, Load: Load})
}

// configure recognizes a dbt project and points jig's seeds folder at its
// first seed path.
func configure(dir string, c *workspace.Config) bool {
	data, err := os.ReadFile(filepath.Join(dir, ProjectFile))
	if err != nil {
		return false
	}
	var errs diag.Errors
	p := ParseProject(data, &errs)
	if len(p.SeedPaths) > 0 && c.Seeds == workspace.DefaultConfig().Seeds {
		c.Seeds = p.SeedPaths[0]
	}
	return true
}

// model is one models/**/*.sql file.
type model struct {
	Name, Path, Text string
	Schema           string // +schema from dbt_project.yml
}

// loader holds one dbt project's load.
type loader struct {
	w        *workspace.Workspace
	proj     *Project
	redshift bool
	macros   []*macroFile
	prelude  *prelude
	props    Properties
	models   map[string]*model
	order    []string // model names, sorted
	rendered map[string]*workspace.Query
	seeds    map[string]*workspace.Seed
	// Unit tests repeat themselves: what they render is kept for the load.
	inputs       map[string][2]string     // a given's input → its name, or why not
	variants     map[string]variantResult // model and overrides → its render
	fixtureFiles map[string]string        // fixture: name and extension → its text
	unavailable  map[string]string        // a model that is no query → why (for its ref())
	errs         *diag.Errors
	warns        *diag.Errors
}

// Load reads the dbt project in w.Dir into w: models as queries, unit tests
// as fixtures, data tests as check files. Problems that make the project
// unusable go to errs; a model that cannot render is a warning and is
// skipped.
func Load(w *workspace.Workspace, errs, warns *diag.Errors) {
	data, err := os.ReadFile(w.Abs(ProjectFile))
	if err != nil {
		errs.Add(ProjectFile, 1, 1, "", "cannot read the dbt project: %v", err)
		return
	}
	l := &loader{w: w, proj: ParseProject(data, errs), redshift: w.Config.Dialect == workspace.DialectRedshift,
		models: map[string]*model{}, rendered: map[string]*workspace.Query{}, seeds: map[string]*workspace.Seed{}, errs: errs, warns: warns,
		inputs: map[string][2]string{}, variants: map[string]variantResult{}, fixtureFiles: map[string]string{}, unavailable: map[string]string{}}
	for _, s := range w.Seeds {
		l.seeds[s.Name] = s
	}
	l.readMacros()
	l.readProperties()
	l.readModels()
	l.prelude = newPrelude(l.macros, l.warnMacro)
	l.renderModels()
	l.unitTests()
	l.dataTests()
	l.singularTests()
}

// walk lists the files under the project folders with one of exts, sorted.
func (l *loader) walk(folders []string, exts ...string) []string {
	var out []string
	for _, f := range folders {
		root := l.w.Abs(f)
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if !errors.Is(err, fs.ErrNotExist) {
					l.errs.Add(l.rel(p), 1, 1, "", "cannot read folder: %v", err)
				}
				return nil
			}
			if d.IsDir() && strings.HasPrefix(d.Name(), ".") && p != root {
				return filepath.SkipDir
			}
			if d.IsDir() && !slices.Contains(l.w.Folders, p) {
				l.w.Folders = append(l.w.Folders, p)
			}
			if !d.IsDir() && slices.Contains(exts, path.Ext(d.Name())) {
				out = append(out, p)
			}
			return nil
		})
	}
	sort.Strings(out)
	return out
}

func (l *loader) rel(p string) string {
	if r, err := filepath.Rel(l.w.Dir, p); err == nil {
		return filepath.ToSlash(r)
	}
	return filepath.ToSlash(p)
}

func (l *loader) read(p string) (string, bool) {
	data, err := os.ReadFile(p)
	if err != nil {
		l.errs.Add(l.rel(p), 1, 1, "", "cannot read file: %v", err)
		return "", false
	}
	if len(data) > workspace.MaxFileSize {
		l.errs.Add(l.rel(p), 1, 1, "", "file is larger than the %d MB limit", workspace.MaxFileSize>>20)
		return "", false
	}
	return string(data), true
}

// readMacros reads installed packages' macros (dbt_packages/<pkg>/macros)
// first, then the project's own, so a project macro wins a name.
func (l *loader) readMacros() {
	pkgs, _ := os.ReadDir(l.w.Abs("dbt_packages"))
	for _, p := range pkgs {
		if !p.IsDir() {
			continue
		}
		for _, f := range l.walk([]string{path.Join("dbt_packages", p.Name(), "macros")}, ".sql") {
			if text, ok := l.read(f); ok {
				l.macros = append(l.macros, newMacroFile(l.rel(f), p.Name(), text))
			}
		}
	}
	for _, f := range l.walk(l.proj.MacroPaths, ".sql") {
		if text, ok := l.read(f); ok {
			l.macros = append(l.macros, newMacroFile(l.rel(f), "", text))
		}
	}
}

// warnMacro reports a macro file left out of the prelude.
func (l *loader) warnMacro(file string, line, col int, msg string) {
	l.warns.Add(file, line, col, "its macros are not available to models", "%s", msg)
}

func (l *loader) readProperties() {
	for _, f := range l.walk(append(slices.Clone(l.proj.ModelPaths), l.proj.SeedPaths...), ".yml", ".yaml") {
		if text, ok := l.read(f); ok {
			l.props.parse(l.rel(f), []byte(text), l.errs)
		}
	}
}

func (l *loader) readModels() {
	for _, mp := range l.proj.ModelPaths {
		for _, f := range l.walk([]string{mp}, ".sql") {
			text, ok := l.read(f)
			if !ok {
				continue
			}
			name := strings.TrimSuffix(filepath.Base(f), ".sql")
			m := &model{Name: name, Path: l.rel(f), Text: text}
			if prev := l.models[name]; prev != nil {
				l.errs.Add(m.Path, 1, 1, "rename one of them: dbt needs model names to be unique too",
					"model %s is defined twice (also in %s)", name, prev.Path)
				continue
			}
			relToPath, _ := filepath.Rel(l.w.Abs(mp), f)
			if !l.proj.Enabled(filepath.ToSlash(relToPath)) {
				l.unavailable[name] = "is disabled (enabled: false in " + ProjectFile + ")"
				continue
			}
			m.Schema, _ = l.proj.ConfigFor(filepath.ToSlash(relToPath))
			l.models[name] = m
			l.order = append(l.order, name)
		}
	}
	sort.Strings(l.order)
}

// isRelation reports whether ref(name) names something: a model or a seed.
func (l *loader) isRelation(name string) bool {
	return l.models[name] != nil || l.seeds[name] != nil
}

func (l *loader) relationNames() []string {
	names := slices.Clone(l.order)
	for n := range l.seeds {
		names = append(names, n)
	}
	return names
}
