package main

import (
	"strings"
	"testing"

	"github.com/jig-sql/jig/engine/enginetest"
)

// webModelDir is the eleven-script Redshift web model.
const webModelDir = "../../testdata/projects/web_model"

// jig test on the web model passes twice in a row on one server (nothing
// the scripts create outlives a run), and jig run on one of its steps with
// the model's fixture runs the steps up to it and lists what each
// statement did. The model's schemas are folded into the default one until
// schemas other than the default are supported (branch `schemas`).
func TestWebModelTestTwiceAndRun(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	t.Setenv("JIG_DSN", enginetest.Server(t).DSN())
	dir := enginetest.DefaultSchemaCopy(t, webModelDir)
	if code, out := jig(t, "validate", "-w", dir); code != exitOK {
		t.Fatalf("jig validate: exit %d\n%s", code, out)
	}
	for run := 1; run <= 2; run++ {
		code, out := jig(t, "test", "-w", dir)
		if code != exitOK || !strings.Contains(out, "PASS 01_setup/web_model") {
			t.Fatalf("jig test, run %d: exit %d\n%s", run, code, out)
		}
	}
	code, out := jig(t, "run", "-w", dir, "05_duplicates", "--fixture", "01_setup/web_model")
	if code != exitOK {
		t.Fatalf("jig run: exit %d\n%s", code, out)
	}
	for _, want := range []string{
		"queries/01_setup.sql:2:1: CREATE TABLE\n",
		"queries/04_events_this_run.sql:5:1: SELECT 6\n", // seven events, one of another platform
		"queries/05_duplicates.sql:2:1: BEGIN\n",
		"queries/05_duplicates.sql:15:3: DELETE 1\n", // the ping sent twice
		"queries/05_duplicates.sql:18:1: END\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("jig run output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "06_page_view_ids") || strings.Contains(out, "row") {
		t.Errorf("jig run went past step 5 or printed rows for a script that returns none:\n%s", out)
	}
	if code, out := jig(t, "explain", "-w", dir, "05_duplicates"); code != exitUsage || !strings.Contains(out, "queries/05_duplicates.sql is a script (5 statements), which returns no rows") {
		t.Errorf("jig explain on a script: exit %d\n%s", code, out)
	}
}
