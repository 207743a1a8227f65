package dbt

import (
	"strings"

	"github.com/jig-sql/jig/workspace/diag"
)

// posMap maps positions in a model's rendered SQL back to its template.
// Lines the render copied unchanged (most of a model) are paired by a
// longest common subsequence of lines; a line the render produced (a
// ref(), a macro's expansion) maps to the template line between its
// neighbours' that holds Jinja.
type posMap struct {
	tmpl, out []string
	line      []int // out line i (0-based) → template line (0-based)
	same      []bool
}

func newPosMap(template, rendered string) *posMap {
	m := &posMap{tmpl: strings.Split(template, "\n"), out: strings.Split(rendered, "\n")}
	n, k := len(m.out), len(m.tmpl)
	// lcs[i][j]: LCS length of out[i:] and tmpl[j:].
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, k+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := k - 1; j >= 0; j-- {
			switch {
			case sameLine(m.out[i], m.tmpl[j]):
				lcs[i][j] = lcs[i+1][j+1] + 1
			case lcs[i+1][j] >= lcs[i][j+1]:
				lcs[i][j] = lcs[i+1][j]
			default:
				lcs[i][j] = lcs[i][j+1]
			}
		}
	}
	m.line, m.same = make([]int, n), make([]bool, n)
	for i := range m.line {
		m.line[i] = -1
	}
	for i, j := 0, 0; i < n && j < k; {
		switch {
		case sameLine(m.out[i], m.tmpl[j]):
			m.line[i], m.same[i] = j, true
			i, j = i+1, j+1
		case lcs[i+1][j] >= lcs[i][j+1]:
			i++
		default:
			j++
		}
	}
	m.fill()
	return m
}

func sameLine(a, b string) bool {
	a, b = strings.TrimRight(a, " \t\r"), strings.TrimRight(b, " \t\r")
	return a == b && !strings.Contains(b, "{{") && !strings.Contains(b, "{%")
}

// fill places each run of unpaired output lines in the template lines
// between the paired lines around it: one to one when the counts agree
// (each template line rendered to one line), else all on the gap's first
// line holding Jinja (a block that rendered to several lines).
func (m *posMap) fill() {
	prev := -1
	for i := 0; i < len(m.line); {
		if m.line[i] >= 0 {
			prev = m.line[i]
			i++
			continue
		}
		j, next := i, len(m.tmpl)
		for ; j < len(m.line) && m.line[j] < 0; j++ {
		}
		if j < len(m.line) {
			next = m.line[j]
		}
		gap := next - prev - 1
		at := min(prev+1, len(m.tmpl)-1)
		for t := prev + 1; t < next; t++ {
			if strings.Contains(m.tmpl[t], "{{") || strings.Contains(m.tmpl[t], "{%") {
				at = t
				break
			}
		}
		for k := i; k < j; k++ {
			if gap == j-i {
				m.line[k] = prev + 1 + k - i
			} else {
				m.line[k] = max(at, 0)
			}
		}
		i = j
	}
}

// pos maps a 0-based byte offset of the rendered SQL to a 1-based line and
// column of the template.
func (m *posMap) pos(rendered string, off int) (int, int) {
	line, col := diag.LineCol(rendered, off)
	if line-1 >= len(m.line) {
		return len(m.tmpl), 1
	}
	t := m.line[line-1]
	if m.same[line-1] {
		return t + 1, col
	}
	// A generated line: exact up to where the template line's Jinja starts.
	tl, ol := m.tmpl[t], m.out[line-1]
	common := 0
	for common < len(tl) && common < len(ol) && tl[common] == ol[common] {
		common++
	}
	if col-1 <= common {
		return t + 1, col
	}
	if i := strings.Index(tl, "{{"); i >= 0 {
		return t + 1, len([]rune(tl[:i])) + 1
	}
	return t + 1, 1
}
