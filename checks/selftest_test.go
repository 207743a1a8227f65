package checks

import (
	"math/big"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/jig-sql/jig/workspace"
)

var selfTestTable = workspace.Table{Name: "events", Columns: []workspace.Column{
	{Name: "event_id", Type: workspace.Type{Base: "text"}},
	{Name: "n", Type: workspace.Type{Base: "int4"}},
	{Name: "amount", Type: workspace.Type{Base: "numeric", Precision: 10, Scale: 2}},
	{Name: "day", Type: workspace.Type{Base: "date"}},
	{Name: "code", Type: workspace.Type{Base: "varchar", Length: 2}},
}}

// decodeOne decodes one check entry on table events.
func decodeOne(t *testing.T, entry string) Configured {
	t.Helper()
	f, err := DecodeFile("c.yaml", []byte("table: events\nchecks:\n  - "+entry+"\n"))
	if err != nil {
		t.Fatal(err)
	}
	return f.Checks[0]
}

// TestRecipesCoverRegistry keeps the self-test in step with the registry:
// every check type has a recipe.
func TestRecipesCoverRegistry(t *testing.T) {
	entries := map[string]string{
		"not_null": "not_null: n", "unique": "unique: [n]", "not_empty": "not_empty: event_id",
		"accepted_values":     "accepted_values: {column: n, values: [1]}",
		"not_accepted_values": "not_accepted_values: {column: n, values: [1]}",
		"relationships":       "relationships: {column: n, to: events}",
		"row_count":           "row_count: {min: 1}", "equal_row_count": "equal_row_count: events",
		"accepted_range": "accepted_range: {column: n, min: 0}",
		"matches":        "matches: {column: event_id, pattern: a}",
		"expression":     "expression: n > 0", "freshness": "freshness: {column: day, max_age: 1 day}",
		"sql": "sql: select 1",
	}
	env := Env{Tables: []workspace.Table{selfTestTable}, Now: time.Now()}
	for _, d := range Definitions() {
		e, ok := entries[d.Kind]
		if !ok {
			t.Errorf("no test entry for %s", d.Kind)
			continue
		}
		r, err := Recipes(decodeOne(t, e), env)
		if err != nil || len(r.Violate) == 0 || len(r.Satisfy) == 0 {
			t.Errorf("%s: recipe %+v, err %v", d.Kind, r, err)
		}
	}
}

func TestRecipeRowCountMinZeroCannotFail(t *testing.T) {
	r, err := Recipes(decodeOne(t, "row_count: {min: 0}"), Env{Tables: []workspace.Table{selfTestTable}})
	if err != nil || r.CannotFail == "" {
		t.Fatalf("row_count min 0: %+v, %v", r, err)
	}
}

// TestRangeSteps checks "just outside" and "just inside" per type and
// inclusiveness.
func TestRangeSteps(t *testing.T) {
	for _, c := range []struct{ entry, violate, satisfy string }{
		{"accepted_range: {column: n, min: 0}", "n = -1", "n = 0"},
		{"accepted_range: {column: n, min: 0, exclusive: true}", "n = 0", "n = 1"},
		{"accepted_range: {column: n, max: 2.5}", "n = 3", "n = 2"},
		{"accepted_range: {column: amount, min: 1, exclusive: true}", "amount = 1", "amount = 1.01"},
		{"accepted_range: {column: amount, max: 1}", "amount = 1.01", "amount = 1"},
		{`accepted_range: {column: day, max: "2024-02-28", max_inclusive: true}`, "day = '2024-02-29'", "day = '2024-02-28'"},
		{`accepted_range: {column: day, min: "2024-03-01", exclusive: true}`, "day = '2024-03-01'", "day = '2024-03-02'"},
	} {
		r, err := Recipes(decodeOne(t, c.entry), Env{Tables: []workspace.Table{selfTestTable}})
		if err != nil || len(r.Violate) == 0 || len(r.Satisfy) == 0 {
			t.Fatalf("%s: %+v %v", c.entry, r, err)
		}
		if r.Violate[0].Note != c.violate || r.Satisfy[0].Note != c.satisfy {
			t.Errorf("%s: violate %q satisfy %q, want %q and %q", c.entry, r.Violate[0].Note, r.Satisfy[0].Note, c.violate, c.satisfy)
		}
	}
}

func TestMatchingBuildsAMatch(t *testing.T) {
	for _, p := range []string{"^evnt", "^ev[0-9]+$", `^[A-Z]{3}-\d{2,}$`, "a|b", "^(foo|bar)_x?y*z+$", "."} {
		s, ok := matching(p)
		if !ok || !regexp.MustCompile(p).MatchString(s) {
			t.Errorf("matching(%q) = %q, %v", p, s, ok)
		}
	}
	if _, ok := matching(`(?=x)`); ok {
		t.Errorf("a pattern RE2 cannot parse must report false")
	}
}

func TestMatchesViolatorsDoNotMatch(t *testing.T) {
	r, _ := Recipes(decodeOne(t, `matches: {column: code, pattern: "^.?$"}`), Env{Tables: []workspace.Table{selfTestTable}})
	for _, a := range r.Violate {
		v := a.Data[0].Rows[0]["code"].(string)
		if len([]rune(v)) > 2 || regexp.MustCompile("^.?$").MatchString(v) {
			t.Errorf("violator %q matches or exceeds varchar(2)", v)
		}
	}
	if len(r.Violate) == 0 {
		t.Errorf("no violator for ^.?$ in varchar(2)")
	}
}

func TestSearchUsesLiterals(t *testing.T) {
	r, _ := Recipes(decodeOne(t, `expression: "event_id <> 'x''y' and n < 7"`), Env{Tables: []workspace.Table{selfTestTable}})
	var notes []string
	for _, a := range r.Violate {
		notes = append(notes, a.Note)
	}
	all := strings.Join(notes, "\n")
	for _, want := range []string{"event_id = 'x''y'", "n = 7", "n = 8", "event_id = 'x''y', n = 6"} {
		if !strings.Contains(all, want+"\n") {
			t.Errorf("search lacks %q:\n%s", want, all)
		}
	}
	if !r.Searched || len(r.Violate) > MaxSearch {
		t.Errorf("searched %v, %d attempts", r.Searched, len(r.Violate))
	}
}

func TestStepNumberOnIntegers(t *testing.T) {
	half := big.NewRat(1, 2)
	it := workspace.Type{Base: "int4"}
	if got := ratText(stepNumber(half, it, true, true)); got != "0" {
		t.Errorf("largest int below 0.5 = %s", got)
	}
	if got := ratText(stepNumber(new(big.Rat).Neg(half), it, true, true)); got != "-1" {
		t.Errorf("largest int below -0.5 = %s", got)
	}
}
