package dbt

import (
	"path"
	"strings"

	"github.com/jig-sql/jig/workspace/diag"
)

// ProjectFile is the file that makes a folder a dbt project.
const ProjectFile = "dbt_project.yml"

// Project is what jig reads from dbt_project.yml.
type Project struct {
	Name       string
	ModelPaths []string
	SeedPaths  []string
	MacroPaths []string
	TestPaths  []string
	Vars       map[string]any
	// Configs holds the models: tree's +schema and +materialized, by
	// folder path under the model paths ("" for the project's root).
	Configs []FolderConfig
}

// FolderConfig is the config dbt_project.yml sets on models under Folder
// (slash-separated, relative to a model path; "" is every model).
type FolderConfig struct {
	Folder       string
	Schema       string
	Materialized string
	Disabled     bool // +enabled: false
}

// ParseProject decodes dbt_project.yml. Unknown keys are ignored: dbt's
// own settings (profile, clean-targets…) mean nothing to jig.
func ParseProject(data []byte, errs *diag.Errors) *Project {
	p := &Project{ModelPaths: []string{"models"}, SeedPaths: []string{"seeds"},
		MacroPaths: []string{"macros"}, TestPaths: []string{"tests"}, Vars: map[string]any{}}
	root := parseYAML(ProjectFile, data, errs)
	if root == nil {
		return p
	}
	if root.Kind != mapNode {
		errs.Add(ProjectFile, root.Line, root.Col, "see https://docs.getdbt.com/reference/dbt_project.yml", "dbt_project.yml is not a map")
		return p
	}
	p.Name = root.get("name").str()
	for key, dst := range map[string]*[]string{"model-paths": &p.ModelPaths, "seed-paths": &p.SeedPaths,
		"macro-paths": &p.MacroPaths, "test-paths": &p.TestPaths} {
		if n := root.get(key); n != nil {
			*dst = cleanPaths(n.strs())
		}
	}
	if v, ok := root.get("vars").plain().(map[string]any); ok {
		p.Vars = v
	}
	if models := root.get("models"); models != nil {
		// models: { +schema: x, <project name>: { staging: { +materialized: view } } };
		// other keys configure installed packages' models, which jig does not load.
		p.folderConfig(models, "")
		p.folderConfigs(models.get(p.Name), "")
	}
	return p
}

func cleanPaths(ps []string) []string {
	out := make([]string, 0, len(ps))
	for _, s := range ps {
		out = append(out, path.Clean(strings.TrimSuffix(s, "/")))
	}
	return out
}

// folderConfigs reads the models: tree under the project's key, folder by
// folder.
func (p *Project) folderConfigs(n *node, folder string) {
	if n == nil || n.Kind != mapNode {
		return
	}
	p.folderConfig(n, folder)
	for _, k := range n.Keys {
		if !strings.HasPrefix(k, "+") && n.Map[k].Kind == mapNode {
			p.folderConfigs(n.Map[k], path.Join(folder, k))
		}
	}
}

// folderConfig reads the +schema and +materialized of one folder.
func (p *Project) folderConfig(n *node, folder string) {
	if n == nil || n.Kind != mapNode {
		return
	}
	fc := FolderConfig{Folder: folder}
	for _, k := range n.Keys {
		v := n.Map[k]
		switch strings.TrimPrefix(k, "+") {
		case "schema":
			fc.Schema = v.str()
		case "materialized":
			fc.Materialized = v.str()
		case "enabled":
			fc.Disabled = v.Value == false
		}
	}
	if fc.Schema != "" || fc.Materialized != "" || fc.Disabled {
		p.Configs = append(p.Configs, fc)
	}
}

// Enabled reports whether dbt_project.yml leaves the models at rel
// (relative to its model path) enabled: no folder above it sets
// +enabled: false.
func (p *Project) Enabled(rel string) bool {
	dir := path.Dir(rel)
	for _, c := range p.Configs {
		if c.Disabled && (c.Folder == "" || dir == c.Folder || strings.HasPrefix(dir, c.Folder+"/")) {
			return false
		}
	}
	return true
}

// ConfigFor returns the schema and materialization dbt_project.yml gives a
// model at rel (relative to its model path): the deepest folder's setting
// wins, as in dbt.
func (p *Project) ConfigFor(rel string) (schema, materialized string) {
	dir := path.Dir(rel)
	if dir == "." {
		dir = ""
	}
	best := [2]int{-1, -1}
	for _, c := range p.Configs {
		if c.Folder != "" && dir != c.Folder && !strings.HasPrefix(dir, c.Folder+"/") {
			continue
		}
		depth := strings.Count(c.Folder, "/") + 1
		if c.Folder == "" {
			depth = 0
		}
		if c.Schema != "" && depth > best[0] {
			schema, best[0] = c.Schema, depth
		}
		if c.Materialized != "" && depth > best[1] {
			materialized, best[1] = c.Materialized, depth
		}
	}
	return schema, materialized
}
