package dbt

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/nikolalohinski/gonja/v2/exec"
)

// sourceTable finds source('src', 'tbl') in the property files.
func (l *loader) sourceTable(src, tbl string) (*SourceTable, string, error) {
	var names []string
	for _, s := range l.props.Sources {
		if s.Name != src {
			continue
		}
		for _, t := range s.Tables {
			if t.Name == tbl {
				return t, s.Schema, nil
			}
			names = append(names, t.Name)
		}
	}
	if names == nil {
		return nil, "", fmt.Errorf("source('%s', '%s'): no source named %s under sources: in the models' YAML", src, tbl, src)
	}
	return nil, "", fmt.Errorf("source('%s', '%s'): source %s has no table %s%s", src, tbl, src, tbl, hintName(tbl, names))
}

// sourceName is how a source's table is named in the SQL jig runs: bare
// when it lives in the default schema for jig (a seed of that name, a table
// schema/ creates unqualified, or schema public), else schema.identifier,
// as schema/ must then declare it (CREATE SCHEMA s; CREATE TABLE s.t).
func (l *loader) sourceName(schema, identifier string) string {
	if l.seeds[identifier] != nil || strings.EqualFold(schema, "public") {
		return identifier
	}
	qualified := strings.ToLower(schema + "." + identifier)
	for _, f := range l.w.Schema {
		if _, ok := f.Tables[qualified]; ok {
			return schema + "." + identifier
		}
	}
	for _, f := range l.w.Schema {
		if _, ok := f.Tables[strings.ToLower(identifier)]; ok {
			return identifier
		}
	}
	return schema + "." + identifier
}

// columnsOf lists a relation's columns for dbt_utils.star and
// adapter.get_columns_in_relation, as the warehouse would: a seed's
// header, a schema/ table's CREATE TABLE, else the columns: its YAML
// documents.
func (l *loader) columnsOf(rel Relation) ([]string, error) {
	if s := l.seeds[rel.Identifier]; s != nil {
		cols := make([]string, len(s.Columns))
		for i, c := range s.Columns {
			cols[i] = c.Name
		}
		return cols, nil
	}
	for _, f := range l.w.Schema {
		if cols, ok := f.Columns[strings.ToLower(rel.Rendered)]; ok {
			return cols, nil
		}
	}
	var cols []string
	for _, m := range l.props.Models {
		if m.Name == rel.Identifier {
			for _, c := range m.Columns {
				cols = append(cols, c.Name)
			}
		}
	}
	for _, s := range l.props.Sources {
		for _, t := range s.Tables {
			if t.Identifier == rel.Identifier && s.Schema == rel.Schema {
				for _, c := range t.Columns {
					cols = append(cols, c.Name)
				}
			}
		}
	}
	if cols == nil {
		return nil, fmt.Errorf("the columns of %s are unknown to jig (it reads no warehouse): declare it in schema/, list them under columns: in its YAML, or make it a seed", rel.Rendered)
	}
	return cols, nil
}

// seedValues is the distinct non-empty values of a seed column, sorted.
func (l *loader) seedValues(seed, column string) ([]string, error) {
	s := l.seeds[seed]
	if s == nil {
		return nil, fmt.Errorf("%s is not a seed; jig can list column values of seeds only", seed)
	}
	idx := -1
	for i, c := range s.Columns {
		if c.Name == column {
			idx = i
		}
	}
	if idx < 0 {
		return nil, fmt.Errorf("seed %s has no column %s", seed, column)
	}
	seen := map[string]bool{}
	var out []string
	for _, r := range s.Rows {
		if v := r[idx]; v != "" && !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	sort.Strings(out)
	return out, nil
}

// ref('model'), ref('package', 'model'), ref('model', v=2): the bare query
// name.
func (s *state) ref(args *exec.VarArgs) *exec.Value {
	if len(args.Args) == 0 || len(args.Args) > 2 {
		return s.fail("ref() takes one or two names, got %d", len(args.Args))
	}
	name := args.Args[len(args.Args)-1].String()
	if why, ok := s.ld.unavailable[name]; ok {
		s.failNear = refAt(name)
		return s.fail("ref('%s'): model %s %s; a model cannot read it", name, name, why)
	}
	if !s.ld.isRelation(name) {
		return s.fail("ref('%s'): no model or seed named %s%s", name, name, hintName(name, s.ld.relationNames()))
	}
	s.read(name, fmt.Sprintf("ref('%s')", name))
	return exec.AsValue(Relation{Database: "jig", Schema: "public", Identifier: name, Name: name, Rendered: name})
}

// refAt matches ref('name') (either quote, either argument count) in a
// line of the template.
func refAt(name string) *regexp.Regexp {
	return regexp.MustCompile(`ref\s*\(\s*(?:['"][^'"]*['"]\s*,\s*)?['"]` + regexp.QuoteMeta(name) + `['"]`)
}

// read records a relation the render reads.
func (s *state) read(name, input string) {
	if !slices.Contains(s.refs, name) {
		s.refs = append(s.refs, name)
	}
	if s.inputs == nil {
		s.inputs = map[string]string{}
	}
	s.inputs[name] = input
}

// source('s', 't'): the table as jig names it (see sourceName).
func (s *state) source(args *exec.VarArgs) *exec.Value {
	if len(args.Args) != 2 {
		return s.fail("source() takes a source name and a table name, got %d arguments", len(args.Args))
	}
	src, tbl := args.Args[0].String(), args.Args[1].String()
	st, schema, err := s.ld.sourceTable(src, tbl)
	if err != nil {
		return s.fail("%v", err)
	}
	name := s.ld.sourceName(schema, st.Identifier)
	s.read(name, fmt.Sprintf("source('%s', '%s')", src, tbl))
	return exec.AsValue(Relation{Database: "jig", Schema: schema, Identifier: st.Identifier, Name: st.Name, Rendered: name})
}
