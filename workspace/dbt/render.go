package dbt

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/nikolalohinski/gonja/v2"
	"github.com/nikolalohinski/gonja/v2/exec"
)

// macroFile is one file of the project's macro-paths (or of an installed
// package's), defined before every model renders.
type macroFile struct {
	Path    string
	Package string // "" for the project's own
	Text    string
	Names   []string // the macros it defines
}

var macroName = regexp.MustCompile(`\{%-?\s*macro\s+([A-Za-z_][A-Za-z0-9_]*)\s*\(`)

func newMacroFile(path, pkg, text string) *macroFile {
	m := &macroFile{Path: path, Package: pkg, Text: text}
	for _, sm := range macroName.FindAllStringSubmatch(text, -1) {
		m.Names = append(m.Names, sm[1])
	}
	return m
}

// modelStart separates the macro prelude from the model in one template;
// what renders before it is dropped.
const modelStart = "\x1ejig-model-start\x1e"

// prelude is the macro files laid end to end, each starting on a fresh line,
// with the line each starts on in the combined text.
type prelude struct {
	text  string
	files []*macroFile
	start []int // 1-based line of files[i]'s first line
	lines int   // lines before the model's first line
}

func newPrelude(files []*macroFile) *prelude {
	p := &prelude{files: files}
	var b strings.Builder
	line := 1
	for _, f := range files {
		p.start = append(p.start, line)
		b.WriteString(f.Text)
		if !strings.HasSuffix(f.Text, "\n") {
			b.WriteString("\n")
		}
		line += strings.Count(f.Text, "\n")
		if !strings.HasSuffix(f.Text, "\n") {
			line++
		}
	}
	b.WriteString("{{ __jig_bind() }}" + modelStart)
	p.text, p.lines = b.String(), line-1
	return p
}

// locate maps a line of the combined template to a file and its line: a
// macro file, or the model (file "" and its line).
func (p *prelude) locate(line int) (file string, fileLine int) {
	if line > p.lines {
		return "", line - p.lines
	}
	for i := len(p.files) - 1; i >= 0; i-- {
		if line >= p.start[i] {
			return p.files[i].Path, line - p.start[i] + 1
		}
	}
	return "", 1
}

// RenderError is a model that could not render: where, and what construct.
type RenderError struct {
	File      string
	Line, Col int
	Msg       string
}

func (e *RenderError) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
}

var (
	parseErrPos = regexp.MustCompile(`\(Line: (\d+) Col: (\d+)(?:, near "([^"]*)")?\)`)
	execErrPos  = regexp.MustCompile(`at line (\d+)`)
)

// renderTemplate renders text (the model's template) after the prelude with
// the context st provides. file names the model for errors.
func renderTemplate(p *prelude, file, text string, st *state) (string, *RenderError) {
	tpl, err := gonja.FromString(p.text + text)
	if err != nil {
		return "", p.renderError(file, err, true)
	}
	out, err := tpl.ExecuteToString(exec.NewContext(st.globals()))
	if err == nil && st.fatal != nil {
		err = st.fatal
	}
	if err != nil {
		rerr := p.renderError(file, err, false)
		if st.fatal != nil { // jig's own message, not gonja's wrapping of it
			rerr.Msg = "cannot render: " + st.fatal.Error()
		}
		return "", rerr
	}
	_, model, ok := strings.Cut(out, modelStart)
	if !ok {
		return "", &RenderError{File: file, Line: 1, Col: 1, Msg: "a macro file's output swallowed the model (an unclosed {% raw %} or {% macro %}?)"}
	}
	return model, nil
}

// renderError places a gonja error: parse errors carry a line and column,
// execution errors a line.
func (p *prelude) renderError(file string, err error, parse bool) *RenderError {
	msg := err.Error()
	line, col := 1, 1
	if m := parseErrPos.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		col, _ = strconv.Atoi(m[2])
		msg = cleanParseMessage(msg)
	} else if m := execErrPos.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		col = 0
		msg = cleanExecMessage(msg)
	}
	where, fl := p.locate(line)
	if where == "" {
		where = file
		if fl == 1 && col > 0 {
			col -= len("{{ __jig_bind() }}" + modelStart)
		}
	} else {
		msg += " (in a macro called by " + file + ")"
	}
	return &RenderError{File: where, Line: fl, Col: max(col, 1), Msg: msg}
}

// cleanParseMessage drops gonja's echo of the whole template source.
func cleanParseMessage(msg string) string {
	if i := strings.LastIndex(msg, "': "); i >= 0 && strings.HasPrefix(msg, "failed to parse template") {
		msg = msg[i+3:]
	}
	return "cannot parse the Jinja: " + parseErrPos.ReplaceAllString(msg, "")
}

func cleanExecMessage(msg string) string {
	msg = strings.TrimPrefix(msg, "unable to execute template: ")
	if _, after, ok := strings.Cut(msg, ": "); ok && strings.HasPrefix(msg, "Unable to render expression") {
		msg = after
	}
	return "cannot render: " + strings.TrimSpace(msg)
}
