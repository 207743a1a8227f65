package engine_test

import (
	"context"
	"strings"
	"testing"

	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/engine/enginetest"
)

// TestLongNames: two Redshift tables whose 127-byte names share their
// first 63 bytes (Postgres would cut both to one name, and one table would
// disappear) both exist, under the names written, with a long column each,
// in fixtures, the query's output and checks, in both dialects.
func TestLongNames(t *testing.T) {
	prefix := "com_snowplowanalytics_snowplow_ecommerce_product_impression_custom_"
	pad := func(s string) string { return s + strings.Repeat("x", 127-len(s)) }
	metric, dimension := pad(prefix+"metric_1_"), pad(prefix+"dimension_1_")
	col := pad("value_of_the_custom_metric_as_the_tracker_sends_it_in_its_context_")
	for _, dialect := range []string{"postgres", "redshift"} {
		t.Run(dialect, func(t *testing.T) {
			r, ws := enginetest.RunnerFromFiles(t, map[string]string{
				"jig.yaml": "dialect: " + dialect + "\n",
				"schema/a.sql": "CREATE SCHEMA atomic;\nCREATE TABLE atomic." + metric + " (id int PRIMARY KEY, " + col + " int NOT NULL);\n" +
					"CREATE TABLE atomic." + dimension + " (id int REFERENCES atomic." + metric + ", " + col + " varchar(20));\n",
				"queries/q.sql": "select m.id, m." + col + " as " + col + ", d." + col + " as dim\nfrom atomic." + metric + " m join atomic." + dimension + " d using (id)\n",
				"fixtures/q/a.yaml": "query: q\ngiven:\n  atomic." + metric + ": [{id: 1, " + col + ": 5}]\n  atomic." + dimension + ": [{id: 1, " + col + ": d1}]\n" +
					"expect:\n  rows:\n    - {id: 1, " + col + ": 5, dim: d1}\n" +
					"checks:\n  - {table: atomic." + dimension + ", not_null: " + col + "}\n",
			}, engine.RunnerOptions{Parallel: 1})
			m, d := r.Suite.Table("atomic."+metric), r.Suite.Table("atomic."+dimension)
			if m == nil || d == nil || m == d {
				t.Fatalf("tables %v: want both long names, distinct", r.Suite.Tables)
			}
			if _, ok := m.Column(col); !ok || len(d.ForeignKeys) != 1 || d.ForeignKeys[0].RefTable != metric {
				t.Errorf("columns and keys are not under their written names: %+v", *d)
			}
			res := r.RunFixture(context.Background(), ws.Fixtures[0])
			if res.Failed() {
				t.Fatal(engine.FormatFailure(res, false))
			}
			if got := res.Result.Columns[1].Name; got != col {
				t.Errorf("result column %q, want the name written", got)
			}
		})
	}
}
