package dbt_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jig-sql/jig/workspace"
	_ "github.com/jig-sql/jig/workspace/dbt"
)

const jaffle = "../../testdata/projects/jaffle_shop"

func loadJaffle(t *testing.T) *workspace.Workspace {
	t.Helper()
	ws, err := workspace.Load(jaffle)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	return ws
}

func TestDumpJaffle(t *testing.T) {
	if os.Getenv("JIG_DBT_DUMP") == "" {
		t.Skip("set JIG_DBT_DUMP=1 to print the loaded project")
	}
	ws := loadJaffle(t)
	for _, q := range ws.Queries {
		fmt.Printf("== %s (%s)\n%s\n", q.Name, q.Path, q.SQL)
	}
	for _, f := range ws.Fixtures {
		fmt.Printf("== fixture %s %s given=%d expect=%d setup=%q\n", f.Name, f.Query, len(f.Given), len(f.Expect.Rows), f.Setup)
	}
	for _, c := range ws.CheckFiles {
		fmt.Printf("== checks %s\n%s\n", c.Path, strings.TrimSpace(string(c.Data)))
	}
	fmt.Println(ws.Warnings)
	_ = filepath.Join
}
