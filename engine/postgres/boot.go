package postgres

import (
	"os"
	"path/filepath"
	"strings"
)

// The server runs with fsync off where jig can tell boots apart: a scratch
// cluster needs no durability against a process crash (written pages are
// in the OS's cache either way), and its shutdown checkpoint's fsyncs were
// most of Stop (~35 of 40 ms). Only an OS crash can lose such writes, so a
// workspace cluster that last ran in an earlier boot is rebuilt from the
// template instead of reused. (The template and its copies were never
// synced: initdb --no-sync.)

const bootIDFile = "/proc/sys/kernel/random/boot_id"

// bootID names this boot of the machine ("" where unknown: fsync stays on).
func bootID() string {
	b, err := os.ReadFile(bootIDFile)
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
}

// durabilitySettings turn fsync off when boots can be told apart.
func durabilitySettings(settings map[string]string) map[string]string {
	if bootID() == "" {
		return settings
	}
	out := map[string]string{"fsync": "off"}
	for k, v := range settings {
		out[k] = v
	}
	return out
}

// ranInEarlierBoot reports whether the cluster in dir last ran with fsync
// off in a boot other than this one.
func ranInEarlierBoot(dir string) bool {
	b, err := os.ReadFile(filepath.Join(dir, "boot_id"))
	return err == nil && strings.TrimSpace(string(b)) != bootID()
}

// markBoot records, before the server starts, the boot it runs in.
func markBoot(dir string) error {
	id := bootID()
	if id == "" {
		return os.Remove(filepath.Join(dir, "boot_id")) // fsync on: nothing to distrust later
	}
	return os.WriteFile(filepath.Join(dir, "boot_id"), []byte(id+"\n"), 0o644)
}
