package checks

import (
	"flag"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
)

// structDocs parses the package's Go files and returns, per struct type
// name, the doc comment of each field by YAML name ("" when missing), and
// whether the type itself has a doc comment.
func structDocs(t *testing.T) (fields map[string]map[string]string, typeDoc map[string]bool) {
	t.Helper()
	fields, typeDoc = map[string]map[string]string{}, map[string]bool{}
	paths, _ := filepath.Glob("*.go")
	fset := token.NewFileSet()
	for _, p := range paths {
		if strings.HasSuffix(p, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, p, nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.TYPE {
				continue
			}
			for _, spec := range gd.Specs {
				ts := spec.(*ast.TypeSpec)
				st, ok := ts.Type.(*ast.StructType)
				if !ok {
					continue
				}
				typeDoc[ts.Name.Name] = gd.Doc != nil || ts.Doc != nil
				fields[ts.Name.Name] = fieldDocs(st)
			}
		}
	}
	return fields, typeDoc
}

// fieldDocs maps a struct's YAML field names to their doc comments.
func fieldDocs(st *ast.StructType) map[string]string {
	out := map[string]string{}
	for _, f := range st.Fields.List {
		if len(f.Names) == 0 || f.Tag == nil {
			continue
		}
		tag := reflect.StructTag(strings.Trim(f.Tag.Value, "`"))
		name, _, _ := strings.Cut(tag.Get("yaml"), ",")
		out[name] = strings.Join(strings.Fields(f.Doc.Text()), " ")
	}
	return out
}

// TestParamsMatchStructs is the seed's "compare the config against the
// function signature": every registered check's documented parameters are
// exactly its struct's YAML fields, each with a doc comment, and params.txt
// (the docs help screens show) is generated from those comments.
func TestParamsMatchStructs(t *testing.T) {
	docs, typeDoc := structDocs(t)
	var lines []string
	add := func(prefix string, typ reflect.Type) {
		name := typ.Name()
		if !typeDoc[name] {
			t.Errorf("%s has no doc comment", name)
		}
		var fromSource []string
		for yamlName, doc := range docs[name] {
			fromSource = append(fromSource, yamlName)
			if doc == "" {
				t.Errorf("%s.%s (%s) has no doc comment", name, yamlName, prefix)
			}
			lines = append(lines, prefix+"."+yamlName+"\t"+doc)
		}
		sort.Strings(fromSource)
		fromReflect := names(fieldsOf(typ))
		sort.Strings(fromReflect)
		if !reflect.DeepEqual(fromSource, fromReflect) {
			t.Errorf("%s: source fields %v, reflected %v", name, fromSource, fromReflect)
		}
	}
	add("options", reflect.TypeOf(Options{}))
	for _, d := range registry {
		typ := reflect.TypeOf(d.New()).Elem()
		add(d.Kind, typ)
		if d.New().Kind() != d.Kind {
			t.Errorf("%s registered as %q", d.Kind, d.New().Kind())
		}
		if d.Shorthand != "" && !contains(names(fieldsOf(typ)), d.Shorthand) {
			t.Errorf("%s: shorthand %q is not a parameter", d.Kind, d.Shorthand)
		}
		for _, p := range d.Params() {
			if p.Doc == "" || p.Type == "" {
				t.Errorf("%s.%s: missing doc or type in Params()", d.Kind, p.Name)
			}
		}
	}
	sort.Strings(lines)
	got := strings.Join(lines, "\n") + "\n"
	switch {
	case flag.Lookup("update").Value.String() == "true": // x/exp/golden's flag
		if err := os.WriteFile("params.txt", []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	case got != paramDocs:
		t.Errorf("params.txt is out of date with the doc comments (go test -run TestParams -update rewrites it)")
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestExamplesRoundTrip decodes testdata/examples.yaml, marshals each check
// struct back to YAML by its tags and decodes that again, both with jig's
// decoder and with go-yaml's strict decoder: the tags and the decoder agree.
// It also requires every parameter of every check to be set in an example.
func TestExamplesRoundTrip(t *testing.T) {
	data, err := os.ReadFile("testdata/examples.yaml")
	if err != nil {
		t.Fatal(err)
	}
	f, err := DecodeFile("examples.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	covered := map[string]bool{}
	for _, c := range f.Checks {
		out, err := yaml.Marshal(c.Check)
		if err != nil {
			t.Fatalf("%s: %v", c.Pos, err)
		}
		again, err := DecodeEntry("again.yaml", []byte(c.Kind+":\n  "+strings.ReplaceAll(string(out), "\n", "\n  ")), 1, 1)
		if err != nil {
			t.Fatalf("%s: re-decoding\n%s: %v", c.Pos, out, err)
		}
		if !reflect.DeepEqual(again.Check, c.Check) {
			t.Errorf("%s: round trip\n got %+v\nwant %+v", c.Pos, again.Check, c.Check)
		}
		strict := reflect.New(reflect.TypeOf(c.Check).Elem()).Interface()
		if err := yaml.UnmarshalWithOptions(out, strict, yaml.Strict()); err != nil {
			t.Errorf("%s: go-yaml strict: %v", c.Pos, err)
		} else if !reflect.DeepEqual(strict, c.Check) {
			t.Errorf("%s: go-yaml decodes\n%+v\nnot %+v", c.Pos, strict, c.Check)
		}
		rv := reflect.ValueOf(c.Check).Elem()
		for _, fl := range allFields(rv.Type()) {
			if !rv.FieldByIndex(fl.index).IsZero() {
				covered[c.Kind+"."+fl.name] = true
			}
		}
	}
	for _, d := range registry {
		for _, fl := range fieldsOf(reflect.TypeOf(d.New()).Elem()) {
			if !covered[d.Kind+"."+fl.name] {
				t.Errorf("no example sets %s.%s", d.Kind, fl.name)
			}
		}
	}
	for _, name := range optionNames {
		if !covered["not_null."+name] {
			t.Errorf("the not_null example should set option %s", name)
		}
	}
}
