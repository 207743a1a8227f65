package checks

import (
	"reflect"
	"slices"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/jig-sql/jig/workspace/diag"
)

// Configured is one check as the config declares it: the decoded check, the
// target it reads and where it was written.
type Configured struct {
	// Kind is the check's registry name.
	Kind string
	// Check is the decoded struct, options included (Check.Common()).
	Check Check
	// Table is the target's name: the file's `table:`, or the entry's own
	// `table:` in a fixture ("" when a fixture entry has none).
	Table string
	// Pos is where the entry starts.
	Pos Pos
	// Params is where each parameter was written (see ParamAt), so checks
	// against the schema can point at the parameter at fault.
	Params map[string]ParamAt
}

// file decodes a whole checks file.
func (d *decoder) file(data []byte) *File {
	f := &File{Path: d.path}
	body, ok := d.parse(data)
	if !ok {
		return f
	}
	kvs, isMap := pairs(body)
	if !isMap {
		d.errorf(body, "", "a checks file is a map with `table:` and `checks:`, got %s", describe(body))
		return f
	}
	var tableNode, checksNode ast.Node
	unknown := false
	for _, kv := range kvs {
		switch key := keyText(kv.Key); key {
		case "table":
			tableNode = kv.Value
			f.Table = d.tableName(kv.Value)
		case "checks":
			checksNode = kv.Value
		default:
			unknown = true
			d.errorf(kv.Key, diag.DidYouMean(key, []string{"table", "checks"}),
				"unknown key `%s`: a checks file has `table:` and `checks:`", key)
		}
	}
	if tableNode == nil && !unknown {
		d.errorf(body, "", "missing `table:` (the table or query name these checks read)")
	}
	if checksNode == nil {
		if !unknown {
			d.errorf(body, "", "missing `checks:` (the list of checks)")
		}
		return f
	}
	f.Checks = d.entries(checksNode, false)
	for i := range f.Checks {
		f.Checks[i].Table = f.Table
	}
	return f
}

// tableName reads a `table:` value.
func (d *decoder) tableName(n ast.Node) string {
	s, ok := scalarText(unwrap(n))
	if !ok || isBlank(s) {
		d.errorf(n, "", "`table` must be a table or query name, got %s", describe(unwrap(n)))
	}
	return s
}

// entries decodes a list of check entries.
func (d *decoder) entries(n ast.Node, allowTable bool) []Configured {
	n = unwrap(n)
	if _, null := n.(*ast.NullNode); null || n == nil {
		return nil
	}
	seq, ok := n.(*ast.SequenceNode)
	if !ok {
		d.errorf(n, "", "`checks` must be a list of checks (items starting with -), got %s", describe(n))
		return nil
	}
	var out []Configured
	for _, item := range seq.Values {
		if c, ok := d.entry(item, allowTable); ok {
			out = append(out, c)
		}
	}
	return out
}

// entryKeys sorts the keys of one entry into its check, options and table.
type entryKeys struct {
	check   *ast.MappingValueNode
	options []*ast.MappingValueNode
	table   *ast.MappingValueNode
	unknown []*ast.MappingValueNode
}

// entry decodes one list item: a map with exactly one check key.
func (d *decoder) entry(item ast.Node, allowTable bool) (Configured, bool) {
	n := unwrap(item)
	kvs, ok := pairs(n)
	if !ok {
		d.errorf(n, "", "a check is a map such as `- not_null: event_id`, got %s", describe(n))
		return Configured{}, false
	}
	before := len(d.errs)
	keys := d.sortKeys(kvs, allowTable)
	if keys.check == nil {
		d.reportUnknown(keys.unknown, Definition{}, allowTable)
		if len(keys.unknown) == 0 {
			d.errorf(n, "", "no check in this entry: expected one of %s", strings.Join(kinds(), ", "))
		}
		return Configured{}, false
	}
	kind := keyText(keys.check.Key)
	def, _ := Lookup(kind)
	misplaced := d.reportUnknown(keys.unknown, def, allowTable)
	c := def.New()
	params := d.decodeCheck(c, def, keys, misplaced)
	conf := Configured{Kind: kind, Check: c, Pos: d.pos(n), Params: params}
	if keys.table != nil {
		conf.Table = d.tableName(keys.table.Value)
	}
	return conf, len(d.errs) == before
}

// sortKeys classifies an entry's keys; a second check key is an error.
func (d *decoder) sortKeys(kvs []*ast.MappingValueNode, allowTable bool) entryKeys {
	var k entryKeys
	for _, kv := range kvs {
		key := keyText(kv.Key)
		_, isCheck := Lookup(key)
		switch {
		case isCheck && k.check != nil:
			d.errorf(kv.Key, "", "`%s` and `%s` in one entry: give each check its own list item",
				keyText(k.check.Key), key)
		case isCheck:
			k.check = kv
		case slices.Contains(optionNames, key):
			k.options = append(k.options, kv)
		case key == "table" && allowTable:
			k.table = kv
		default:
			k.unknown = append(k.unknown, kv)
		}
	}
	return k
}

// reportUnknown explains keys that are neither a check nor an option; a
// parameter of the entry's check written beside it is the usual slip, and
// those parameters' names are returned.
func (d *decoder) reportUnknown(unknown []*ast.MappingValueNode, def Definition, allowTable bool) []string {
	candidates := append(kinds(), optionNames...)
	if allowTable {
		candidates = append(candidates, "table")
	}
	var misplaced []string
	for _, kv := range unknown {
		key := keyText(kv.Key)
		if def.new != nil && slices.Contains(names(fieldsOf(reflect.TypeOf(def.new()).Elem())), key) {
			misplaced = append(misplaced, key)
			d.errorf(kv.Key, "indent it under `"+def.Kind+":`, or write `"+def.Kind+": {"+key+": ...}`",
				"`%s` is a parameter of %s, not a sibling of it", key, def.Kind)
			continue
		}
		d.errorf(kv.Key, diag.DidYouMean(key, candidates), "unknown check `%s`", key)
	}
	return misplaced
}
