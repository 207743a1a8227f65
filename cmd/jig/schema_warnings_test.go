package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSchemaSkippedStatementsWarn: COPY from S3, UNLOAD and GRANT in a
// schema file are one warning each on stderr at file:line:col, and the
// workspace still validates (they are not syntax errors).
func TestSchemaSkippedStatementsWarn(t *testing.T) {
	dir := demoFiles(t)
	loads := "-- how production loads the tables\n" +
		"COPY events FROM 's3://bucket/events/' IAM_ROLE default FORMAT AS JSON 'auto';\n" +
		"UNLOAD ('select * from events') TO 's3://bucket/out/' IAM_ROLE default;\n" +
		"GRANT SELECT ON events TO GROUP analysts;\n"
	if err := os.WriteFile(filepath.Join(dir, "schema", "99_loads.sql"), []byte(loads), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs := jigStreams(t, "validate", "-w", dir)
	if code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, errs)
	}
	for _, w := range []string{
		"jig: warning: schema/99_loads.sql:2:1: COPY from 's3://bucket/events/' is skipped",
		"jig: warning: schema/99_loads.sql:3:1: UNLOAD is skipped",
		"jig: warning: schema/99_loads.sql:4:1: GRANT is skipped",
	} {
		if strings.Count(errs, w) != 1 {
			t.Errorf("stderr does not say once %q:\n%s", w, errs)
		}
	}
}
