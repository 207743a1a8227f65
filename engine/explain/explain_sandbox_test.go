package explain_test

import (
	"context"
	"strings"
	"testing"

	"github.com/jig-sql/jig/engine/explain"
)

// jig explain plans a query and never runs it: SQL that would turn EXPLAIN
// into EXPLAIN ANALYZE (and so run a write on the worker's tables, which
// every later fixture on that connection would see) is refused.
func TestExplainNeverRuns(t *testing.T) {
	r := explainRunner(t, map[string]string{
		"schema/t.sql":      "CREATE TABLE t (id int);\n",
		"queries/n.sql":     "SELECT count(*) AS n FROM t\n",
		"fixtures/n/a.yaml": "query: n\nexpect:\n  rows:\n    - {n: 0}\n",
	})
	for _, sql := range []string{"ANALYZE INSERT INTO t VALUES (1)", "(ANALYZE) INSERT INTO t VALUES (1)", "/* x */ analyse insert into t values (1)"} {
		if _, err := explain.Run(context.Background(), r, sql); err == nil || !strings.Contains(err.Error(), "plans a query without running it") {
			t.Errorf("Explain(%q) = %v, want it refused", sql, err)
		}
	}
	if _, err := explain.Run(context.Background(), r, "(SELECT id FROM t) UNION (SELECT 1)"); err != nil && strings.Contains(err.Error(), "plans a query") {
		t.Errorf("a query in parentheses is refused: %v", err)
	}
	if res := r.RunFixture(context.Background(), r.Suite.WS.Fixtures[0]); res.Failed() {
		t.Fatalf("t holds rows after explain: %+v %v", res.Result, res.Err)
	}
}
