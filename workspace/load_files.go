package workspace

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"unicode/utf8"

	"github.com/jig-sql/jig/workspace/diag"
)

// MaxFileSize is the largest workspace file jig reads. Schema, queries and
// fixtures are hand-written; anything bigger is a mistake (a data dump in
// the wrong folder) and is reported instead of read into memory.
const MaxFileSize = 10 << 20

// loader carries the error list through one Load.
type loader struct {
	dir  string
	errs diag.Errors
	// unreadable names the query files that exist but were rejected.
	unreadable []string
}

func (l *loader) merge(err error) {
	var es diag.Errors
	if errors.As(err, &es) {
		l.errs = append(l.errs, es...)
	}
}

// rel is p relative to the workspace, slash-separated, for messages.
func (l *loader) rel(p string) string {
	if r, err := filepath.Rel(l.dir, p); err == nil && filepath.IsLocal(r) {
		return filepath.ToSlash(r)
	}
	return filepath.ToSlash(p)
}

// list returns the files in folder with one of exts, in name order. A
// missing folder is no error: every folder is optional.
func (l *loader) list(folder string, exts ...string) []string {
	if !filepath.IsAbs(folder) {
		folder = filepath.Join(l.dir, folder)
	}
	return l.listIn(folder, exts...)
}

// listIn is list on a folder already resolved against the workspace (joining
// it with a relative workspace path again would name a folder that does not
// exist, and silently find nothing).
func (l *loader) listIn(folder string, exts ...string) []string {
	entries, err := os.ReadDir(folder)
	if err != nil {
		if !errors.Is(err, os.ErrNotExist) {
			l.errs.Add(l.rel(folder), 1, 1, "", "cannot read folder: %v", err)
		}
		return nil
	}
	var out []string
	for _, e := range entries {
		if !e.IsDir() && hasExt(e.Name(), exts...) && e.Name()[0] != '.' {
			out = append(out, filepath.Join(folder, e.Name()))
		}
	}
	return out
}

// read returns a file's bytes after checking its size (before reading) and
// that it is UTF-8 text. optional files may be missing.
func (l *loader) read(p string, optional bool) ([]byte, bool) {
	rel := l.rel(p)
	fi, err := os.Stat(p)
	switch {
	case optional && errors.Is(err, os.ErrNotExist):
		return nil, false
	case err != nil:
		l.errs.Add(rel, 1, 1, "", "cannot read file: %v", err)
		return nil, false
	case !fi.Mode().IsRegular():
		l.errs.Add(rel, 1, 1, "", "not a regular file")
		return nil, false
	case fi.Size() > MaxFileSize:
		l.errs.Add(rel, 1, 1, "workspace files are hand-written; keep data dumps out of the workspace",
			"file is %d MB, larger than the %d MB limit", (fi.Size()+(1<<20)-1)>>20, MaxFileSize>>20)
		return nil, false
	}
	f, err := os.Open(p)
	if err != nil {
		l.errs.Add(rel, 1, 1, "", "cannot read file: %v", err)
		return nil, false
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err == nil && len(data) > MaxFileSize {
		err = errors.New("file grew past the size limit while being read")
	}
	if err != nil {
		l.errs.Add(rel, 1, 1, "", "cannot read file: %v", err)
		return nil, false
	}
	if !utf8.Valid(data) {
		off := firstInvalidUTF8(data)
		line, col := diag.LineCol(string(data), off)
		l.errs.Add(rel, 1, 1, "save the file as UTF-8", "file is not UTF-8 text (invalid byte at line %d, column %d)", line, col)
		return nil, false
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		line, col := diag.LineCol(string(data), i)
		l.errs.Add(rel, line, col, "remove it; Postgres cannot receive a NUL byte in SQL or in a text value", "file holds a NUL byte")
		return nil, false
	}
	return data, true
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// fixtures reads fixtures/<query>/*.yaml, folder by folder.
func (l *loader) fixtures(folder string) []*Fixture {
	root := folder
	if !filepath.IsAbs(root) {
		root = filepath.Join(l.dir, root)
	}
	entries, err := os.ReadDir(root)
	if err != nil {
		if !errors.Is(err, os.ErrNotExist) {
			l.errs.Add(l.rel(root), 1, 1, "", "cannot read folder: %v", err)
		}
		return nil
	}
	var paths []string
	for _, e := range entries {
		p := filepath.Join(root, e.Name())
		if e.Name()[0] == '.' {
			continue
		}
		if !e.IsDir() {
			if hasExt(e.Name(), ".yaml", ".yml") {
				l.errs.Add(l.rel(p), 1, 1, "move it to fixtures/<query>/", "fixture files live in a folder named after their query")
			}
			continue
		}
		paths = append(paths, l.listIn(p, ".yaml", ".yml")...)
	}
	return l.parseFixtures(paths)
}

// parseFixtures reads and decodes fixture files on every CPU (a CI
// workspace holds thousands), keeping their order and every error.
func (l *loader) parseFixtures(paths []string) []*Fixture {
	type parsed struct {
		f    *Fixture
		errs diag.Errors
	}
	results := make([]parsed, len(paths))
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(runtime.GOMAXPROCS(0), len(paths)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				sub := &loader{dir: l.dir}
				if data, ok := sub.read(paths[i], false); ok {
					f, err := ParseFixture(sub.rel(paths[i]), data)
					sub.merge(err)
					results[i].f = f
				}
				results[i].errs = sub.errs
			}
		}()
	}
	for i := range paths {
		next <- i
	}
	close(next)
	wg.Wait()
	var out []*Fixture
	for _, r := range results {
		l.errs = append(l.errs, r.errs...)
		if r.f != nil {
			out = append(out, r.f)
		}
	}
	return out
}
