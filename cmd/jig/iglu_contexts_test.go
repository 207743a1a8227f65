package main

import (
	"strings"
	"testing"
)

// TestIgluContextsAsWritten: in the project of Snowplow's 227 shredded
// tables, jig rows prints the tables whose names share their first 63
// bytes under their written names, a name cut at 63 bytes is no table
// (with the written one offered), and jig test passes.
func TestIgluContextsAsWritten(t *testing.T) {
	const dir = "../../testdata/projects/iglu_contexts"
	const prefix = "atomic.com_google_analytics_measurement_protocol_product_impression_"
	for _, table := range []string{prefix + "custom_metric_1", prefix + "custom_dimension_1"} {
		code, out := jig(t, "rows", "-w", dir, table, "-n", "1", "--json")
		if code != exitOK || !strings.Contains(out, `"root_id":`) || !strings.Contains(out, `"product_index":`) {
			t.Errorf("jig rows %s: exit %d:\n%s", table, code, out)
		}
	}
	cut := (prefix + "custom_dimension_1")[:len("atomic.")+63]
	code, out := jig(t, "rows", "-w", dir, cut)
	if code == exitOK || !strings.Contains(out, `no table "`+cut+`"`) || !strings.Contains(out, `did you mean "`+prefix) {
		t.Errorf("jig rows %s: exit %d:\n%s\nwant no such table, the written names offered", cut, code, out)
	}
	if code, out := jig(t, "test", "-w", dir); code != exitOK || !strings.Contains(out, "1 passed") {
		t.Errorf("jig test: exit %d:\n%s", code, out)
	}
}
