package engine_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/engine/enginetest"
	"github.com/jig-sql/jig/workspace"
	"github.com/jig-sql/jig/workspace/diag"
)

// seedFiles is a workspace with an inferred seed (orders) and a declared one
// (customers, whose id is declared text though it reads as integer).
var seedFiles = map[string]string{
	"schema/customers.sql": "CREATE TABLE customers (id text PRIMARY KEY, name varchar(20) NOT NULL);",
	"seeds/customers.csv":  "id,name\n1,Ann\n2,Bo\n",
	"seeds/orders.csv": "id,big,amount,paid,day,at,ref,note,empty\n" +
		"1,3000000000,9.50,true,2024-01-31,2024-01-31 10:00:00,a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11,hi,\n" +
		"2,1,12,false,2024-02-29,2024-02-29T23:59:59.5,b0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11,,\n" +
		"3,,0.25,,,,,\"a, b\",\n",
	"queries/order_total.sql": "SELECT count(*) AS n, sum(amount) AS total, count(note) AS notes FROM orders",
	"queries/names.sql":       "SELECT string_agg(name || ':' || pg_typeof(id)::text, ',' ORDER BY name) AS names FROM customers",
	"fixtures/order_total/given.yaml": "query: order_total\ngiven:\n  orders:\n    - {id: 7, amount: 1.5}\n" +
		"setup: UPDATE orders SET amount = 2\nexpect:\n  columns: partial\n  rows:\n    - {n: 1, total: 2}\n",
	"fixtures/order_total/seeded.yaml": "query: order_total\nexpect:\n  rows:\n    - {n: 3, total: 21.75, notes: 2}\n",
}

func TestSeedsInferredTypes(t *testing.T) {
	r, _ := enginetest.RunnerFromFiles(t, seedFiles, engine.RunnerOptions{Parallel: 1})
	var got []string
	for _, tb := range r.Suite.Tables {
		if tb.Name == "orders" {
			for _, c := range tb.Columns {
				got = append(got, c.Name+" "+c.Type.Name)
			}
		}
	}
	want := "id integer, big bigint, amount numeric, paid boolean, day date, at timestamp without time zone, " +
		"ref uuid, note text, empty text"
	if strings.Join(got, ", ") != want {
		t.Errorf("orders columns:\n got %s\nwant %s", strings.Join(got, ", "), want)
	}
}

// runQuery runs a query on the seeded tables, as jig run does (no rows given).
func runQuery(t *testing.T, r *engine.Runner, query string) [][]engine.Value {
	t.Helper()
	res := r.RunFixture(context.Background(), &workspace.Fixture{Name: query + "/run", Path: "run", Query: query})
	if res.Err != nil || res.Result == nil {
		t.Fatalf("%s: %v", query, res.Err)
	}
	return res.Result.Rows
}

func TestSeedsLoadDeclaredAndInferred(t *testing.T) {
	r, _ := enginetest.RunnerFromFiles(t, seedFiles, engine.RunnerOptions{Parallel: 1})
	if got := fmt.Sprint(runQuery(t, r, "order_total")); got != "[[3 21.75 2]]" {
		t.Errorf("order_total on the seed = %s", got)
	}
	// customers.id is declared text: the seed's "1" stays text.
	if got := fmt.Sprint(runQuery(t, r, "names")); got != "[[Ann:text,Bo:text]]" {
		t.Errorf("names = %s", got)
	}
}

// TestSeedsFixtureOverrideIsolated runs a fixture that replaces the seed's
// rows (and updates them in setup) between two that read the seed, on one
// connection: the replacement never leaks.
func TestSeedsFixtureOverrideIsolated(t *testing.T) {
	r, ws := enginetest.RunnerFromFiles(t, seedFiles, engine.RunnerOptions{Parallel: 1})
	seeded, given := ws.Fixture("order_total/seeded"), ws.Fixture("order_total/given")
	for i, f := range []*workspace.Fixture{seeded, given, seeded, given, seeded} {
		res := r.RunFixture(context.Background(), f)
		if res.Status != engine.StatusPass {
			t.Fatalf("run %d, %s: %s %v\n%s", i, f.Name, res.Status, res.Err, engine.FormatFailure(res, false))
		}
	}
}

func TestSeedsValueNotFittingDeclaredType(t *testing.T) {
	ws := enginetest.Workspace(t, map[string]string{
		"schema/t.sql": "CREATE TABLE t (id integer, day date NOT NULL);",
		"seeds/t.csv":  "id,day\n1,2024-01-01\n2,someday\n",
	})
	_, err := engine.NewRunner(context.Background(), enginetest.Server(t), ws, engine.RunnerOptions{Parallel: 1})
	var we diag.Errors
	if !errors.As(err, &we) {
		t.Fatalf("got %T %v, want diag.Errors", err, err)
	}
	want := `seeds/t.csv:3:3: column day: invalid input syntax for type date: "someday"`
	if !strings.HasPrefix(err.Error(), want) || !strings.Contains(err.Error(), "hint: fix the value") {
		t.Errorf("error:\n%v\nwant prefix %s", err, want)
	}
}

func TestSeedsHeaderColumnNotDeclared(t *testing.T) {
	ws := enginetest.Workspace(t, map[string]string{
		"schema/t.sql": "CREATE TABLE t (id integer, amount numeric);",
		"seeds/t.csv":  "id,amount,amout\n1,2,3\n",
	})
	_, err := engine.NewRunner(context.Background(), enginetest.Server(t), ws, engine.RunnerOptions{Parallel: 1})
	want := `seeds/t.csv:1:11: table t declared in schema/ has no column "amout"` + "\n  hint: did you mean `amount`?"
	if err == nil || err.Error() != want {
		t.Errorf("error:\n%v\nwant\n%s", err, want)
	}
}

// TestSeedsSelfTestIgnoresSeedRows: a self-test judges a check on the rows
// it builds, so a seed that already violates the check (two rows with id 1,
// a zero amount) neither proves it nor keeps it from passing.
func TestSeedsSelfTestIgnoresSeedRows(t *testing.T) {
	got := selfTest(t, map[string]string{
		"seeds/pay.csv":   "id,amount\n1,0\n1,5\n",
		"checks/pay.yaml": "table: pay\nchecks:\n  - unique: [id]\n  - expression: \"amount > 0\"\n    name: positive\n",
	})
	expect(t, got, map[string]engine.SelfTestOutcome{"unique(id)": engine.SelfTestProven, "positive": engine.SelfTestProven},
		map[string]string{"unique(id)": "passes on two rows with different values", "positive": "passes on"})
}

// TestSeedsFixtureParentsReplaceSeed: a fixture that gives a child seed's
// rows gets a factory parent for its foreign key, which replace the parent
// seed's rows (instead of colliding with their keys); an empty given list
// empties a seed.
func TestSeedsFixtureParentsReplaceSeed(t *testing.T) {
	r, ws := enginetest.RunnerFromFiles(t, map[string]string{
		"schema/shop.sql": "CREATE TABLE cust (id integer PRIMARY KEY, name text);\n" +
			"CREATE TABLE ord (id integer PRIMARY KEY, cust_id integer NOT NULL REFERENCES cust (id));",
		"seeds/cust.csv":    "id,name\n1,Ann\n2,Bo\n3,Cy\n",
		"seeds/ord.csv":     "id,cust_id\n1,1\n2,3\n",
		"queries/n.sql":     "SELECT (SELECT count(*) FROM cust) AS custs, (SELECT count(*) FROM ord) AS ords",
		"fixtures/n/a.yaml": "query: n\ngiven:\n  ord:\n    - {id: 5}\n    - {id: 6}\nexpect:\n  rows:\n    - {custs: 1, ords: 2}\n",
		"fixtures/n/b.yaml": "query: n\ngiven:\n  ord: []\nexpect:\n  rows:\n    - {custs: 3, ords: 0}\n",
	}, engine.RunnerOptions{Parallel: 1})
	for _, name := range []string{"n/a", "n/b"} {
		if res := r.RunFixture(context.Background(), ws.Fixture(name)); res.Status != engine.StatusPass {
			t.Errorf("%s: %s %v\n%s", name, res.Status, res.Err, engine.FormatFailure(res, false))
		}
	}
}
