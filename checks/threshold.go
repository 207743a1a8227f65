package checks

import (
	"fmt"
	"strconv"
	"strings"
)

// A threshold is dbt's warn_if / error_if: a comparison of the failing-row
// count with a whole number, written as dbt writes it (">10", "!=0").
type threshold struct {
	op string
	n  int64
}

// thresholdOps are the comparisons a threshold may use, longest first so
// ">=" is not read as ">".
var thresholdOps = []string{">=", "<=", "!=", "<>", "==", ">", "<", "="}

// parseThreshold reads a threshold; "" is the default, any failing row.
func parseThreshold(s string) (threshold, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return threshold{op: "!=", n: 0}, nil
	}
	for _, op := range thresholdOps {
		if rest, ok := strings.CutPrefix(s, op); ok {
			n, err := strconv.ParseInt(strings.TrimSpace(rest), 10, 64)
			if err != nil || n < 0 {
				break
			}
			return threshold{op: op, n: n}, nil
		}
	}
	return threshold{}, fmt.Errorf("%q is not a comparison of the failing-row count: write an operator (> >= < <= = !=) and a whole number, such as \">10\" or \"!=0\"", s)
}

// holds reports whether the failing-row count meets the threshold.
func (t threshold) holds(failing int64) bool {
	switch t.op {
	case ">":
		return failing > t.n
	case ">=":
		return failing >= t.n
	case "<":
		return failing < t.n
	case "<=":
		return failing <= t.n
	case "=", "==":
		return failing == t.n
	}
	return failing != t.n // != and <>
}

// StatusFor is the status of a check that found failing rows, as dbt
// judges it: fail when the count meets error_if (and the severity is
// error), warn when it meets warn_if, else pass. By default both are "any
// failing row", so the severity alone decides.
func (o *Options) StatusFor(failing int64) Status {
	errorIf, errE := parseThreshold(o.ErrorIf)
	warnIf, errW := parseThreshold(o.WarnIf)
	if errE != nil || errW != nil { // validate reported it; judge as if unset
		errorIf, warnIf = threshold{op: "!="}, threshold{op: "!="}
	}
	switch {
	case o.SeverityOrDefault() == SeverityError && errorIf.holds(failing):
		return StatusFail
	case warnIf.holds(failing):
		return StatusWarn
	}
	return StatusPass
}

// thresholdErrors reports a warn_if or error_if that is not a threshold.
func (o *Options) thresholdErrors() []paramError {
	var errs []paramError
	for _, p := range []struct{ name, value string }{{"warn_if", o.WarnIf}, {"error_if", o.ErrorIf}} {
		if _, err := parseThreshold(p.value); err != nil {
			errs = append(errs, paramError{param: p.name, msg: fmt.Sprintf("`%s` %v", p.name, err)})
		}
	}
	return errs
}
