package postgres_test

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/user"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jig-sql/jig/engine/postgres"
)

// As root, the server runs as the unprivileged account, keeps its data
// private to it and listens on loopback only.
func TestServerAccountAndListen(t *testing.T) {
	t.Parallel()
	s := start(t, warmOptions(t))
	data, pid := postmaster(t, s)
	conn := connect(t, s)
	if v := queryString(t, conn, "SHOW listen_addresses"); v != "127.0.0.1" {
		t.Errorf("listen_addresses = %q", v)
	}
	st, err := os.Stat(data)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o700 {
		t.Errorf("%s mode = %v, want 0700", data, st.Mode().Perm())
	}
	uid := st.Sys().(*syscall.Stat_t).Uid
	if procUID(t, pid) != uid {
		t.Errorf("postmaster uid %d, data dir owner %d", procUID(t, pid), uid)
	}
	if os.Geteuid() == 0 {
		u, err := user.Lookup(postgres.ServerAccount)
		if err != nil {
			t.Fatalf("running as root, but no %s account: %v", postgres.ServerAccount, err)
		}
		if fmt.Sprint(uid) != u.Uid {
			t.Errorf("postmaster and data run as uid %d, want %s (%s)", uid, postgres.ServerAccount, u.Uid)
		}
	} else if uid != uint32(os.Geteuid()) {
		t.Errorf("postmaster uid %d, want ours %d", uid, os.Geteuid())
	}

	port := s.ConnConfig().Port
	addrs, _ := net.InterfaceAddrs()
	tried := 0
	for _, a := range addrs {
		ip, _, _ := net.ParseCIDR(a.String())
		if ip == nil || ip.IsLoopback() || ip.IsLinkLocalUnicast() {
			continue
		}
		tried++
		if c, err := net.DialTimeout("tcp", net.JoinHostPort(ip.String(), fmt.Sprint(port)), 2*time.Second); err == nil {
			c.Close()
			t.Errorf("the server accepts connections on %s", ip)
		}
	}
	if tried == 0 {
		t.Log("no non-loopback address to try")
	}
}

func procUID(tb testing.TB, pid int) uint32 {
	tb.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		tb.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) > 1 && f[0] == "Uid:" {
			var uid uint32
			fmt.Sscan(f[1], &uid)
			return uid
		}
	}
	tb.Fatalf("no Uid in /proc/%d/status", pid)
	return 0
}

// Each cache has its own random password; the printed DSN carries none but
// names a 0600 passfile that lets a libpq client in.
func TestPasswordPerCache(t *testing.T) {
	t.Parallel()
	a := start(t, explicitOptions(t))
	b := start(t, explicitOptions(t))
	pa, pb := a.ConnConfig().Password, b.ConnConfig().Password
	if len(pa) < 16 || pa == pb {
		t.Errorf("passwords %q and %q: want random per cache", pa, pb)
	}
	dsn := a.DSN()
	if strings.Contains(dsn, pa) {
		t.Errorf("DSN() shows the password: %s", dsn)
	}
	cfg, err := pgx.ParseConfig(dsn) // pgx reads passfile= as libpq does
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Password != pa {
		t.Errorf("the passfile in DSN() does not give the password")
	}
	pass := cfg.RuntimeParams["passfile"]
	if pass == "" {
		_, q, _ := strings.Cut(dsn, "passfile=")
		pass, _, _ = strings.Cut(q, "&")
	}
	if st, err := os.Stat(filepath.Clean(pass)); err == nil && st.Mode().Perm() != 0o600 {
		t.Errorf("passfile mode %v", st.Mode().Perm())
	}
	c, err := pgx.ConnectConfig(context.Background(), cfg)
	if err != nil {
		t.Fatalf("connecting with DSN(): %v", err)
	}
	c.Close(context.Background())
}
