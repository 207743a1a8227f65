package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/jig-sql/jig/checks"
)

// noChecksMessage says why selectChecks found nothing: which of the targets
// named has no checks, the nearest target that has, and the full list.
func noChecksMessage(files []*checks.File, targets []string) string {
	var have []string
	for _, f := range files {
		if len(f.Checks) > 0 && !slices.Contains(have, f.Table) {
			have = append(have, f.Table)
		}
	}
	if len(have) == 0 {
		return "jig: the workspace has no checks; add one to checks/<table>.yaml (see jig demo)"
	}
	slices.Sort(have)
	var missing []string
	for _, t := range targets {
		if !slices.Contains(have, t) {
			missing = append(missing, t)
		}
	}
	if len(missing) == 0 {
		missing = targets
	}
	msg := fmt.Sprintf("jig: no checks for %q%s", missing[0], didYouMean(missing[0], have))
	if len(missing) > 1 {
		msg = fmt.Sprintf("jig: no checks for %s", quoteAll(missing))
	}
	return msg + "\n  the targets with checks: " + strings.Join(have, ", ")
}

// quoteAll is names quoted and joined with commas.
func quoteAll(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}
