package redshift

import (
	"fmt"
	"slices"

	"github.com/jig-sql/jig/workspace"
)

// didYouMean is the hint for a misspelt name: the nearest candidate, or "".
func didYouMean(name string, candidates []string) string {
	if n := workspace.Nearest(name, candidates); n != "" {
		return fmt.Sprintf("did you mean `%s`?", n)
	}
	return ""
}

func contains(list []string, s string) bool { return slices.Contains(list, s) }
