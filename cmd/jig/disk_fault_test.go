package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jig-sql/jig/engine/enginetest"
)

// mountTmpfs mounts a tmpfs of size at a new folder, or skips the test
// when mounting is not permitted (not root, or a container without
// CAP_SYS_ADMIN).
func mountTmpfs(t *testing.T, size string) string {
	t.Helper()
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here (%v: %s); the disk fault tests need root with mount permission", err, strings.TrimSpace(string(out)))
	}
	t.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })
	return dir
}

func remount(t *testing.T, dir, opts string) {
	t.Helper()
	if out, err := exec.Command("mount", "-o", "remount,"+opts, dir).CombinedOutput(); err != nil {
		t.Fatalf("remount %s: %v %s", opts, err, out)
	}
}

// staleWorkspace writes a workspace whose one fixture expects a wrong row,
// so jig test --update wants to rewrite it.
func staleWorkspace(t *testing.T, dir string) string {
	t.Helper()
	files := map[string]string{
		"schema/t.sql":      "CREATE TABLE t (id int PRIMARY KEY, v text);\n",
		"queries/q.sql":     "SELECT v FROM t ORDER BY id\n",
		"fixtures/q/a.yaml": "query: q\ngiven:\n  t:\n    - {id: 1, v: a}\nexpect:\n  rows:\n    - {v: stale}\n",
	}
	for name, content := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, "fixtures", "q", "a.yaml")
}

// hiddenTemps lists write-then-rename temp files left under dir.
func hiddenTemps(dir string) []string {
	var out []string
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && strings.Contains(info.Name(), ".tmp-") {
			out = append(out, p)
		}
		return nil
	})
	return out
}

// On a read-only workspace, --update, init and pull fail with a clear
// error, and no file is changed or half-written.
func TestFaultReadOnlyWorkspace(t *testing.T) {
	t.Setenv("JIG_DSN", enginetest.Server(t).DSN())
	mnt := mountTmpfs(t, "1m")
	fixture := staleWorkspace(t, mnt)
	before := readFile(t, fixture)
	remount(t, mnt, "ro")
	code, out := jig(t, "test", "--update", "-w", mnt)
	if code != exitFail || !strings.Contains(out, "updating fixtures/q/a.yaml") || !strings.Contains(out, "read-only file system") {
		t.Errorf("--update on a read-only workspace: exit %d\n%s", code, out)
	}
	if readFile(t, fixture) != before {
		t.Error("the fixture changed")
	}
	code, out = jig(t, "init", filepath.Join(mnt, "new"))
	if code != exitUsage || !strings.Contains(out, "read-only file system") {
		t.Errorf("init into a read-only folder: exit %d\n%s", code, out)
	}
	dsn, _ := liveDSN(t, "CREATE TABLE events (id int);", nil)
	code, out = jig(t, "pull", "-w", mnt, "--dsn", dsn, "events")
	if code == exitOK || !strings.Contains(out, "read-only file system") {
		t.Errorf("pull into a read-only workspace: exit %d\n%s", code, out)
	}
}

// On a full disk, --update and pull fail with "no space left on device",
// leave the old file whole and no temp file behind.
func TestFaultFullDisk(t *testing.T) {
	t.Setenv("JIG_DSN", enginetest.Server(t).DSN())
	mnt := mountTmpfs(t, "64k")
	fixture := staleWorkspace(t, mnt)
	before := readFile(t, fixture)
	// Fill the disk: write until ENOSPC.
	f, err := os.Create(filepath.Join(mnt, "filler"))
	if err != nil {
		t.Fatal(err)
	}
	chunk := make([]byte, 4096)
	for {
		if _, err := f.Write(chunk); err != nil {
			break
		}
	}
	f.Close()
	code, out := jig(t, "test", "--update", "-w", mnt)
	if code != exitFail || !strings.Contains(out, "updating fixtures/q/a.yaml") || !strings.Contains(out, "no space left on device") {
		t.Errorf("--update on a full disk: exit %d\n%s", code, out)
	}
	if readFile(t, fixture) != before {
		t.Error("the fixture changed on a full disk")
	}
	dsn, _ := liveDSN(t, "CREATE TABLE events (id int, payload text);", nil)
	code, out = jig(t, "pull", "-w", mnt, "--dsn", dsn, "events")
	if code == exitOK || !strings.Contains(out, "no space left on device") {
		t.Errorf("pull on a full disk: exit %d\n%s", code, out)
	}
	code, out = jig(t, "init", filepath.Join(mnt, "new"))
	if code != exitUsage || !strings.Contains(out, "no space left on device") {
		t.Errorf("init on a full disk: exit %d\n%s", code, out)
	}
	if left := hiddenTemps(mnt); len(left) != 0 {
		t.Errorf("temp files left on the full disk: %v", left)
	}
	if _, err := os.Stat(filepath.Join(mnt, "schema", "events.sql")); err == nil {
		t.Errorf("pull left schema/events.sql on a full disk:\n%s", readFile(t, filepath.Join(mnt, "schema", "events.sql")))
	}
}
