package sqlmap

import (
	"strings"

	"github.com/jig-sql/jig/workspace/sqlscan"
)

// Schema is one schema a workspace declares, with the objects its schema
// files create in it.
type Schema struct {
	Name    string          // as Postgres folds it: atomic, or "Web" when quoted
	Objects map[string]bool // names created as Name.x (tables, views, types, functions…)
	File    string          // the first file that names it
	Offset  int             // byte offset of that name in File's SQL
}

// Declared reads schema files (each SQL text in order, named by paths) and
// returns the schemas they declare, in order of first appearance: every
// CREATE SCHEMA, and every schema that qualifies the name of a CREATE
// statement. public, pg_catalog and pg_* are Postgres's own, never declared.
func Declared(paths, sqls []string) []*Schema {
	var out []*Schema
	byName := map[string]*Schema{}
	add := func(name, path string, off int) *Schema {
		if builtinSchema(name) {
			return nil
		}
		s := byName[name]
		if s == nil {
			s = &Schema{Name: name, Objects: map[string]bool{}, File: path, Offset: off}
			byName[name] = s
			out = append(out, s)
		}
		return s
	}
	for i, sql := range sqls {
		for _, st := range sqlscan.SplitStatements(sqlscan.Scan(sql)) {
			sig := sqlscan.Significant(st)
			if len(sig) < 2 || !sig[0].IsKeyword("create") {
				continue
			}
			if sig[1].IsKeyword("schema") {
				if k, ok := schemaNameAt(sig, 2); ok {
					add(sig[k].Name(), paths[i], sig[k].Offset)
				}
				continue
			}
			if k, ok := createdName(sig); ok && isName(sig[k]) && k+2 < len(sig) && sig[k+1].IsSymbol(".") && isName(sig[k+2]) {
				if s := add(sig[k].Name(), paths[i], sig[k].Offset); s != nil {
					s.Objects[sig[k+2].Name()] = true
				}
			}
		}
	}
	return out
}

// builtinSchema reports the schemas every database has.
func builtinSchema(name string) bool {
	return name == "public" || name == "information_schema" || strings.HasPrefix(name, "pg_")
}

// schemaNameAt is the index of the schema name of CREATE SCHEMA whose
// tokens after SCHEMA start at k (IF NOT EXISTS skipped); false for
// CREATE SCHEMA AUTHORIZATION role, which names the schema after the role.
func schemaNameAt(sig []sqlscan.Token, k int) (int, bool) {
	if k+2 < len(sig) && sig[k].IsKeyword("if") && sig[k+1].IsKeyword("not") && sig[k+2].IsKeyword("exists") {
		k += 3
	}
	if k < len(sig) && isName(sig[k]) && !sig[k].IsKeyword("authorization") {
		return k, true
	}
	return 0, false
}

// createdName is the index of the name a CREATE statement creates: the
// first name after the object kind, skipping OR REPLACE, modifiers such as
// TEMP, UNLOGGED, MATERIALIZED, UNIQUE, and IF NOT EXISTS. CREATE INDEX
// and CREATE TRIGGER name objects that live with their table; the table
// after ON is what counts there.
func createdName(sig []sqlscan.Token) (int, bool) {
	k := 1
	for k < len(sig) && isModifier(sig[k]) {
		k++
	}
	if k >= len(sig) {
		return 0, false
	}
	kind := sig[k]
	if kind.IsKeyword("index") || kind.IsKeyword("trigger") || kind.IsKeyword("rule") || kind.IsKeyword("policy") {
		return 0, false
	}
	if !isObjectKind(kind) {
		return 0, false
	}
	k++
	if k < len(sig) && (sig[k].IsKeyword("view") || sig[k].IsKeyword("table")) { // MATERIALIZED VIEW, FOREIGN TABLE
		k++
	}
	if k+2 < len(sig) && sig[k].IsKeyword("if") && sig[k+1].IsKeyword("not") && sig[k+2].IsKeyword("exists") {
		k += 3
	}
	return k, k < len(sig)
}

func isModifier(t sqlscan.Token) bool {
	for _, w := range []string{"or", "replace", "temp", "temporary", "unlogged", "global", "local", "recursive", "materialized", "unique", "constraint", "trusted", "procedural"} {
		if t.IsKeyword(w) {
			return true
		}
	}
	return false
}

func isObjectKind(t sqlscan.Token) bool {
	for _, w := range []string{"table", "view", "type", "sequence", "domain", "function", "procedure", "aggregate", "collation", "operator", "foreign", "conversion", "statistics", "text", "materialized"} {
		if t.IsKeyword(w) {
			return true
		}
	}
	return false
}

// isName reports an identifier token, quoted or not.
func isName(t sqlscan.Token) bool { return t.Kind == sqlscan.Ident || t.Kind == sqlscan.QuotedIdent }
