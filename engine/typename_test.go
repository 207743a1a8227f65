package engine_test

import (
	"context"
	"testing"

	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/engine/enginetest"
	"github.com/jig-sql/jig/workspace"
)

// A result column of a workspace type (an enum, an array of it) is named
// as the catalog names it, not by its oid (issue 13).
func TestResultColumnsNameWorkspaceTypes(t *testing.T) {
	files := map[string]string{
		"schema/zz_moods.sql":   "CREATE TYPE mood AS ENUM ('sad', 'ok');\nCREATE TABLE moods (id int PRIMARY KEY, m mood NOT NULL, ms mood[]);\n",
		"queries/mood_rows.sql": "SELECT id, m, ms FROM moods\n", // a query cannot share a table's name
	}
	r := enginetest.Runner(t, enginetest.DemoWorkspace(t, files), engine.RunnerOptions{Parallel: 1})
	live, err := r.RunLive(context.Background(), &workspace.Fixture{Name: "mood_rows/none", Query: "mood_rows"}, 1)
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	if live.Err != nil {
		t.Fatal(live.Err)
	}
	var got []string
	for _, c := range live.Result.Columns {
		got = append(got, c.Type)
	}
	if len(got) != 3 || got[0] != "int4" || got[1] != "mood" || got[2] != "mood[]" {
		t.Errorf("column types %q; want int4, mood, mood[]", got)
	}
}
