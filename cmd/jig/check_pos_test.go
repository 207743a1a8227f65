package main

import (
	"strings"
	"testing"
)

// jig check --dsn places an error in a check's SQL on the YAML, like jig test.
func TestCheckLiveErrorPointsIntoTheYAML(t *testing.T) {
	dir, dsn := liveWorkspace(t, liveSetup, "table: events\nchecks:\n  - not_null: event_id\n  - expression: \"user_id >>> 'x'\"\n")
	code, out := jig(t, "check", "-w", dir, "--dsn", dsn)
	if !strings.Contains(out, "checks/events.yaml:4:26:") {
		t.Errorf("exit %d; want the error at checks/events.yaml:4:26:\n%s", code, out)
	}
}
