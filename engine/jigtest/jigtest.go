// Package jigtest runs a jig workspace's fixtures from a project's own
// go test, one subtest per fixture, failures reported with the same diff
// jig test prints:
//
//	func TestFixtures(t *testing.T) {
//		jigtest.Run(t, "../sql") // the workspace folder
//	}
//
// It starts the embedded Postgres (or uses JIG_DSN) once per call.
package jigtest

import (
	"context"
	"path"
	"testing"

	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/engine/postgres"
	"github.com/jig-sql/jig/workspace"
)

// Option adjusts Run.
type Option func(*config)

type config struct {
	pattern  string
	parallel int
}

// Only runs the fixtures whose name (query/file) matches the path.Match
// pattern, e.g. "net_revenue/*".
func Only(pattern string) Option { return func(c *config) { c.pattern = pattern } }

// Parallel sets how many fixtures run at once (default: the number of CPUs).
func Parallel(n int) Option { return func(c *config) { c.parallel = n } }

// Run loads the workspace in dir and runs each fixture as a subtest named
// after it. A workspace with errors, or a server that cannot start, fails
// t at once.
func Run(t *testing.T, dir string, opts ...Option) {
	t.Helper()
	var cfg config
	for _, o := range opts {
		o(&cfg)
	}
	ws, err := workspace.Load(dir)
	if err != nil {
		t.Fatalf("jig workspace %s:\n%v", dir, err)
	}
	ctx := context.Background()
	srv, err := postgres.Start(ctx, postgres.WorkspaceOptions(ws))
	if err != nil {
		t.Fatalf("jig: %v", err)
	}
	t.Cleanup(func() { srv.Stop() })
	runner, err := engine.NewRunner(ctx, srv, ws, engine.RunnerOptions{Parallel: cfg.parallel})
	if err != nil {
		t.Fatalf("jig: %v", err)
	}
	t.Cleanup(runner.Close)
	for _, f := range ws.Fixtures {
		if cfg.pattern != "" {
			if ok, _ := path.Match(cfg.pattern, f.Name); !ok {
				continue
			}
		}
		t.Run(f.Name, func(t *testing.T) {
			res := runner.RunFixture(ctx, f)
			if res.Failed() {
				t.Errorf("%s:\n%s", f.Path, engine.FormatFailure(res, false))
			}
		})
	}
}
