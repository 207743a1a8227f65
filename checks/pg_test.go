package checks_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jig-sql/jig/checks"
	"github.com/jig-sql/jig/engine/enginetest"
)

func TestMain(m *testing.M) { enginetest.Main(m) }

// pgQuerier adapts a pgx connection to checks.Querier. It uses the simple
// protocol so every value arrives as Postgres's own text.
type pgQuerier struct{ conn *pgx.Conn }

func (q pgQuerier) Query(ctx context.Context, sql string) ([]string, [][]*string, error) {
	results, err := q.conn.PgConn().Exec(ctx, sql).ReadAll()
	if err != nil {
		return nil, nil, err
	}
	last := results[len(results)-1]
	cols := make([]string, len(last.FieldDescriptions))
	for i, fd := range last.FieldDescriptions {
		cols[i] = fd.Name
	}
	rows := make([][]*string, len(last.Rows))
	for i, r := range last.Rows {
		rows[i] = make([]*string, len(r))
		for j, v := range r {
			if v != nil {
				s := string(v)
				rows[i][j] = &s
			}
		}
	}
	return cols, rows, nil
}

// exec runs setup SQL or fails the test.
func exec(tb testing.TB, conn *pgx.Conn, sql string) {
	tb.Helper()
	if _, err := conn.Exec(context.Background(), sql); err != nil {
		tb.Fatalf("%s: %v", sql, err)
	}
}

// Six events: a duplicate id, a row of NULLs, an unknown user (u9), a blank
// user, an unaccepted browser and durations outside 0..86400000.
const eventsSetup = `
CREATE TABLE users (user_id text);
INSERT INTO users VALUES ('u1'), ('u2'), (NULL);
CREATE TABLE events (event_id text, user_id text, browser text, duration_ms int, event_ts timestamptz);
INSERT INTO events VALUES
  ('evnt_1', 'u1', 'chrome',  10,       now() - interval '1 hour'),
  ('evnt_2', 'u2', 'firefox', 20,       now() - interval '2 hours'),
  ('evnt_3', NULL, NULL,      NULL,     NULL),
  ('evnt_4', 'u9', 'safari',  86400001, now() - interval '3 hours'),
  ('bad_5',  ' ',  'ie6',     -1,       now() - interval '4 hours'),
  ('evnt_1', 'u1', 'chrome',  30,       now() - interval '5 hours');
`

// queries are the query targets the tests name.
var queries = map[string]string{
	"known_users": "select e.* from events e join users u using (user_id);",
	"two_nulls":   "select null::text as x union all select null -- two NULLs\n",
	"no_rows":     "select now() as ts where false",
}

func resolve(name string) (checks.Target, error) {
	if q, ok := queries[name]; ok {
		return checks.QueryTarget(name, q), nil
	}
	return checks.TableTarget(name), nil
}
