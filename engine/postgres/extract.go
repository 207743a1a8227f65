package postgres

import (
	"archive/tar"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// untar extracts the entries under prefix into dir, refusing paths that
// escape it.
func untar(r io.Reader, dir, prefix string) error {
	tr := tar.NewReader(r)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("reading archive: %w", err)
		}
		name, ok := strings.CutPrefix(h.Name, prefix)
		if !ok || name == "" {
			continue
		}
		target := filepath.Join(dir, filepath.FromSlash(name))
		if !strings.HasPrefix(target, filepath.Clean(dir)+string(os.PathSeparator)) {
			return fmt.Errorf("archive entry %q escapes the target folder", h.Name)
		}
		if err := extractEntry(tr, h, target); err != nil {
			return err
		}
	}
}

func extractEntry(tr *tar.Reader, h *tar.Header, target string) error {
	switch h.Typeflag {
	case tar.TypeDir:
		return os.MkdirAll(target, 0o755)
	case tar.TypeSymlink:
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		return os.Symlink(h.Linkname, target)
	case tar.TypeReg:
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		// Everything must stay readable (and binaries executable) by the
		// unprivileged server account when jig runs as root.
		mode := os.FileMode(0o644)
		if h.FileInfo().Mode()&0o111 != 0 {
			mode = 0o755
		}
		f, err := os.OpenFile(target, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, mode)
		if err != nil {
			return err
		}
		_, err = io.Copy(f, tr)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return err
	}
	return nil
}

// recreateSymlinks restores the shared-library links the npm package lists
// in native/pg-symlinks.json (npm tarballs cannot carry symlinks).
func recreateSymlinks(dir string) error {
	b, err := os.ReadFile(filepath.Join(dir, "pg-symlinks.json"))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var links []struct{ Source, Target string }
	if err := json.Unmarshal(b, &links); err != nil {
		return fmt.Errorf("pg-symlinks.json: %w", err)
	}
	for _, l := range links {
		src := strings.TrimPrefix(l.Source, "native/")
		dst := filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(l.Target, "native/")))
		if !strings.HasPrefix(dst, filepath.Clean(dir)+string(os.PathSeparator)) {
			return fmt.Errorf("pg-symlinks.json: %q escapes the target folder", l.Target)
		}
		rel, err := filepath.Rel(filepath.Dir(dst), filepath.Join(dir, filepath.FromSlash(src)))
		if err != nil {
			return err
		}
		os.Remove(dst)
		if err := os.Symlink(rel, dst); err != nil {
			return fmt.Errorf("recreating %s: %w", l.Target, err)
		}
	}
	return nil
}
