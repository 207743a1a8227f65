package dbt

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

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

// prelude is the macro files laid end to end, each starting on a fresh
// line, parsed once: before each model renders, it runs (defining the
// macros in that model's context) and hands its macros over (__jig_bind).
type prelude struct {
	text  string
	files []*macroFile
	start []int // 1-based line of files[i]'s first line
	tpl   *exec.Template
}

// newPrelude parses the macro files together. A file gonja cannot parse is
// left out with a warning (it would stop every model), and the rest parsed
// again.
func newPrelude(files []*macroFile, warn func(file string, line, col int, msg string)) *prelude {
	for {
		p := layPrelude(files)
		tpl, err := gonja.FromString(p.text)
		if err == nil {
			p.tpl = tpl
			return p
		}
		rerr := p.renderError("", err, true)
		i := slices.IndexFunc(files, func(f *macroFile) bool { return f.Path == rerr.File })
		if i < 0 { // not placed in a file: define no macros rather than fail every model
			warn(files[0].Path, 1, 1, "macros not loaded: "+rerr.Msg)
			p = layPrelude(nil)
			p.tpl, _ = gonja.FromString(p.text)
			return p
		}
		warn(rerr.File, rerr.Line, rerr.Col, "macro file not loaded: "+rerr.Msg)
		files = slices.Delete(slices.Clone(files), i, i+1)
	}
}

func layPrelude(files []*macroFile) *prelude {
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
	b.WriteString("{{ __jig_bind() }}")
	p.text = b.String()
	return p
}

// locate maps a line of the prelude to its macro file and line there.
func (p *prelude) locate(line int) (file string, fileLine int) {
	for i := len(p.files) - 1; i >= 0; i-- {
		if line >= p.start[i] {
			return p.files[i].Path, line - p.start[i] + 1
		}
	}
	return "", line
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

// renderTemplate renders text (the model's template) with the context st
// provides and the macros the prelude defines in it. file names the model
// for errors.
func renderTemplate(p *prelude, file, text string, st *state) (string, *RenderError) {
	tpl, err := gonja.FromString(text)
	if err != nil {
		return "", placeError(file, err, true)
	}
	globals := st.globals()
	if _, err := p.tpl.ExecuteToString(exec.NewContext(globals)); err != nil || st.fatal != nil {
		rerr := p.renderError(file, err, false)
		if st.fatal != nil {
			rerr.Msg = "cannot render: " + st.fatal.Error()
		}
		rerr.Msg += " (while defining the macros, for " + file + ")"
		return "", rerr
	}
	for name, m := range st.bound {
		globals[name] = m
	}
	out, err := tpl.ExecuteToString(exec.NewContext(globals))
	if err == nil && st.fatal != nil {
		err = st.fatal
	}
	if err != nil {
		rerr := placeError(file, err, false)
		if st.fatal != nil { // jig's own message, not gonja's wrapping of it
			rerr.Msg = "cannot render: " + st.fatal.Error()
			rerr.Col = columnNear(text, rerr.Line, st.failNear)
		}
		return "", rerr
	}
	return out, nil
}

// renderError places an error of the prelude in its macro file.
func (p *prelude) renderError(file string, err error, parse bool) *RenderError {
	if err == nil {
		return &RenderError{File: file, Line: 1, Col: 1}
	}
	rerr := placeError("", err, parse)
	rerr.File, rerr.Line = p.locate(rerr.Line)
	if rerr.File == "" {
		rerr.File = file
	}
	return rerr
}

// placeError places a gonja error in file: parse errors carry a line and
// column, execution errors a line (the outermost: the model's own).
func placeError(file string, err error, parse bool) *RenderError {
	msg := err.Error()
	line, col := 1, 1
	if m := parseErrPos.FindStringSubmatch(msg); parse && m != nil {
		line, _ = strconv.Atoi(m[1])
		col, _ = strconv.Atoi(m[2])
		msg = cleanParseMessage(msg)
	} else if m := execErrPos.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = cleanExecMessage(msg)
	} else {
		msg = cleanExecMessage(msg)
	}
	return &RenderError{File: file, Line: line, Col: col, Msg: msg}
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

// columnNear is the 1-based column where re first matches line of text,
// else 1.
func columnNear(text string, line int, re *regexp.Regexp) int {
	lines := strings.Split(text, "\n")
	if re == nil || line < 1 || line > len(lines) {
		return 1
	}
	if loc := re.FindStringIndex(lines[line-1]); loc != nil {
		return utf8.RuneCountInString(lines[line-1][:loc[0]]) + 1
	}
	return 1
}
