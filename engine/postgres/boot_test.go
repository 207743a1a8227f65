package postgres_test

import (
	"os"
	"path/filepath"
	"testing"
)

// The server runs with fsync off (a scratch cluster; its shutdown
// checkpoint is most of Stop otherwise), which only an OS crash can make
// unsafe: a workspace cluster last run before the machine restarted is
// rebuilt from the template, one that ran since is reused.
func TestClusterFromAnEarlierBootIsRebuilt(t *testing.T) {
	if _, err := os.Stat("/proc/sys/kernel/random/boot_id"); err != nil {
		t.Skip("no boot id here: the server keeps fsync on")
	}
	o := explicitOptions(t)
	s := start(t, o)
	conn := connect(t, s)
	if got := queryString(t, conn, "SHOW fsync"); got != "off" {
		t.Errorf("fsync = %s, want off", got)
	}
	if _, err := conn.Exec(t.Context(), "CREATE TABLE marker (i int)"); err != nil {
		t.Fatal(err)
	}
	conn.Close(t.Context())
	bootFile := filepath.Join(filepath.Dir(filepath.Dir(s.LogPath())), "boot_id")
	s.Stop()

	s = start(t, o)
	conn = connect(t, s)
	if n := queryString(t, conn, "SELECT count(*)::text FROM pg_class WHERE relname = 'marker'"); n != "1" {
		t.Fatalf("a cluster of this boot was not reused (marker tables: %s)", n)
	}
	conn.Close(t.Context())
	s.Stop()

	if err := os.WriteFile(bootFile, []byte("00000000-0000-0000-0000-000000000000\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s = start(t, o)
	conn = connect(t, s)
	if n := queryString(t, conn, "SELECT count(*)::text FROM pg_class WHERE relname = 'marker'"); n != "0" {
		t.Errorf("a cluster last run in an earlier boot was reused (marker tables: %s)", n)
	}
}
