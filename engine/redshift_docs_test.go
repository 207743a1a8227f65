package engine_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/engine/enginetest"
	"github.com/jig-sql/jig/workspace"
	"github.com/jig-sql/jig/workspace/redshift"
)

// docsDiffer lists the corpus examples whose local result still differs
// from the documented one, with why. README's Redshift section lists the
// same. TestRedshiftDocExamples fails when one of them starts matching
// (take it off the list) or when an example not listed differs.
var docsDiffer = map[string]string{
	"date_part_minute":         "the page shows 6: the minute of 04:05:06.789 is 5, which jig gives",
	"listagg_window_partition": "the page's lists are not in the salesid order the query asks for (30004 before 30003)",
	"concat_varbyte":           "a VARBYTE prints as \\x616263646566 locally (Postgres bytea), 616263646566 in Redshift",
}

// minDocMatches is how many documented examples must give the documented
// result.
const minDocMatches = 108

// TestRedshiftDocExamples runs each example of Redshift's documentation
// the way a query runs in a dialect: redshift workspace (RewriteQuery, then
// Postgres with jig's Redshift functions, in UTC) and compares the columns
// and rows with the documented output.
func TestRedshiftDocExamples(t *testing.T) {
	exs, setups := loadDocExamples(t)
	if len(exs) != 120 {
		t.Errorf("corpus has %d examples, want 120", len(exs))
	}
	conn := enginetest.Conn(t)
	ctx := context.Background()
	if err := engine.CreateRedshiftFunctions(ctx, conn); err != nil {
		t.Fatal(err)
	}
	enginetest.Exec(t, conn, "SET TimeZone TO 'UTC'")
	matched := 0
	for _, ex := range exs {
		if ex.setup != "" && setups[ex.setup] == "" {
			t.Errorf("%s: no setup %q", ex.id, ex.setup)
		}
		problem := runDocExample(ctx, conn, ex, setups[ex.setup])
		reason, listed := docsDiffer[ex.id]
		switch {
		case problem == "":
			matched++
			if listed {
				t.Errorf("%s now gives the documented output: take it off docsDiffer (%s)", ex.id, reason)
			}
		case !listed:
			t.Errorf("%s (%s) differs from the documentation:\n%s", ex.id, ex.url, problem)
		default:
			t.Logf("%s differs, as listed (%s):\n%s", ex.id, reason, problem)
		}
	}
	for id := range docsDiffer {
		if !hasExample(exs, id) {
			t.Errorf("docsDiffer names %s, which is not in the corpus", id)
		}
	}
	t.Logf("Redshift documentation examples: %d of %d give the documented output", matched, len(exs))
	if matched < minDocMatches {
		t.Errorf("%d of %d documented examples match, want at least %d", matched, len(exs), minDocMatches)
	}
}

func hasExample(exs []docExample, id string) bool {
	for _, ex := range exs {
		if ex.id == id {
			return true
		}
	}
	return false
}

// runDocExample runs one example in a transaction it rolls back, and
// returns "" when the result is the documented one, else what differs.
func runDocExample(ctx context.Context, conn *pgx.Conn, ex docExample, setup string) string {
	if _, err := conn.Exec(ctx, "BEGIN"); err != nil {
		return err.Error()
	}
	defer conn.Exec(ctx, "ROLLBACK")
	if setup != "" {
		if _, err := conn.Exec(ctx, setup); err != nil {
			return "setup: " + err.Error()
		}
	}
	rq, err := redshift.RewriteQuery(ex.id+".sql", workspace.TrimStatement(ex.sql))
	if err != nil {
		return "rewrite: " + err.Error()
	}
	got, err := queryText(ctx, conn, rq.SQL)
	switch {
	case ex.wantErr && err != nil:
		return ""
	case ex.wantErr:
		return fmt.Sprintf("want an error, got %v", got)
	case err != nil:
		return fmt.Sprintf("%v\n  ran: %s", err, rq.SQL)
	}
	if len(ex.want) == 0 {
		return "the corpus gives no output"
	}
	if !sameNames(ex.want[0], got[0]) {
		return fmt.Sprintf("columns %q, documented %q\n  ran: %s", got[0], ex.want[0], rq.SQL)
	}
	if !sameRows(ex.want[1:], got[1:]) {
		return fmt.Sprintf("rows %q, documented %q\n  ran: %s", got[1:], ex.want[1:], rq.SQL)
	}
	return ""
}

// queryText runs sql and returns the column names, then each row's values
// as Postgres prints them (text format), NULL for a null.
func queryText(ctx context.Context, conn *pgx.Conn, sql string) ([][]string, error) {
	rows, err := conn.Query(ctx, sql, pgx.QueryResultFormats{pgx.TextFormatCode})
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var names []string
	for _, fd := range rows.FieldDescriptions() {
		names = append(names, fd.Name)
	}
	out := [][]string{names}
	for rows.Next() {
		var row []string
		for _, v := range rows.RawValues() {
			if v == nil {
				row = append(row, "NULL")
			} else {
				row = append(row, string(v))
			}
		}
		out = append(out, row)
	}
	return out, rows.Err()
}

func sameNames(want, got []string) bool {
	if len(want) != len(got) {
		return false
	}
	for i := range want {
		if !strings.EqualFold(strings.TrimSpace(want[i]), got[i]) {
			return false
		}
	}
	return true
}
