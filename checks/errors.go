package checks

import (
	"fmt"

	"github.com/jig-sql/jig/workspace/diag"
)

// Pos is a place in a config file, 1-based. It is how a Result points back
// at the entry that produced it.
type Pos struct {
	File string
	Line int
	Col  int
}

// String formats the position as file:line:col, the form editors jump to.
func (p Pos) String() string { return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col) }

// ConfigError is one mistake in a checks file, at the line and column where
// it is: diag's positioned error, so every config error in jig is shown
// the same way.
type ConfigError = diag.PosError

// ConfigErrors is every mistake found in one or more files, in file and
// position order. Decoding never stops at the first one: fixing config is
// quicker when all of it is reported at once.
type ConfigErrors = diag.Errors
