package tui

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	tea "charm.land/bubbletea/v2"
	"github.com/jig-sql/jig/workspace"
)

// AutosaveFile is where the unsaved session is kept, inside the
// workspace: <workspace>/.jig/autosave.yaml. It is a fixture file with a
// header naming the fixture, written atomically on every change and
// removed on save or when the user declines to restore it.
const AutosaveFile = ".jig/autosave.yaml"

const autosaveHeader = "# jig autosave: the workbench's unsaved fixture; delete to discard\n"

// autosaver writes the autosave file from commands. Writes are numbered so
// that a slow older write never lands after a newer one.
type autosaver struct {
	path    string
	mu      sync.Mutex
	seq     int // last number handed out (UI goroutine only)
	written int
}

func newAutosaver(path string) *autosaver { return &autosaver{path: path} }

// saveCmd writes the session; remove is true to delete the file instead.
func (a *autosaver) saveCmd(s *Session, fixturesDir string, remove bool) tea.Cmd {
	if a == nil || a.path == "" {
		return nil
	}
	a.seq++
	seq := a.seq
	var data []byte
	if !remove {
		data = encodeAutosave(s, fixturesDir)
	}
	return func() tea.Msg {
		a.mu.Lock()
		defer a.mu.Unlock()
		if seq < a.written {
			return autosavedMsg{}
		}
		a.written = seq
		if remove {
			if err := os.Remove(a.path); err != nil && !errors.Is(err, os.ErrNotExist) {
				return autosavedMsg{err: err}
			}
			return autosavedMsg{}
		}
		if err := mkdirFor(a.path); err != nil {
			return autosavedMsg{err: err}
		}
		return autosavedMsg{err: workspace.WriteFileAtomic(a.path, data, 0o644)}
	}
}

// flushAutosave writes the session's autosave now, when it has unsaved
// changes: on a signal, the last edit's autosave command may never run,
// and a cell being typed is committed first.
func (m *Model) flushAutosave() {
	if m.input != nil && m.sess != nil {
		m.input.commitOpenEdit()
	}
	if m.sess == nil || !m.sess.Dirty || m.auto == nil || m.auto.path == "" {
		return
	}
	if cmd := m.auto.saveCmd(m.sess, m.fixturesDir, false); cmd != nil {
		cmd()
	}
}

// encodeAutosave is the header, the fixture's name, then the fixture.
func encodeAutosave(s *Session, fixturesDir string) []byte {
	var b bytes.Buffer
	b.WriteString(autosaveHeader)
	fmt.Fprintf(&b, "# fixture: %s/%s\n", s.Query, s.Name)
	b.Write(workspace.MarshalFixture(s.Fixture(fixturesDir)))
	return b.Bytes()
}

// loadAutosaveCmd looks for a session left behind by a crash; wsDir is
// where the CSV files its given tables name are read from.
func loadAutosaveCmd(p, fixturesDir, wsDir string) tea.Cmd {
	if p == "" {
		return nil
	}
	return func() tea.Msg {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		s, err := decodeAutosave(data, fixturesDir, wsDir)
		if err != nil {
			return autosavedMsg{err: fmt.Errorf("ignoring %s: %w", p, err)}
		}
		return autosaveFoundMsg{session: s}
	}
}

func decodeAutosave(data []byte, fixturesDir, wsDir string) (*Session, error) {
	var name string
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "# fixture: "); ok {
			name = v
			break
		}
	}
	query, stem, ok := strings.Cut(name, "/")
	if !ok || query == "" {
		return nil, errors.New("no fixture name in the header")
	}
	file := stem
	if file == "" {
		file = "unsaved"
	}
	f, err := workspace.ParseFixture(path.Join(fixturesDir, query, file+".yaml"), data)
	if err != nil {
		return nil, err
	}
	if wsDir != "" {
		// A given kept as {csv: <file>} has its rows in that file.
		if err := workspace.ReadGivenCSVs(wsDir, f); err != nil {
			return nil, err
		}
	}
	s := OpenSession(f)
	s.Name, s.Dirty = stem, true
	return s, nil
}

// mkdirFor creates the folder a file goes in.
func mkdirFor(p string) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", filepath.Dir(p), err)
	}
	return nil
}
