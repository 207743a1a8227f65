package checks

import (
	"strings"
	"testing"
)

// TestStatusFor: warn_if and error_if judge the failing-row count as dbt
// does; by default any failing row fails (warns with severity warn).
func TestStatusFor(t *testing.T) {
	for _, c := range []struct {
		severity        Severity
		warnIf, errorIf string
		failing         int64
		want            Status
	}{
		{"", "", "", 0, StatusPass},
		{"", "", "", 1, StatusFail},
		{SeverityWarn, "", "", 1, StatusWarn},
		{"", "", ">10", 10, StatusWarn},
		{"", "", ">10", 11, StatusFail},
		{"", ">5", ">10", 3, StatusPass},
		{"", ">5", ">10", 6, StatusWarn},
		{"", "", ">= 2", 2, StatusFail},
		{"", "", "!=0", 1, StatusFail},
		{SeverityWarn, "", ">0", 50, StatusWarn}, // severity warn: error_if is not used
		{"", "<>0", "=100", 100, StatusFail},
	} {
		o := &Options{Severity: c.severity, WarnIf: c.warnIf, ErrorIf: c.errorIf}
		if got := o.StatusFor(c.failing); got != c.want {
			t.Errorf("severity %q warn_if %q error_if %q, %d failing: %s, want %s", c.severity, c.warnIf, c.errorIf, c.failing, got, c.want)
		}
	}
}

// TestBadThreshold: a warn_if that is no comparison is an error at it.
func TestBadThreshold(t *testing.T) {
	_, err := DecodeFile("c.yaml", []byte("table: t\nchecks:\n  - not_null: a\n    warn_if: lots\n"))
	if err == nil || !strings.Contains(err.Error(), "c.yaml:4:") || !strings.Contains(err.Error(), `"lots" is not a comparison of the failing-row count`) {
		t.Errorf("err = %v", err)
	}
}
