package postgres_test

import (
	"fmt"
	"os"
	"os/user"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/jig-sql/jig/engine/postgres"
)

// As root the server runs as an unprivileged account; a cache under a
// folder that account cannot enter is named, with the fix, before any
// program is started (it was "fork/exec …/initdb: permission denied").
func TestCacheTheServerCannotReach(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("only root hands the server to another account")
	}
	o := explicitOptions(t)
	private := filepath.Join(tempDir(t, "jig-private-*"), "private")
	if err := os.Mkdir(private, 0o700); err != nil {
		t.Fatal(err)
	}
	o.CacheDir = filepath.Join(private, "cache")
	s, err := tryStart(o)
	if err == nil {
		s.Stop()
		t.Fatal("Start succeeded with a cache the server account cannot reach")
	}
	msg := err.Error()
	for _, want := range []string{private + " is drwx------", "chmod o+x " + private, "JIG_CACHE_DIR"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the error does not say %q:\n%s", want, msg)
		}
	}
	if strings.Contains(msg, "fork/exec") {
		t.Errorf("the error is the raw exec failure:\n%s", msg)
	}
}

// The server log is the server account's, as when Postgres made it, so
// that a jig of any version on the same cache can start the server.
func TestServerLogBelongsToTheAccount(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("only root hands the server to another account")
	}
	u, err := user.Lookup(postgres.ServerAccount)
	if err != nil {
		t.Skip(err)
	}
	s := start(t, explicitOptions(t))
	fi, err := os.Stat(s.LogPath())
	if err != nil {
		t.Fatal(err)
	}
	if uid := fi.Sys().(*syscall.Stat_t).Uid; fmt.Sprint(uid) != u.Uid {
		t.Errorf("%s belongs to uid %d, want %s's (%s)", s.LogPath(), uid, postgres.ServerAccount, u.Uid)
	}
}
