package watch

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Event is one settled burst of changes: the files written, created,
// renamed or removed, as absolute paths in name order. Err is set instead
// when the watcher itself failed (it keeps watching if it can).
type Event struct {
	Paths []string
	Err   error
}

// DefaultDebounce is how long a burst must be quiet before its Event is
// sent: long enough to cover an editor's write-rename-chmod, short enough
// to stay well inside the workbench's half second.
const DefaultDebounce = 40 * time.Millisecond

// Watcher watches folders until Close.
type Watcher struct {
	fs       *fsnotify.Watcher
	send     func(Event)
	debounce time.Duration
	done     chan struct{}
	wg       sync.WaitGroup
}

// New watches dirs (each non-recursively; folders that do not exist are
// skipped) and calls send from its own goroutine once per settled burst of
// changes to files whose names end in one of exts (e.g. ".sql", ".yaml").
func New(dirs []string, exts []string, debounce time.Duration, send func(Event)) (*Watcher, error) {
	fs, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	for _, d := range dirs {
		if st, err := os.Stat(d); err != nil || !st.IsDir() {
			continue
		}
		if err := fs.Add(d); err != nil {
			fs.Close()
			return nil, err
		}
	}
	w := &Watcher{fs: fs, send: send, debounce: debounce, done: make(chan struct{})}
	w.wg.Add(1)
	go w.loop(exts)
	return w, nil
}

// Close stops watching; no Event is sent after it returns.
func (w *Watcher) Close() error {
	close(w.done)
	err := w.fs.Close()
	w.wg.Wait()
	return err
}

func (w *Watcher) loop(exts []string) {
	defer w.wg.Done()
	pending := map[string]bool{}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-w.done:
			timer.Stop()
			return
		case ev, ok := <-w.fs.Events:
			if !ok {
				return
			}
			if ev.Op == fsnotify.Chmod || !relevant(ev.Name, exts) {
				continue
			}
			pending[ev.Name] = true
			timer.Reset(w.debounce)
		case err, ok := <-w.fs.Errors:
			if !ok {
				return
			}
			w.deliver(Event{Err: err})
		case <-timer.C:
			paths := make([]string, 0, len(pending))
			for p := range pending {
				paths = append(paths, p)
			}
			slices.Sort(paths)
			clear(pending)
			w.deliver(Event{Paths: paths})
		}
	}
}

func (w *Watcher) deliver(ev Event) {
	select {
	case <-w.done:
	default:
		w.send(ev)
	}
}

// relevant keeps files the workspace reads and drops editors' scratch
// files (.x.swp, x~, #x#, vim's 4913 probe).
func relevant(path string, exts []string) bool {
	base := filepath.Base(path)
	if strings.HasPrefix(base, ".") || strings.HasPrefix(base, "#") || strings.HasSuffix(base, "~") {
		return false
	}
	return slices.ContainsFunc(exts, func(e string) bool { return strings.HasSuffix(base, e) })
}
