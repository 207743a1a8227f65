package postgres_test

import (
	"context"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jig-sql/jig/engine/enginetest"
	"github.com/jig-sql/jig/engine/postgres"
)

// dsnDatabase creates a database on the package's server for a DSN-mode
// test, so nothing else writes where the test compares.
func dsnDatabase(tb testing.TB) (srv *postgres.Server, db string) {
	tb.Helper()
	srv = enginetest.Server(tb)
	if os.Getenv("JIG_TEST_DSN") != "" {
		tb.Skip("the package's server is itself reached by DSN")
	}
	ctx := context.Background()
	db = fmt.Sprintf("jig_dsn_%d", os.Getpid())
	admin := connect(tb, srv)
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+db); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { admin.Exec(ctx, "DROP DATABASE IF EXISTS "+db+" WITH (FORCE)") })
	return srv, db
}

// inventory lists a database's schemas and relations outside the system's.
func inventory(tb testing.TB, dsn string) []string {
	tb.Helper()
	ctx := context.Background()
	c, err := pgx.Connect(ctx, dsn)
	if err != nil {
		tb.Fatal(err)
	}
	defer c.Close(ctx)
	rows, err := c.Query(ctx, `
		SELECT 'schema ' || nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\_%' AND nspname <> 'information_schema'
		UNION ALL
		SELECT c.relkind::text || ' ' || n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema'
		UNION ALL
		SELECT 'role ' || rolname FROM pg_roles
		ORDER BY 1`)
	if err != nil {
		tb.Fatal(err)
	}
	list, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		tb.Fatal(err)
	}
	return list
}

func TestDSNMode(t *testing.T) {
	srv, db := dsnDatabase(t)
	dsn := passwordDSN(srv, "", db)
	password := srv.ConnConfig().Password
	before := inventory(t, dsn)

	s, err := tryStart(postgres.Options{DSN: dsn})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Stop() })
	if !strings.HasPrefix(s.Schema(), "jig_") {
		t.Errorf("Schema() = %q", s.Schema())
	}
	for what, text := range map[string]string{"DSN()": s.DSN(), "Describe()": s.Describe()} {
		if strings.Contains(text, password) {
			t.Errorf("%s shows the password: %s", what, text)
		}
	}
	if !strings.Contains(s.Describe(), s.Schema()) {
		t.Errorf("Describe() = %q does not name the schema", s.Describe())
	}
	conn := connect(t, s)
	if got := queryString(t, conn, "SELECT current_schema()"); got != s.Schema() {
		t.Errorf("current_schema() = %q, want %q", got, s.Schema())
	}
	if _, err := conn.Exec(context.Background(), "CREATE TABLE t (i int); CREATE TYPE mood AS ENUM ('ok')"); err != nil {
		t.Fatal(err)
	}
	during := inventory(t, dsn)
	if len(during) <= len(before) {
		t.Fatalf("nothing was created in the private schema: %v", during)
	}
	for _, x := range during {
		if !contains(before, x) && !strings.Contains(x, s.Schema()) {
			t.Errorf("created outside the private schema: %s", x)
		}
	}
	conn.Close(context.Background())

	if err := s.Stop(); err != nil {
		t.Fatal(err)
	}
	if after := inventory(t, dsn); !reflect.DeepEqual(after, before) {
		t.Errorf("after Stop:\n%v\nbefore Start:\n%v", after, before)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// No error Start returns in DSN mode quotes the password.
func TestDSNPasswordNeverShown(t *testing.T) {
	srv, db := dsnDatabase(t)
	const secret = "Sekrit-Pa55word"
	cfg := srv.ConnConfig()
	cases := map[string]string{
		"wrong password":         passwordDSN(srv, secret, db),
		"invalid port":           "postgres://jig:" + secret + "@127.0.0.1:notaport/" + db,
		"key=value, refused":     "host=127.0.0.1 port=1 user=jig password=" + secret + " dbname=x connect_timeout=5",
		"key=value, quoted":      fmt.Sprintf("host=%s port=%d user=jig password='%s x' dbname=%s", cfg.Host, cfg.Port, secret, db),
		"unknown parameter":      passwordDSN(srv, secret, db) + "&nosuchoption=1",
		"URL, percent-escaped":   "postgres://jig:" + strings.ReplaceAll(secret, "-", "%2D") + "@127.0.0.1:1/" + db,
		"password in the query":  "postgres://127.0.0.1:1/" + db + "?user=jig&password=" + secret,
		"wrong password, no TLS": passwordDSN(srv, secret, db) + "&sslmode=require",
		// DSNs that do not parse: nothing but host and port may be echoed.
		"URL, unencoded @":         "postgres://tester:Sekrit@Pa55word@127.0.0.1:5432/" + db,
		"URL, unencoded @ and :":   "postgres://tester:Sek:rit@Pa55word@127.0.0.1/" + db,
		"URL, bad escape":          "postgres://tester:Sekrit%zzPa55word@127.0.0.1/" + db,
		"URL, space in password":   "postgres://tester:Sekrit Pa55word@127.0.0.1/" + db,
		"key=value, escaped space": `host=127.0.0.1 port=5432 password=Sekrit\ Pa55word dbname=x`,
		"key=value, no =":          "host=127.0.0.1 user=tester password Sekrit-Pa55word",
		"key=value, open quote":    "host=127.0.0.1 password='Sekrit-Pa55word",
		"key=value, bad port":      "host=127.0.0.1 port=x password=Sekrit-Pa55word",
		"garbage":                  "Sekrit-Pa55word",
	}
	for name, dsn := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := tryStart(postgres.Options{DSN: dsn})
			if err == nil {
				t.Fatal("Start succeeded")
			}
			if _, cerr := postgres.ConnectDSN(context.Background(), dsn); cerr == nil {
				t.Fatal("ConnectDSN succeeded")
			} else {
				err = fmt.Errorf("%w; ConnectDSN: %v", err, cerr)
			}
			if strings.Contains(err.Error(), secret) || strings.Contains(err.Error(), "Sekrit") || strings.Contains(err.Error(), "Pa55") {
				t.Errorf("the error shows the password: %v", err)
			}
			t.Log(err)
		})
	}
}
