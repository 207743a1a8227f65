package pull

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/jig-sql/jig/workspace"
)

// FileState says how a pulled file compares with the one on disk.
type FileState string

// The states of a File.
const (
	FileNew       FileState = "new"
	FileChanged   FileState = "changed"
	FileUnchanged FileState = "unchanged"
	FileFailed    FileState = "failed" // the table could not be pulled; nothing is written
)

// File is one schema file jig pull writes: schema/<table>.sql.
type File struct {
	Table   string
	Path    string
	Text    string // the new content
	State   FileState
	Changes []string // what changed since the file on disk, for people
	Notes   []string // what the user should know about the file
	Err     error    // with FileFailed
}

// Plan renders the pulled tables as files in dir (one per table, in
// name order) and compares each with the file already there. It writes
// nothing: Write does.
func Plan(p *Result, dir string) []File {
	specs := map[string]*tableFile{}
	var names []string
	var out []File
	for _, t := range p.Tables {
		if t.Err != nil {
			out = append(out, File{Table: t.Table.Name, State: FileFailed, Err: t.Err})
			continue
		}
		specs[t.Table.Name] = &tableFile{Table: t, deferred: map[string]bool{}}
		names = append(names, t.Table.Name)
	}
	sort.Slice(names, func(i, j int) bool { return fileName(names[i]) < fileName(names[j]) })
	notes := map[string][]string{}
	assignEnums(specs, names, dir)
	placeForeignKeys(specs, names, notes)
	for _, name := range names {
		f := specs[name]
		path := filepath.Join(dir, fileName(name))
		pf := File{Table: name, Path: path, Notes: notes[name]}
		pf.Text = header(p, &f.Table.Table) + "\n" + f.render()
		pf.State, pf.Changes = compareFile(path, pf.Text)
		out = append(out, pf)
	}
	return out
}

// Write writes the new and changed files, each atomically.
func Write(files []File) error {
	var errs []error
	for _, f := range files {
		if f.State != FileNew && f.State != FileChanged {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(f.Path), 0o755); err != nil {
			errs = append(errs, err)
			continue
		}
		if err := workspace.WriteFileAtomic(f.Path, []byte(f.Text), 0o644); err != nil {
			errs = append(errs, fmt.Errorf("writing %s: %w", f.Path, err))
		}
	}
	return errors.Join(errs...)
}

// fileName is the table's file: its name with anything a file system might
// mind replaced.
func fileName(table string) string {
	return strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == 0 || r == ':' || r < ' ' {
			return '_'
		}
		return r
	}, table) + ".sql"
}

// assignEnums gives each enum to the first file that uses it, unless a
// file of the workspace that this pull does not rewrite already creates it.
func assignEnums(specs map[string]*tableFile, names []string, dir string) {
	done := map[string]bool{}
	rewritten := map[string]bool{}
	for _, n := range names {
		rewritten[fileName(n)] = true
	}
	others := otherSchemaText(dir, rewritten)
	for _, n := range names {
		f := specs[n]
		for _, c := range f.Table.Table.Columns {
			e := enumName(c.Type)
			if e == "" || done[e] {
				continue
			}
			done[e] = true
			bare := strings.ToLower(strings.Trim(e, `"`))
			if strings.Contains(others, "create type "+bare+" ") || strings.Contains(others, `create type "`+bare+`"`) {
				continue
			}
			f.enums = append(f.enums, c.Type)
		}
	}
}

// otherSchemaText is the lower-cased text of dir's .sql files not in skip.
func otherSchemaText(dir string, skip map[string]bool) string {
	entries, _ := os.ReadDir(dir)
	var b strings.Builder
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".sql") || skip[e.Name()] {
			continue
		}
		if data, err := os.ReadFile(filepath.Join(dir, e.Name())); err == nil {
			b.WriteString(strings.ToLower(string(data)) + "\n")
		}
	}
	return b.String()
}

// placeForeignKeys moves a foreign key to a table whose file loads later
// into that file, as ALTER TABLE after its CREATE TABLE.
func placeForeignKeys(specs map[string]*tableFile, names []string, notes map[string][]string) {
	for _, n := range names {
		f := specs[n]
		for _, fk := range f.Table.Table.ForeignKeys {
			if fk.RefTable == n || (fk.RefSchema != "" && fk.RefSchema != f.Table.Table.Schema) || fileName(fk.RefTable) < fileName(n) {
				continue
			}
			ref := specs[fk.RefTable]
			if ref == nil {
				notes[n] = append(notes[n], fmt.Sprintf("foreign key %s references %s, whose file loads after %s: pull both tables together so the key is added once both exist", fk.Name, fk.RefTable, fileName(n)))
				continue
			}
			f.deferred[fk.Name] = true
			ref.alters = append(ref.alters, "ALTER TABLE "+workspace.QuoteIdent(n)+" ADD CONSTRAINT "+workspace.QuoteIdent(fk.Name)+" "+f.fkDef(fk))
		}
	}
}

// header says where and when the file came from (never who, never a
// password) and lists the columns, which the next pull diffs against.
func header(p *Result, t *workspace.Table) string {
	server := "Postgres"
	if p.Redshift {
		server = "Redshift"
	}
	return fmt.Sprintf("-- %s: pulled by jig from %s %s, schema %s, at %s.\n"+
		"-- jig pull rewrites this file; it compares the column list below to show what changed.\n"+
		"%s%s\n", t.Name, server, p.Source, p.Schema, p.At.Format(time.RFC3339), columnsPrefix, columnsLine(t))
}
