package main

import (
	"io"
	"os"
	"strings"
	"testing"
)

// A pipe whose reader is gone is broken; one still read is not, and
// neither is a stream that is no file.
func TestAnyBroken(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if anyBroken([]io.Writer{w, os.Stderr}) {
		t.Fatal("a pipe with its reader open reported broken")
	}
	r.Close()
	if !anyBroken([]io.Writer{&strings.Builder{}, w}) {
		t.Fatal("a pipe with no reader left reported not broken")
	}
}
