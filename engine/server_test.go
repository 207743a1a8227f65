package engine_test

import (
	"context"
	"testing"

	"github.com/jig-sql/jig/engine/enginetest"
)

func TestMain(m *testing.M) { enginetest.Main(m) }

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
