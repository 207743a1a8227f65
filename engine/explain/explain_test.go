package explain_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/engine/enginetest"
	"github.com/jig-sql/jig/engine/explain"
)

// explainRunner is a runner on a workspace: the demo when files is nil,
// else a workspace of those files.
func explainRunner(t *testing.T, files map[string]string) *engine.Runner {
	t.Helper()
	r, _ := enginetest.RunnerFromFiles(t, files, engine.RunnerOptions{Parallel: 1})
	return r
}

func explainSQL(t *testing.T, r *engine.Runner, sql string) *explain.Explanation {
	t.Helper()
	e, err := explain.Run(context.Background(), r, sql)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(e.Plan, "Scan") {
		t.Errorf("the plan should be EXPLAIN's text:\n%s", e.Plan)
	}
	return e
}

// kinds lists the advice as "kind table.column", one per line.
func kinds(e *explain.Explanation) string {
	var lines []string
	for _, a := range e.Advice {
		lines = append(lines, a.Kind+" "+a.Table+"."+a.Column)
	}
	return strings.Join(lines, "\n")
}

// TestExplainDemo: each advice fires on the demo (events DISTKEY (user_id)
// SORTKEY (event_ts), nullable user_id) exactly when it should.
func TestExplainDemo(t *testing.T) {
	r := explainRunner(t, nil)
	cases := []struct{ name, sql, want string }{
		{"range on the sort key", "SELECT * FROM events WHERE event_ts >= '2024-01-01' AND event_ts < '2024-02-01'",
			"select-star events.\ndistkey-nullable events.user_id"},
		{"range off the sort key", "SELECT event_id FROM events WHERE duration_ms BETWEEN 10 AND 100",
			"range-sortkey events.duration_ms\ndistkey-nullable events.user_id"},
		{"equality is no range", "SELECT event_id FROM events WHERE duration_ms = 10",
			"distkey-nullable events.user_id"},
		{"join on both dist keys", "SELECT e.browser_id, u.name FROM events e JOIN users u ON u.user_id = e.user_id",
			"distkey-nullable events.user_id"},
		{"join off the dist keys", "SELECT e.browser_id FROM events e JOIN orders o ON o.order_id::text = e.event_id",
			"join-distkey orders.order_id\njoin-distkey events.event_id\ndistkey-nullable events.user_id"},
		{"narrow table", "SELECT * FROM users", ""},
		{"the demo query", r.Suite.WS.Query("browser_users").SQL, "distkey-nullable events.user_id"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := explainSQL(t, r, c.sql)
			if got := kinds(e); got != c.want {
				t.Errorf("advice:\n%s\nwant:\n%s", got, c.want)
			}
			for _, a := range e.Advice {
				if !strings.Contains(a.Message, a.Table) || !strings.Contains(a.Message, a.Column) {
					t.Errorf("%q does not name %s.%s", a.Message, a.Table, a.Column)
				}
			}
		})
	}
}

// TestExplainSelectStarNamesUsedColumns: the columns a star's consumers
// use come from the plan's Output lists.
func TestExplainSelectStarNamesUsedColumns(t *testing.T) {
	r := explainRunner(t, nil)
	e := explainSQL(t, r, "WITH recent AS (SELECT * FROM events) SELECT r.browser_id, count(*) FROM recent r WHERE r.user_id IS NOT NULL GROUP BY 1")
	a := e.Advice[0]
	if a.Kind != explain.AdviceSelectStar || strings.Join(a.Columns, ",") != "browser_id,user_id" ||
		!strings.Contains(a.Message, "uses only browser_id, user_id") || !strings.Contains(a.Message, "all 6 columns of events") {
		t.Errorf("got %+v", a)
	}
	e = explainSQL(t, r, "SELECT e.*, u.name FROM events e JOIN users u USING (user_id)")
	if got := kinds(e); !strings.HasPrefix(got, "select-star events.\n") || strings.Contains(got, "select-star users") {
		t.Errorf("e.* is a star on events only:\n%s", got)
	}
	e = explainSQL(t, r, "SELECT count(*), 2 * 3 FROM events")
	if strings.Contains(kinds(e), "select-star") {
		t.Errorf("count(*) and 2 * 3 are no stars:\n%s", kinds(e))
	}
}

const handSchema = `
CREATE TYPE device AS ENUM ('web', 'ios', 'android');
CREATE TABLE clicks (
    click_id  BIGINT NOT NULL,
    mobile    BOOLEAN NOT NULL,
    device    device NOT NULL,
    shop_id   INTEGER NOT NULL,
    ts        TIMESTAMP NOT NULL,
    price     NUMERIC(10,2)
) DISTKEY (mobile) COMPOUND SORTKEY (shop_id, ts);
CREATE TABLE taps (
    tap_id  BIGINT NOT NULL,
    device  device NOT NULL,
    ts      TIMESTAMP NOT NULL
) DISTKEY (device) INTERLEAVED SORTKEY (tap_id, ts);
CREATE TABLE shops (
    shop_id INTEGER NOT NULL,
    name    VARCHAR(64)
) DISTSTYLE ALL;
CREATE TABLE plain (id INTEGER, ts TIMESTAMP, shop_id INTEGER, a INT, b INT);
`

// TestExplainHandWrittenSchema covers what the demo does not: few-valued
// dist keys, compound and interleaved sort keys, DISTSTYLE ALL and tables
// with no Redshift design at all.
func TestExplainHandWrittenSchema(t *testing.T) {
	r := explainRunner(t, map[string]string{"schema/tables.sql": handSchema})
	cases := []struct{ name, sql, want string }{
		{"boolean dist key", "SELECT click_id FROM clicks WHERE shop_id = 1", "distkey-cardinality clicks.mobile"},
		{"small enum dist key", "SELECT tap_id FROM taps", "distkey-cardinality taps.device"},
		{"compound key, not leading", "SELECT click_id FROM clicks WHERE ts > now() - interval '1 day'",
			"range-sortkey clicks.ts\ndistkey-cardinality clicks.mobile"},
		{"compound key, leading", "SELECT click_id FROM clicks WHERE shop_id < 10", "distkey-cardinality clicks.mobile"},
		{"interleaved key", "SELECT tap_id FROM taps WHERE ts > '2024-01-01'", "distkey-cardinality taps.device"},
		{"a column compared with a column is no range", "SELECT click_id FROM clicks WHERE price > shop_id", "distkey-cardinality clicks.mobile"},
		{"DISTSTYLE ALL joins locally", "SELECT c.click_id, s.name FROM clicks c JOIN shops s ON s.shop_id = c.shop_id", "distkey-cardinality clicks.mobile"},
		{"no design, no key advice", "SELECT p.id FROM plain p JOIN plain q ON q.a = p.b WHERE p.ts > now()", ""},
		{"only the side with a design", "SELECT c.click_id FROM clicks c JOIN plain p ON p.shop_id = c.shop_id",
			"join-distkey clicks.shop_id\ndistkey-cardinality clicks.mobile"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := explainSQL(t, r, c.sql)
			if got := kinds(e); got != c.want {
				t.Errorf("advice:\n%s\nwant:\n%s", got, c.want)
				for _, a := range e.Advice {
					t.Log(a.Message)
				}
			}
		})
	}
}

func TestExplainErrorsAtTheUsersPosition(t *testing.T) {
	r := explainRunner(t, nil)
	_, err := explain.Run(context.Background(), r, "SELECT nope\nFROM events")
	var se *engine.SQLError
	if !errors.As(err, &se) || se.Line != 1 || se.Col != 8 {
		t.Fatalf("err = %v, want a SQLError at 1:8", err)
	}
}
