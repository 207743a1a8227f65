package engine_test

import (
	"context"
	"testing"

	"github.com/jig-sql/jig/checks"
	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/engine/enginetest"
	"github.com/jig-sql/jig/workspace"
)

// The demo's sql checks must read the rows being checked (jig_target), not
// the live table: promote runs them on the staging table, and a staging row
// breaking them must keep everything in staging.
func TestPromoteDemoChecksReadStaging(t *testing.T) {
	conn := enginetest.Conn(t)
	enginetest.Exec(t, conn, `CREATE TABLE users (user_id varchar(64) PRIMARY KEY, name text, plan text, created_at timestamp);
		CREATE TABLE events (event_id varchar PRIMARY KEY, event_ts timestamp NOT NULL DEFAULT now(), user_id varchar,
			browser_id varchar NOT NULL, browser varchar(32), duration_ms integer);
		CREATE TABLE events_staging (LIKE events INCLUDING DEFAULTS);
		INSERT INTO events_staging VALUES ('evnt1', now() - interval '1 hour', '', 'brws1', 'chrome', 5);
		CREATE TABLE orders (order_id bigint PRIMARY KEY, user_id varchar(64) NOT NULL, gross_revenue numeric(12,2) NOT NULL,
			discount numeric(12,2) NOT NULL DEFAULT 0, tax numeric(12,2) NOT NULL DEFAULT 0, status varchar(16) NOT NULL DEFAULT 'paid');
		CREATE TABLE orders_staging (LIKE orders INCLUDING DEFAULTS);
		INSERT INTO users VALUES ('u1', 'n', 'free', now());
		INSERT INTO orders_staging VALUES (1, 'u1', 10, 0, -1, 'paid');`)
	demo := workspace.DemoFiles()
	var src []checks.Source
	for _, name := range []string{"checks/events.yaml", "checks/orders.yaml"} {
		src = append(src, checks.Source{Path: name, Data: demo[name]})
	}
	decoded, err := checks.DecodeFiles(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range decoded {
		want := map[string]string{"events": "no_empty_user", "orders": "no_negative_tax"}[f.Table]
		res, err := engine.Promote(context.Background(), conn, f.Table+"_staging", f.Table, f.Checks, checks.Postgres, false)
		if err != nil {
			t.Fatal(err)
		}
		if res.Moved != 0 {
			t.Errorf("%s: promoted %d rows; the staging row breaks %s", f.Table, res.Moved, want)
		}
		for _, r := range res.Checks {
			if r.Name == want && r.Status != checks.StatusFail {
				t.Errorf("%s: %s is %s on the staging row, want fail (%v)", f.Table, want, r.Status, r.Err)
			}
		}
	}
}
