package postgres

import (
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// ServerAccount is the unprivileged user initdb and postgres run as when jig
// runs as root (Postgres refuses root). jig uses the account "jig", creating
// it as a system user when missing, and falls back to "nobody".
const ServerAccount = "jig"

// account is who the server runs as; nil means "as ourselves".
type account struct {
	name     string
	uid, gid uint32
}

func (a *account) String() string {
	if a == nil {
		return "the current user"
	}
	return fmt.Sprintf("%s (uid %d)", a.name, a.uid)
}

// serverAccount returns nil unless we are root.
func serverAccount() (*account, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	if a, err := lookupAccount(ServerAccount); err == nil {
		return a, nil
	}
	createAccount(ServerAccount)
	if a, err := lookupAccount(ServerAccount); err == nil {
		return a, nil
	}
	a, err := lookupAccount("nobody")
	if err != nil {
		return nil, fmt.Errorf("running as root, Postgres needs an unprivileged account: could not create %q nor find \"nobody\"", ServerAccount)
	}
	return a, nil
}

func lookupAccount(name string) (*account, error) {
	u, err := user.Lookup(name)
	if err != nil {
		return nil, err
	}
	uid, err1 := strconv.ParseUint(u.Uid, 10, 32)
	gid, err2 := strconv.ParseUint(u.Gid, 10, 32)
	if err1 != nil || err2 != nil || uid == 0 {
		return nil, fmt.Errorf("account %s is not usable", name)
	}
	return &account{name: name, uid: uint32(uid), gid: uint32(gid)}, nil
}

// createAccount tries the usual tools; a concurrent jig creating it first is
// fine (the lookup that follows decides).
func createAccount(name string) {
	cmds := [][]string{
		{"useradd", "--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", name},
		{"adduser", "-S", "-D", "-H", name}, // busybox
	}
	for _, c := range cmds {
		if _, err := exec.LookPath(c[0]); err == nil {
			if exec.Command(c[0], c[1:]...).Run() == nil {
				return
			}
		}
	}
}

// command builds an exec.Cmd that runs as the account.
func (a *account) command(name string, args ...string) *exec.Cmd {
	cmd := exec.Command(name, args...)
	if a != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: a.uid, Gid: a.gid}}
		cmd.Env = append(os.Environ(), "HOME=/tmp", "USER="+a.name, "LOGNAME="+a.name)
	}
	return cmd
}

// chown gives path (not recursively) to the account.
func (a *account) chown(path string) error {
	if a == nil {
		return nil
	}
	return os.Lchown(path, int(a.uid), int(a.gid))
}

// shim returns a binaries folder for embedded-postgres whose bin/pg_ctl and
// bin/initdb switch to the account before running the real ones. The library
// runs those two programs itself and has no notion of a user, so this is the
// seam where root becomes the server account.
func (a *account) shim(cacheDir, binDir string) (string, error) {
	if a == nil {
		return binDir, nil
	}
	dir := filepath.Join(cacheDir, "shim", fmt.Sprintf("%d-%x", a.uid, hashString(binDir)))
	if _, err := os.Stat(filepath.Join(dir, "bin", "pg_ctl")); err == nil {
		return dir, nil
	}
	prefix, err := a.switchPrefix()
	if err != nil {
		return "", err
	}
	tmp := tempSibling(dir)
	defer os.RemoveAll(tmp)
	if err := os.MkdirAll(filepath.Join(tmp, "bin"), 0o755); err != nil {
		return "", err
	}
	for _, prog := range []string{"pg_ctl", "initdb"} {
		script := "#!/bin/sh\nexec " + prefix + " " + shellQuote(filepath.Join(binDir, "bin", prog)) + " \"$@\"\n"
		if err := os.WriteFile(filepath.Join(tmp, "bin", prog), []byte(script), 0o755); err != nil {
			return "", err
		}
	}
	if err := os.Rename(tmp, dir); err != nil && !os.IsExist(err) {
		if _, serr := os.Stat(filepath.Join(dir, "bin", "pg_ctl")); serr != nil {
			return "", err
		}
	}
	return dir, nil
}

func (a *account) switchPrefix() (string, error) {
	if p, err := exec.LookPath("setpriv"); err == nil {
		return fmt.Sprintf("%s --reuid=%d --regid=%d --clear-groups --", p, a.uid, a.gid), nil
	}
	if p, err := exec.LookPath("runuser"); err == nil {
		return fmt.Sprintf("%s -u %s --", p, shellQuote(a.name)), nil
	}
	return "", fmt.Errorf("running as root needs setpriv or runuser (util-linux) to start Postgres as %s", a)
}

func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func hashString(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}
