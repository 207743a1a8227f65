package engine_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/engine/enginetest"
	"github.com/jig-sql/jig/workspace"
)

// webModelDir is the eleven-script Redshift web model (testdata/projects).
const webModelDir = "../testdata/projects/web_model"

const webModelFixture = "01_setup/web_model"

// loadProject loads a project folder, failing on any load error.
func loadProject(t *testing.T, dir string) *workspace.Workspace {
	t.Helper()
	ws, err := workspace.Load(dir)
	if err != nil {
		t.Fatalf("loading %s: %v", dir, err)
	}
	return ws
}

// runWebModel runs the model's fixture on two runners one after the other
// (as two jig test runs on one server would) and twice on the second.
func runWebModel(t *testing.T, ws *workspace.Workspace) {
	t.Helper()
	for run := 1; run <= 3; run++ {
		r := enginetest.Runner(t, ws, engine.RunnerOptions{Parallel: 1})
		res := r.RunFixture(context.Background(), ws.Fixture(webModelFixture))
		if res.Status != engine.StatusPass {
			t.Fatalf("run %d: status %v, err %v\n%s", run, res.Status, res.Err, engine.FormatFailure(res, false))
		}
		if n := len(res.Statements); n < 40 {
			t.Errorf("run %d: %d statements ran, want the eleven scripts' 40 or more", run, n)
		}
		if run == 3 {
			break
		}
		if res := r.RunFixture(context.Background(), ws.Fixture(webModelFixture)); res.Status != engine.StatusPass {
			t.Fatalf("run %d again on the same runner: status %v, err %v", run, res.Status, res.Err)
		}
	}
}

// The web model with its schemas folded into the default one
// (atomic.events → atomic_events): the script machinery on eleven real
// steps, without schema support.
func TestWebModelDefaultSchema(t *testing.T) {
	ws := loadProject(t, enginetest.DefaultSchemaCopy(t, webModelDir))
	if f := ws.Fixture(webModelFixture); f == nil || len(f.Steps) != 11 {
		t.Fatalf("fixture %s: %+v, want 11 steps", webModelFixture, f)
	}
	runWebModel(t, ws)
}

// The web model as written, over atomic., scratch. and derived.: needs
// schemas declared in schema/, each mapped to the worker's own.
func TestWebModelAsWritten(t *testing.T) {
	ws := loadProject(t, webModelDir)
	r, err := engine.NewRunner(context.Background(), enginetest.Server(t), ws, engine.RunnerOptions{Parallel: 1})
	if err != nil {
		t.Fatal(err)
	}
	r.Close()
	runWebModel(t, ws)
}

// An error in step 7 of 11 is at step 7's file:line:col, as written, and
// the steps before it ran.
func TestWebModelErrorInStep7(t *testing.T) {
	dir := enginetest.DefaultSchemaCopy(t, webModelDir)
	p := filepath.Join(dir, "queries", "07_page_views.sql")
	src, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(string(src), "MAX(doc_height)", "MAX(doc_heigth)", 1)
	if err := os.WriteFile(p, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	ws := loadProject(t, dir)
	r := enginetest.Runner(t, ws, engine.RunnerOptions{Parallel: 1})
	res := r.RunFixture(context.Background(), ws.Fixture(webModelFixture))
	var se *engine.SQLError
	if !errors.As(res.Err, &se) {
		t.Fatalf("err %v (%T), want an SQLError", res.Err, res.Err)
	}
	line, col := lineColOf(bad, "doc_heigth")
	if se.File != "queries/07_page_views.sql" || se.Line != line || se.Col != col || !strings.Contains(se.Message, "doc_heigth") {
		t.Errorf("error at %s:%d:%d %q, want queries/07_page_views.sql:%d:%d", se.File, se.Line, se.Col, se.Message, line, col)
	}
	if !strings.Contains(se.Caret(), "MAX(doc_heigth)") {
		t.Errorf("caret does not show the line as written:\n%s", se.Caret())
	}
}

// lineColOf is the 1-based line and column of the first needle in text.
func lineColOf(text, needle string) (int, int) {
	i := strings.Index(text, needle)
	before := text[:i]
	line := strings.Count(before, "\n") + 1
	return line, i - strings.LastIndex(before, "\n")
}

// BenchmarkWebModel runs the eleven-step web model fixture (its
// default-schema copy): 40-odd statements, most of them DDL, in one batch.
func BenchmarkWebModel(b *testing.B) {
	ws, err := workspace.Load(enginetest.DefaultSchemaCopy(b, webModelDir))
	if err != nil {
		b.Fatal(err)
	}
	r := enginetest.Runner(b, ws, engine.RunnerOptions{Parallel: 1})
	f := ws.Fixture(webModelFixture)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if res := r.RunFixture(context.Background(), f); res.Status != engine.StatusPass {
			b.Fatalf("status %v, err %v", res.Status, res.Err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/fixture")
}
