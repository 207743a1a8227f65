// Package enginetest gives tests a real Postgres: one embedded server per
// test package (started in TestMain) and a private schema per test.
//
//	func TestMain(m *testing.M) { enginetest.Main(m) }
//
//	func TestX(t *testing.T) {
//		conn := enginetest.Conn(t) // search_path is a fresh schema, dropped after the test
//	}
package enginetest

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jig-sql/jig/engine/postgres"
	"github.com/jig-sql/jig/workspace"
)

var (
	server  *postgres.Server
	counter atomic.Int64
)

// Main starts the package's server, runs the tests, stops the server and
// exits with the tests' code. Set JIG_TEST_DSN to run against an existing
// server instead (each package then gets a private schema there).
func Main(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	opts := postgres.Options{DSN: os.Getenv("JIG_TEST_DSN")}.WithEnv()
	// Each test binary is its own "workspace", so parallel packages do not
	// fight over one cluster; the cache (binaries, template) is shared.
	if opts.Workspace == "" {
		wd, _ := os.Getwd()
		opts.Workspace = wd
	}
	s, err := postgres.Start(ctx, opts)
	if err != nil {
		fmt.Fprintf(os.Stderr, "enginetest: starting Postgres: %v\n", err)
		return 3
	}
	server = s
	defer s.Stop()
	return m.Run()
}

// Server returns the package's server. It fails the test when Main was not
// called from TestMain.
func Server(tb testing.TB) *postgres.Server {
	tb.Helper()
	if server == nil {
		tb.Fatal("enginetest: no server; call enginetest.Main(m) from TestMain")
	}
	return server
}

// Conn returns a connection whose search_path is a new empty schema; the
// schema is dropped and the connection closed when the test ends.
func Conn(tb testing.TB) *pgx.Conn {
	tb.Helper()
	conn, _ := ConnSchema(tb)
	return conn
}

// ConnSchema is Conn that also returns the schema's name.
func ConnSchema(tb testing.TB) (*pgx.Conn, string) {
	tb.Helper()
	s := Server(tb)
	ctx := context.Background()
	schema := SchemaName(tb)
	admin, err := s.Connect(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := admin.Exec(ctx, "CREATE SCHEMA "+workspace.QuoteIdent(schema)); err != nil {
		admin.Close(ctx)
		tb.Fatal(err)
	}
	admin.Close(ctx)
	cfg := s.ConnConfig()
	cfg.RuntimeParams["search_path"] = schema
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		conn.Close(ctx)
		if c, err := s.Connect(ctx); err == nil {
			c.Exec(ctx, "DROP SCHEMA IF EXISTS "+workspace.QuoteIdent(schema)+" CASCADE")
			c.Close(ctx)
		}
	})
	return conn, schema
}

// SchemaName is a unique, readable schema name for the test.
func SchemaName(tb testing.TB) string {
	name := strings.ToLower(tb.Name())
	name = strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			return r
		}
		return '_'
	}, name)
	if len(name) > 40 {
		name = name[:40]
	}
	return fmt.Sprintf("t_%s_%d_%d", name, os.Getpid(), counter.Add(1))
}

// Exec runs sql on conn (several statements are fine: it goes as one simple
// query) and fails the test on an error.
func Exec(tb testing.TB, conn *pgx.Conn, sql string) {
	tb.Helper()
	if _, err := conn.Exec(context.Background(), sql); err != nil {
		tb.Fatalf("%s: %v", sql, err)
	}
}
