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
	"dateadd_month_literal":                "default column name differs",
	"dateadd_m_is_minutes":                 "default column name differs",
	"dateadd_time_literal":                 "default column name differs",
	"dateadd_time_wraps":                   "default column name differs",
	"dateadd_timetz_literal":               "function missing: DATEADD(unknown, integer, time with time zone)",
	"dateadd_month_end_vs_add_months":      "default column name differs",
	"dateadd_leap_month_12":                "default column name differs",
	"dateadd_leap_year_1":                  "default column name differs",
	"datediff_hours_default_name":          "default column name differs",
	"datediff_time_column":                 "default column name differs",
	"date_part_minute":                     "default column name differs",
	"date_part_week":                       "default column name differs",
	"date_part_day":                        "default column name differs",
	"date_part_dayofweek":                  "default column name differs",
	"date_part_century":                    "default column name differs",
	"date_part_month_of_date":              "default column name differs",
	"extract_minute":                       "default column name differs",
	"extract_ms_timestamp":                 "default column name differs",
	"extract_year_timestamptz":             "default column name differs",
	"extract_ms_time":                      "default column name differs",
	"extract_ms_timetz":                    "default column name differs",
	"extract_timezone_hour":                "default column name differs",
	"regexp_replace_strip_domain":          "function missing: REGEXP_REPLACE(character varying, unknown)",
	"regexp_replace_domain":                "different rows",
	"regexp_replace_case_insensitive":      "Redshift parameters argument read as an integer",
	"regexp_replace_pcre":                  "Redshift parameters argument read as an integer",
	"regexp_replace_pcre_case_insensitive": "Redshift parameters argument read as an integer",
	"regexp_count_org_edu":                 "different rows",
	"median_window_partition":              "refused: MEDIAN as a window function (MEDIAN ... OVER) is not supported locally",
	"percentile_cont_window_all":           "refused: PERCENTILE_CONT ... OVER is not supported locally",
	"percentile_cont_window_partition":     "refused: PERCENTILE_CONT ... OVER is not supported locally",
	"percentile_cont_disc_over_group_by":   "refused: PERCENTILE_CONT ... OVER is not supported locally",
	"percentile_disc_window_all":           "refused: PERCENTILE_DISC ... OVER is not supported locally",
	"percentile_disc_window_partition":     "refused: PERCENTILE_DISC ... OVER is not supported locally",
	"listagg_window_sellers":               "refused: LISTAGG ... WITHIN GROUP ... OVER is not supported locally",
	"listagg_window_buyer_b":               "refused: LISTAGG ... WITHIN GROUP ... OVER is not supported locally",
	"listagg_window_dates":                 "refused: LISTAGG ... WITHIN GROUP ... OVER is not supported locally",
	"listagg_window_distinct_dates":        "refused: LISTAGG ... WITHIN GROUP ... OVER is not supported locally",
	"listagg_window_partition":             "refused: LISTAGG ... WITHIN GROUP ... OVER is not supported locally",
	"ratio_to_report_partition":            "default column name differs",
	"concat_literals":                      "default column name differs",
	"concat_nested":                        "default column name differs",
	"concat_varbyte":                       "default column name differs",
	"to_date_not_strict":                   "function missing: TO_DATE(unknown, unknown, boolean)",
}

// minDocMatches is how many documented examples must give the documented
// result.
const minDocMatches = 76

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
