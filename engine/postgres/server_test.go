package postgres_test

import (
	"context"
	"os"
	"testing"

	"github.com/jig-sql/jig/engine/enginetest"
)

func TestMain(m *testing.M) {
	// A re-executed test binary plays a jig process (helper_test.go).
	if mode := os.Getenv(helperEnv); mode != "" {
		os.Exit(runHelper(mode))
	}
	enginetest.Main(m)
}

func TestConnect(t *testing.T) {
	conn := enginetest.Conn(t)
	var v string
	if err := conn.QueryRow(context.Background(), "select current_setting('listen_addresses')").Scan(&v); err != nil {
		t.Fatal(err)
	}
	if v != "127.0.0.1" {
		t.Fatalf("listen_addresses = %q", v)
	}
}
