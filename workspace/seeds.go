package workspace

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/jig-sql/jig/workspace/diag"
)

// Seed is one seeds/*.csv file: a table named after the file, its header's
// columns and its rows. Types come from a schema/ declaration of the same
// table when the engine finds one, else from SeedColumn.Type.
type Seed struct {
	Name    string // the file name without .csv: the table's name
	Path    string // relative to the workspace, slash-separated
	Columns []SeedColumn
	Rows    [][]string // one per data row, a value per column; "" is NULL
	pos     []int32    // line, byte column of every cell, row by row
	text    string     // the file, for columns in characters
	lines   []int      // byte offset of each line's start, built on first use
}

// SeedColumn is a header cell and the type its values were inferred to.
type SeedColumn struct {
	Name      string
	Type      string // the narrowest of SeedTypes every non-empty value fits
	Line, Col int    // the header cell
}

// ParseSeed reads a CSV seed. The first row is the header; every row must
// have as many fields. Errors name the file and line:column.
func ParseSeed(file string, data []byte) (*Seed, error) {
	// Spreadsheets save CSV with a byte-order mark: it is not part of the
	// first column's name.
	text := strings.TrimPrefix(string(data), "\ufeff")
	s := &Seed{Name: strings.TrimSuffix(path.Base(file), ".csv"), Path: file, text: text}
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = -1 // ragged rows are reported here, with a hint
	r.ReuseRecord = false
	var errs diag.Errors
	header, err := r.Read()
	if err == io.EOF {
		errs.Add(file, 1, 1, "write the column names on the first line, e.g. id,name", "seed has no header row")
		return s, errs
	}
	if err != nil {
		return s, append(errs, s.csvError(err))
	}
	s.header(r, header, &errs)
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			errs = append(errs, s.csvError(err))
			break
		}
		if len(rec) != len(header) {
			line, col := r.FieldPos(min(len(rec)-1, len(header))) // the first extra value, or the last
			col = s.charCol(line, col)
			errs.Add(file, line, col, "every row needs one value per header column; leave a value empty for NULL",
				"row has %d values, the header has %d columns", len(rec), len(header))
			continue
		}
		for i := range rec {
			line, col := r.FieldPos(i)
			s.pos = append(s.pos, int32(line), int32(col))
		}
		s.Rows = append(s.Rows, rec)
	}
	s.infer()
	return s, errs.Err()
}

// header records the columns, reporting empty and duplicate names.
func (s *Seed) header(r *csv.Reader, header []string, errs *diag.Errors) {
	seen := map[string]int{}
	for i, name := range header {
		line, col := r.FieldPos(i)
		col = s.charCol(line, col)
		name = strings.TrimSpace(name)
		switch folded := strings.ToLower(name); {
		case name == "":
			errs.Add(s.Path, line, col, "name every column in the header row (the first line)", "header column %d has no name", i+1)
		case seen[folded] > 0:
			errs.Add(s.Path, line, col, "rename one of them", "column %q appears twice in the header (also column %d)", name, seen[folded])
		default:
			seen[folded] = i + 1
		}
		s.Columns = append(s.Columns, SeedColumn{Name: name, Line: line, Col: col})
	}
}

// CellPos is the line and column of row's value for column col (both
// 0-based indexes into Rows).
func (s *Seed) CellPos(row, col int) (line, column int) {
	i := (row*len(s.Columns) + col) * 2
	if row < 0 || col < 0 || i+1 >= len(s.pos) {
		return 1, 1
	}
	return int(s.pos[i]), s.charCol(int(s.pos[i]), int(s.pos[i+1]))
}

// charCol turns encoding/csv's column, in bytes, into jig's, in characters.
func (s *Seed) charCol(line, byteCol int) int {
	if s.lines == nil {
		s.lines = []int{0}
		for i := 0; i < len(s.text); i++ {
			if s.text[i] == '\n' {
				s.lines = append(s.lines, i+1)
			}
		}
	}
	if line < 1 || line > len(s.lines) {
		return byteCol
	}
	start := s.lines[line-1]
	end := min(start+byteCol-1, len(s.text))
	return utf8.RuneCountInString(s.text[start:end]) + 1
}

// csvError turns encoding/csv's error into a positioned one.
func (s *Seed) csvError(err error) *diag.PosError {
	file := s.Path
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		hint := ""
		switch {
		case errors.Is(pe.Err, csv.ErrBareQuote):
			hint = `quote the whole value and double the quotes inside it: "say ""hi"""`
		case errors.Is(pe.Err, csv.ErrQuote):
			hint = fmt.Sprintf(`the quoted value opened on line %d is not closed: end it with " (and double quotes inside it)`, pe.StartLine)
		}
		return &diag.PosError{File: file, Line: pe.Line, Col: s.charCol(pe.Line, pe.Column), Msg: "bad CSV: " + pe.Err.Error(), Hint: hint}
	}
	return &diag.PosError{File: file, Line: 1, Col: 1, Msg: fmt.Sprintf("cannot read CSV: %v", err)}
}

// Seed returns the seed with that name, or nil.
func (w *Workspace) Seed(name string) *Seed {
	for _, s := range w.Seeds {
		if s.Name == name {
			return s
		}
	}
	return nil
}
