package rows_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/engine/enginetest"
	"github.com/jig-sql/jig/rows"
	"github.com/jig-sql/jig/workspace"
)

func TestMain(m *testing.M) { enginetest.Main(m) }

const everyTypeDDL = `
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE DOMAIN posint AS integer CHECK (VALUE > 0 AND VALUE < 100);
CREATE TABLE users (user_id text PRIMARY KEY, email varchar(40) NOT NULL UNIQUE, name text NOT NULL);
CREATE TABLE events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_id text NOT NULL UNIQUE,
  user_id text NOT NULL REFERENCES users (user_id),
  parent_id bigint REFERENCES events (id),
  small smallint NOT NULL, code char(3) NOT NULL,
  amount numeric(10,2) NOT NULL CHECK (amount > 0 AND amount <= 50),
  ratio double precision, weight real, is_active boolean NOT NULL,
  birth_date date, starts time, ends timetz, created_at timestamp NOT NULL DEFAULT now(),
  event_ts timestamptz NOT NULL, wait interval, token uuid NOT NULL, payload jsonb, doc json,
  blob bytea, ip inet, net cidr, tags text[], nums integer[], grid numeric(4,1)[][],
  feeling mood NOT NULL, score posint NOT NULL, moods mood[],
  status text NOT NULL CHECK (status IN ('new', 'paid')),
  label varchar(8) CHECK (length(label) <= 5),
  serial_no serial,
  total numeric GENERATED ALWAYS AS (amount * 2) STORED,
  UNIQUE (small, code)
);
CREATE TABLE event_items (
  event_id text NOT NULL REFERENCES events (event_id), line int NOT NULL,
  qty int NOT NULL CHECK (qty BETWEEN 1 AND 5), PRIMARY KEY (event_id, line)
);`

// setup runs DDL in a fresh schema and describes it.
func setup(tb testing.TB, ddl string) (*pgx.Conn, []workspace.Table) {
	tb.Helper()
	conn, schema := enginetest.ConnSchema(tb)
	ctx := context.Background()
	if _, err := conn.Exec(ctx, ddl); err != nil {
		tb.Fatalf("DDL: %v", err)
	}
	tables, err := engine.Describe(ctx, conn, schema)
	if err != nil {
		tb.Fatal(err)
	}
	return conn, tables
}

func insert(tb testing.TB, conn *pgx.Conn, ds *rows.Dataset) {
	tb.Helper()
	sql := rows.InsertSQL(ds)
	if _, err := conn.Exec(context.Background(), sql); err != nil {
		tb.Fatalf("insert: %v\n%s", err, sql)
	}
}

func TestPostgresAcceptsEveryType(t *testing.T) {
	conn, tables := setup(t, everyTypeDDL)
	for _, leave := range []bool{false, true} {
		f := rows.NewFactory(int64(len(tables)), tables, rows.WithLeaveDefaults(leave))
		ds, err := f.Build([]rows.TableOverrides{
			{Table: "event_items", Rows: make([]rows.Override, 100)},
			{Table: "events", Rows: make([]rows.Override, 100)},
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range ds.Warnings {
			t.Errorf("warning: %s", w)
		}
		insert(t, conn, ds)
		var n int
		if err := conn.QueryRow(context.Background(), "SELECT count(*) FROM events").Scan(&n); err != nil || n != 100 {
			t.Fatalf("events: %d rows, %v", n, err)
		}
		if _, err := conn.Exec(context.Background(), "TRUNCATE users, events, event_items"); err != nil {
			t.Fatal(err)
		}
	}
}

// TestPostgresRandomTables generates schemas (types, keys, foreign keys,
// checks) from a fixed seed and checks Postgres accepts factory rows.
func TestPostgresRandomTables(t *testing.T) {
	for i := range 24 {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			ddl, names := randomSchema(rand.New(rand.NewPCG(uint64(i), 7)))
			conn, tables := setup(t, ddl)
			var given []rows.TableOverrides
			for _, n := range names {
				given = append(given, rows.TableOverrides{Table: n, Rows: make([]rows.Override, 20)})
			}
			ds, err := rows.NewFactory(int64(i), tables).Build(given)
			if err != nil {
				t.Fatalf("%v\n%s", err, ddl)
			}
			insert(t, conn, ds)
		})
	}
}

var randomTypes = []string{"smallint", "integer", "bigint", "numeric(7,3)", "numeric", "real",
	"double precision", "boolean", "text", "varchar(6)", "char(5)", "date", "time", "timestamp",
	"timestamptz", "interval", "uuid", "json", "jsonb", "bytea", "inet", "cidr", "text[]",
	"integer[]", "uuid[]", "date[]"}

var keyTypes = []string{"integer", "bigint", "text", "uuid", "varchar(12)"}

func randomSchema(r *rand.Rand) (string, []string) {
	var b strings.Builder
	var names []string
	type pk struct{ table, col, typ string }
	var pks []pk
	for ti := range 2 + r.IntN(4) {
		name := fmt.Sprintf("t%d", ti)
		names = append(names, name)
		kt := keyTypes[r.IntN(len(keyTypes))]
		keyName := []string{"id", name + "_id", "code"}[r.IntN(3)]
		cols := []string{fmt.Sprintf("%s %s PRIMARY KEY", keyName, kt)}
		for ci := range 2 + r.IntN(8) {
			ty := randomTypes[r.IntN(len(randomTypes))]
			c := fmt.Sprintf("c%d %s", ci, ty)
			if r.IntN(2) == 0 {
				c += " NOT NULL"
			}
			if r.IntN(6) == 0 && ty != "boolean" && ty != "json" { // two values cannot be unique in 20 rows; json has no equality
				c += " UNIQUE"
			}
			cols = append(cols, c)
		}
		if len(pks) > 0 && r.IntN(3) > 0 {
			p := pks[r.IntN(len(pks))]
			null := map[bool]string{true: " NOT NULL", false: ""}[r.IntN(2) == 0]
			cols = append(cols, fmt.Sprintf("ref_%s %s%s REFERENCES %s (%s)", p.col, p.typ, null, p.table, p.col))
		}
		cols = append(cols, "n integer NOT NULL CHECK (n >= 10 AND n < 20)", "UNIQUE (n, "+keyName+")")
		fmt.Fprintf(&b, "CREATE TABLE %s (\n  %s\n);\n", name, strings.Join(cols, ",\n  "))
		pks = append(pks, pk{name, keyName, kt})
	}
	return b.String(), names
}

// roundTrips are inputs per SQL type; those Parse accepts must be accepted
// by Postgres and print back as Parse's normal form.
var roundTrips = map[string][]string{
	"smallint":         {"42", "-32768", "+7", " 12 ", "40000", "1.5"},
	"integer":          {"2147483647", "007"},
	"bigint":           {"-9223372036854775808"},
	"numeric(5,2)":     {"1.5", "1.555", "-1.555", "999.994", "1e2", "-0.001", "NaN", ".5"},
	"numeric":          {"007.50", "1.50e1", "1e-3", "-0", "0.000", "-Infinity", "123456789012345678901234567890.5"},
	"real":             {"3.25", "1e10", "123456", "1234567", "0.0001", "0.00001", "-0", "NaN", "1.17549435e-38"},
	"double precision": {"1e20", "100000", "123456789012345", "1234567890123456", "0.1", "1e-5", "-inf", "2.2250738585072014e-308"},
	"boolean":          {"yes", "T", "of", "0", "on"},
	"varchar(3)":       {"abc", "abc   ", "null", ""},
	"char(3)":          {"ab ", "a", "abc"},
	"text":             {"hello", "NULL?", `\NULL`},
	"date":             {"2024-02-29", "2024-1-5", "infinity", "0001-01-01"},
	"time":             {"9:05", "13:45:00.500", "24:00:00", "23:59:59.999999"},
	"timetz":           {"13:45+02", "13:45:00-05:30", "00:00Z"},
	"timestamp":        {"2024-01-31T13:45:00", "2024-01-31", "2024-01-31 13:45:00.123"},
	"timestamptz":      {"2024-01-31 13:45:00+02", "2024-01-31T13:45:00.25Z", "2024-01-31 13:45:00", "2024-01-31 23:30:00-05:30"},
	"uuid":             {"A0EEBC999C0B4EF8BB6D6BB9BD380A11", "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}", "a0ee-bc99-9c0b-4ef8-bb6d-6bb9-bd38-0a11"},
	"bytea":            {`\x01FF`, `ab\\c\001`, "plain"},
	"inet":             {"10.0.0.1/32", "10.0.0.1/24", "::1", "2001:DB8::1/64", "::ffff:1.2.3.4"},
	"cidr":             {"10.0.0.0/8", "::1", "192.168.1.0/24"},
	"integer[]":        {"{1, 2 ,3}", "{1,NULL}", "{{1,2},{3,4}}", "{}"},
	"text[]":           {`{"a b","null",NULL,"q\"t",""}`, "{a b}", `{"\\"}`},
	"boolean[]":        {"{yes,off}"},
	"bytea[]":          {`{"\\x01"}`},
}

func TestParseRoundTrip(t *testing.T) {
	conn, tables := setup(t, "CREATE TABLE probe (id int)")
	_ = tables
	ctx := context.Background()
	if _, err := conn.Exec(ctx, "SET TimeZone = 'UTC'"); err != nil {
		t.Fatal(err)
	}
	for sqlType, inputs := range roundTrips {
		var ty workspace.Type
		if err := describeType(conn, sqlType, &ty); err != nil {
			t.Fatal(err)
		}
		for _, in := range inputs {
			v, err := rows.Parse(ty, in)
			var pgText *string
			pgErr := conn.QueryRow(ctx, "SELECT $1::text::"+sqlType+"::text", in).Scan(&pgText)
			if err != nil {
				if pgErr == nil {
					t.Logf("%s %q: Parse rejects what Postgres reads as %q: %v", sqlType, in, *pgText, err)
				}
				continue
			}
			// format's %s uses the type's output function; ::text would
			// print inet with its /32 mask.
			out := "SELECT format('%s', $1::text::" + sqlType + ")"
			if sqlType == "boolean" || strings.HasPrefix(sqlType, "char(") { // t/f; padding
				out = "SELECT $1::text::" + sqlType + "::text"
			}
			var got string
			if err := conn.QueryRow(ctx, out, v.Text).Scan(&got); err != nil {
				t.Errorf("%s %q: Parse gives %q, Postgres refuses it: %v", sqlType, in, v.Text, err)
				continue
			}
			if sqlType == "timestamptz" && got == v.Text+"+00" {
				continue // no offset typed: the session's zone (UTC here) applies
			}
			if got != v.Text {
				t.Errorf("%s %q: Parse gives %q, Postgres prints %q", sqlType, in, v.Text, got)
			}
		}
	}
}

// describeType describes a one-column table of the type, so the test sees
// the type as engine.Describe gives it.
func describeType(conn *pgx.Conn, sqlType string, ty *workspace.Type) error {
	ctx := context.Background()
	if _, err := conn.Exec(ctx, "DROP TABLE IF EXISTS one; CREATE TABLE one (v "+sqlType+")"); err != nil {
		return err
	}
	var schema string
	if err := conn.QueryRow(ctx, "SELECT current_schema()").Scan(&schema); err != nil {
		return err
	}
	tables, err := engine.Describe(ctx, conn, schema)
	if err != nil {
		return err
	}
	for _, tb := range tables {
		if tb.Name == "one" {
			*ty = tb.Columns[0].Type
		}
	}
	return nil
}

// BenchmarkInsert10000 inserts 10,000 factory rows of the every-type table
// (and their parents) in one round trip per operation.
func BenchmarkInsert10000(b *testing.B) {
	conn, tables := setup(b, everyTypeDDL)
	f := rows.NewFactory(1, tables)
	ds, err := f.Build([]rows.TableOverrides{{Table: "events", Rows: make([]rows.Override, 10000)}})
	if err != nil {
		b.Fatal(err)
	}
	sql := rows.InsertSQL(ds)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		if _, err := conn.Exec(ctx, sql); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if _, err := conn.Exec(ctx, "TRUNCATE users, events, event_items"); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(b.N)*10000/b.Elapsed().Seconds(), "rows/s")
}
