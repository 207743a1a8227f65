package main

import (
	"bytes"
	"io"
)

// trimWriter drops the spaces and tabs that end each line: fang pads every
// help line to the width of its block, which is noise in a pipe, a file
// or a diff. It is used for cobra's output (help, completion scripts, the
// man page) only when that is not a terminal, where the padding carries
// no background colour.
type trimWriter struct {
	w       io.Writer
	pending []byte // the line written so far, without its newline
}

func (t *trimWriter) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		i := bytes.IndexByte(p, '\n')
		if i < 0 {
			t.pending = append(t.pending, p...)
			break
		}
		line := append(t.pending, p[:i]...)
		t.pending = t.pending[:0]
		p = p[i+1:]
		if _, err := t.w.Write(append(bytes.TrimRight(line, " \t"), '\n')); err != nil {
			return n - len(p), err
		}
	}
	return n, nil
}

// flush writes a last line that has no newline.
func (t *trimWriter) flush() {
	if len(t.pending) > 0 {
		t.w.Write(bytes.TrimRight(t.pending, " \t"))
		t.pending = nil
	}
}

// cobraOut is where cobra and fang write: the stream itself on a terminal
// (fang styles help only on the *os.File), else a trimWriter over it.
func (c *cli) cobraOut(w io.Writer) io.Writer {
	if isTerminal(w) {
		return unwrap(w)
	}
	t := &trimWriter{w: unwrap(w)}
	c.flushes = append(c.flushes, t.flush)
	return t
}
