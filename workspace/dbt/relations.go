package dbt

import (
	"fmt"
	"sort"
	"strings"
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
