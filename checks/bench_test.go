package checks_test

import (
	"context"
	"testing"
	"time"

	"github.com/jig-sql/jig/checks"
	"github.com/jig-sql/jig/engine/enginetest"
)

// benchCases pair each built-in check with the hand-written query a person
// would write to count the same failures over the 1M-row table.
var benchCases = []struct{ entry, hand string }{
	{"not_null: event_id", "SELECT count(*) FROM big WHERE event_id IS NULL"},
	{"unique: event_id", "SELECT count(*) FROM (SELECT event_id FROM big WHERE event_id IS NOT NULL GROUP BY event_id HAVING count(*) > 1) d"},
	{"accepted_values: {column: browser, values: [chrome, firefox, safari]}", "SELECT count(*) FROM big WHERE browser NOT IN ('chrome', 'firefox', 'safari')"},
	{"not_accepted_values: {column: browser, values: [ie6]}", "SELECT count(*) FROM big WHERE browser IN ('ie6')"},
	{"relationships: {column: user_id, to: users}", "SELECT count(*) FROM big t WHERE user_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM users p WHERE p.user_id = t.user_id)"},
	{"row_count: {min: 1}", "SELECT count(*) FROM big"},
	{"equal_row_count: big_copy", "SELECT (SELECT count(*) FROM big) <> (SELECT count(*) FROM big_copy)"},
	{"accepted_range: {column: duration_ms, min: 0, max: 86400}", "SELECT count(*) FROM big WHERE duration_ms < 0 OR duration_ms > 86400"},
	{"matches: {column: event_id, pattern: '^evnt_'}", "SELECT count(*) FROM big WHERE event_id !~ '^evnt_'"},
	{"not_empty: user_id", "SELECT count(*) FROM big WHERE user_id ~ '^[[:space:]]*$'"},
	{"expression: duration_ms >= 0", "SELECT count(*) FROM big WHERE NOT (duration_ms >= 0)"},
	{"freshness: {column: event_ts, max_age: 1 day}", "SELECT max(event_ts) < now() - interval '1 day' FROM big"},
	{"sql: select * from big where browser = 'ie6'", "SELECT count(*) FROM big WHERE browser = 'ie6'"},
}

// bigSetup is 1,000,000 events that pass every check but one in a thousand
// user_id NULLs; users holds every user, big_copy has the same row count.
const bigSetup = `
CREATE TABLE big AS SELECT 'evnt_' || i AS event_id,
  CASE WHEN i % 1000 = 0 THEN NULL ELSE 'u' || (i % 5000) END AS user_id,
  (ARRAY['chrome', 'firefox', 'safari'])[i % 3 + 1] AS browser,
  i % 86400 AS duration_ms, now() - (i % 3600) * interval '1 second' AS event_ts
FROM generate_series(1, 1000000) AS i;
CREATE TABLE users AS SELECT 'u' || i AS user_id FROM generate_series(0, 4999) AS i;
CREATE TABLE big_copy AS SELECT * FROM big;
ANALYZE big; ANALYZE users; ANALYZE big_copy;
`

// BenchmarkChecks1M times each built-in check over a 1M-row table beside
// the hand-written query doing the same work. The two run alternately in one
// loop, so load on the machine hits both alike: ms/check is jig's statement,
// hand-ms the hand-written query, x-hand their ratio.
func BenchmarkChecks1M(b *testing.B) {
	conn := enginetest.Conn(b)
	exec(b, conn, bigSetup)
	q := pgQuerier{conn}
	ctx := context.Background()
	for _, bc := range benchCases {
		c, err := checks.DecodeEntry("bench", []byte(bc.entry), 1, 1)
		if err != nil {
			b.Fatal(err)
		}
		sql, err := c.SQL(checks.TableTarget("big"))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(c.Kind, func(b *testing.B) {
			var jig, hand time.Duration
			for b.Loop() {
				jig += timeQuery(ctx, b, q, sql)
				hand += timeQuery(ctx, b, q, bc.hand)
			}
			b.ReportMetric(float64(jig.Microseconds())/1000/float64(b.N), "ms/check")
			b.ReportMetric(float64(hand.Microseconds())/1000/float64(b.N), "hand-ms")
			b.ReportMetric(float64(jig)/float64(hand), "x-hand")
		})
	}
}

// timeQuery runs sql once and returns how long it took.
func timeQuery(ctx context.Context, b *testing.B, q pgQuerier, sql string) time.Duration {
	start := time.Now()
	if _, _, err := q.Query(ctx, sql); err != nil {
		b.Fatal(err)
	}
	return time.Since(start)
}
