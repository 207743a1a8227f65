package postgres

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
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
	return a.commandContext(context.Background(), name, args...)
}

// commandContext is command killed when ctx ends.
func (a *account) commandContext(ctx context.Context, name string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.SysProcAttr = &syscall.SysProcAttr{}
	if a != nil {
		cmd.SysProcAttr.Credential = &syscall.Credential{Uid: a.uid, Gid: a.gid}
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

func hashString(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

// canReach checks, before any program runs as the account, that it can
// enter every folder down to dir (what names it in the error: "cache",
// "binaries"), and names the first folder that stops it and the fix.
func (a *account) canReach(dir, what, alternative string) error {
	if a == nil {
		return nil
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	var chain []string
	for p := abs; ; p = filepath.Dir(p) {
		chain = append(chain, p)
		if p == filepath.Dir(p) {
			break
		}
	}
	for i := len(chain) - 1; i >= 0; i-- {
		p := chain[i]
		fi, err := os.Stat(p)
		if err != nil {
			continue // made later, 0755
		}
		st, ok := fi.Sys().(*syscall.Stat_t)
		if !ok || a.mayEnter(fi.Mode().Perm(), st.Uid, st.Gid) {
			continue
		}
		return fmt.Errorf("the server runs as %s, which cannot reach the %s %s: %s is %s (owner uid %d)\n  hint: run `chmod o+x %s`, or %s",
			a, what, abs, p, fi.Mode(), st.Uid, p, alternative)
	}
	return nil
}

// mayEnter reports whether the account may search a folder with this
// mode and owner (its supplementary groups are cleared when it runs).
func (a *account) mayEnter(perm os.FileMode, uid, gid uint32) bool {
	switch {
	case uid == a.uid:
		return perm&0o100 != 0
	case gid == a.gid:
		return perm&0o010 != 0
	}
	return perm&0o001 != 0
}
