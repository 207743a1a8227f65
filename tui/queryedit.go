package tui

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"
	"github.com/jig-sql/jig/workspace"
)

// Changing the query: E hands the query's file to $VISUAL or $EDITOR (the
// workbench steps aside until it exits); e edits it in the Query pane, in
// a mode where every key but ctrl+s, esc and ctrl+c is text. Either way
// the file is what changes, and the reload that follows every file change
// re-runs the session.

// editorDoneMsg says the external editor exited.
type editorDoneMsg struct {
	editor string
	err    error
}

// queryEditor is the inline editor: the whole file, comments included.
type queryEditor struct {
	ta   textarea.Model
	path string // absolute
	orig string // the text as opened, to tell whether esc drops anything
}

// queryFile is the session's query and its file, or an error saying why
// there is nothing to edit.
func (m *Model) queryFile() (*workspace.Query, string, error) {
	if m.sess == nil {
		return nil, "", errors.New("no query to edit: pick one in the sidebar")
	}
	q := m.ws.Query(m.sess.Query)
	if q == nil {
		return nil, "", fmt.Errorf("query %s has no file any more", m.sess.Query)
	}
	return q, filepath.Join(m.ws.Dir, filepath.FromSlash(q.Path)), nil
}

// editorCommand is the user's editor on path: $VISUAL, else $EDITOR, else
// vi; the variable may carry arguments ("code --wait").
func editorCommand(path string) *exec.Cmd {
	ed := os.Getenv("VISUAL")
	if strings.TrimSpace(ed) == "" {
		ed = os.Getenv("EDITOR")
	}
	f := strings.Fields(ed)
	if len(f) == 0 {
		f = []string{"vi"}
	}
	return exec.Command(f[0], append(f[1:], path)...)
}

// openEditor runs the external editor on the query's file.
func (m *Model) openEditor() tea.Cmd {
	_, path, err := m.queryFile()
	if err != nil {
		return reportErr(err)
	}
	c := editorCommand(path)
	name := filepath.Base(c.Path)
	return tea.ExecProcess(c, func(err error) tea.Msg { return editorDoneMsg{editor: name, err: err} })
}

// onEditorDone reloads at once rather than waiting for the watcher.
func (m *Model) onEditorDone(msg editorDoneMsg) tea.Cmd {
	if msg.err != nil {
		return reportErr(fmt.Errorf("the editor (%s) failed: %w; the query file is as it left it", msg.editor, msg.err))
	}
	return m.reload()
}

// startInlineEdit opens the query's file in the Query pane.
func (m *Model) startInlineEdit() tea.Cmd {
	_, path, err := m.queryFile()
	if err != nil {
		return reportErr(err)
	}
	text, err := os.ReadFile(path)
	if err != nil {
		return reportErr(err)
	}
	ta := textarea.New()
	ta.ShowLineNumbers = true
	ta.Prompt = ""
	ta.CharLimit = 0
	ta.MaxHeight = 0
	ta.SetValue(strings.TrimRight(string(text), "\n"))
	ta.MoveToBegin()
	m.query.editor = &queryEditor{ta: ta, path: path, orig: ta.Value()}
	m.mode = modeQueryEdit
	if m.focus != ScopeQuery {
		m.setFocus(ScopeQuery)
	}
	return m.query.editor.ta.Focus()
}

// queryEditKey handles a key while the query is edited inline.
func (m *Model) queryEditKey(k tea.KeyPressMsg) tea.Cmd {
	e, qk := m.query.editor, m.th.keys.QEdit
	switch {
	case matches(k, m.th.keys.Global.Cancel):
		m.stopInlineEdit()
		return m.cancelOrQuit()
	case matches(k, qk.Cancel):
		if e.ta.Value() == e.orig {
			m.stopInlineEdit()
			return nil
		}
		m.ask("Query changed: discard changes? y discards · n keeps editing",
			emit(deferredMsg{func() tea.Cmd { m.stopInlineEdit(); return nil }}),
			emit(deferredMsg{m.resumeInlineEdit}))
		return nil
	case matches(k, qk.Save):
		text := e.ta.Value() + "\n"
		if err := workspace.WriteFileAtomic(e.path, []byte(text), 0o644); err != nil {
			return reportErr(fmt.Errorf("saving the query: %w", err))
		}
		m.stopInlineEdit()
		m.notice = "saved " + e.path
		return m.reload()
	}
	var cmd tea.Cmd
	e.ta, cmd = e.ta.Update(k)
	return cmd
}

// resumeInlineEdit goes back to the editor after "keep editing".
func (m *Model) resumeInlineEdit() tea.Cmd {
	if m.query.editor == nil {
		return nil
	}
	m.mode = modeQueryEdit
	return m.query.editor.ta.Focus()
}

func (m *Model) stopInlineEdit() {
	m.query.editor = nil
	m.mode = modeNormal
}

// editorView draws the inline editor in the pane's frame.
func (p *queryPane) editorView() []string {
	w, h := p.inner()
	p.editor.ta.SetWidth(w)
	p.editor.ta.SetHeight(h)
	body := splitLines(p.editor.ta.View())
	return p.th.fr.frame("Query · editing", "ctrl+s saves · esc leaves", body, p.w, p.h, p.focused)
}
