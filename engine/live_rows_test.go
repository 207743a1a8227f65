package engine_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/engine/enginetest"
	"github.com/jig-sql/jig/workspace"
)

// checkedRunner is the demo with a CHECK on orders.gross_revenue.
func checkedRunner(tb testing.TB) *engine.Runner {
	dir := tb.TempDir()
	if err := workspace.WriteDemo(dir); err != nil {
		tb.Fatal(err)
	}
	check := "ALTER TABLE orders ADD CONSTRAINT gross_not_negative CHECK (gross_revenue >= 0);\n"
	if err := os.WriteFile(filepath.Join(dir, "schema", "zz_checks.sql"), []byte(check), 0o644); err != nil {
		tb.Fatal(err)
	}
	ws, err := workspace.Load(dir)
	if err != nil {
		tb.Fatal(err)
	}
	r, err := engine.NewRunner(context.Background(), enginetest.Server(tb), ws, engine.RunnerOptions{Parallel: 1})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(r.Close)
	return r
}

// A row the database refuses is reported as that row (and cell), not as
// a failure of the query.
func TestRunLiveBlamesTheInputRow(t *testing.T) {
	r := checkedRunner(t)
	for _, tt := range []struct {
		name, given string
		want        engine.RowError
	}{
		{"not null", "  orders:\n    - {user_id: u1}\n    - {user_id: u1, tax: null}\n",
			engine.RowError{Table: "orders", Row: 1, Columns: []string{"tax"}}},
		{"unique", "  orders:\n    - {order_id: 7}\n    - {order_id: 7}\n",
			engine.RowError{Table: "orders", Row: 1, Columns: []string{"order_id"}}},
		{"check", "  orders:\n    - {gross_revenue: -1}\n",
			engine.RowError{Table: "orders", Row: 0, Columns: []string{"gross_revenue"}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f, err := workspace.ParseFixture("fixtures/net_revenue/x.yaml", []byte("query: net_revenue\ngiven:\n"+tt.given))
			if err != nil {
				t.Fatal(err)
			}
			live, err := r.RunLive(context.Background(), f, 10)
			if err != nil {
				t.Fatal(err)
			}
			defer live.Close()
			var ie *engine.InputError
			if !errors.As(live.Err, &ie) {
				t.Fatalf("err = %v (%T); want an InputError", live.Err, live.Err)
			}
			got := ie.Rows[0]
			if len(ie.Rows) != 1 || got.Table != tt.want.Table || got.Row != tt.want.Row || !slices.Equal(got.Columns, tt.want.Columns) || got.Message == "" {
				t.Errorf("rows = %+v; want one like %+v", ie.Rows, tt.want)
			}
			if live.Status != engine.StatusError {
				t.Errorf("status = %v; want error", live.Status)
			}
		})
	}
	// A failure of the query itself stays the query's.
	f, _ := workspace.ParseFixture("fixtures/net_revenue/x.yaml", []byte("query: net_revenue\nsetup: select 1/0\n"))
	live, err := r.RunLive(context.Background(), f, 10)
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	var ie *engine.InputError
	if live.Err == nil || errors.As(live.Err, &ie) {
		t.Errorf("setup error = %v; want the setup's own error", live.Err)
	}
}
