package tui

import (
	"context"
	"errors"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/rows"
	"github.com/jig-sql/jig/workspace"
)

// errNotReady is what anything needing the database says before it is up.
//
//lint:ignore ST1005 Postgres is a proper name and starts the sentence the status bar shows
var errNotReady = errors.New("Postgres is still starting; try again when the status bar says ready")

// pageSize is how many result rows one fetch brings.
const pageSize = 100

// startCmd starts Postgres and prepares the runner.
func startCmd(b *backend) tea.Cmd {
	return func() tea.Msg {
		msg, err := b.Start()
		if err != nil {
			return startFailedMsg{err: err}
		}
		return msg
	}
}

// queryInputsCmd asks the planner what query q reads itself, and each
// query above it, for the input tabs of the chain.
func queryInputsCmd(ctx context.Context, b *backend, ws *workspace.Workspace, q *workspace.Query) tea.Cmd {
	name, names := q.Name, []string{q.Name}
	for _, u := range ws.Upstream(q.Name) {
		names = append(names, u.Name)
	}
	return func() tea.Msg {
		r := b.Runner()
		if r == nil {
			return queryInputsMsg{query: name, err: errNotReady}
		}
		reads := map[string][]engine.Input{}
		for i, n := range names {
			in, err := r.QueryInputs(ctx, n)
			if err != nil && i == 0 {
				return queryInputsMsg{query: name, err: err}
			}
			if err == nil {
				reads[n] = in
			}
		}
		return queryInputsMsg{query: name, reads: reads}
	}
}

// buildCmd fills the session's rows with factory defaults.
func buildCmd(f *rows.Factory, gen int, fx *workspace.Fixture, c catalog) tea.Cmd {
	over := overridesOf(fx, c)
	return func() tea.Msg {
		ds, err := f.Build(over)
		return builtMsg{gen: gen, ds: ds, err: err}
	}
}

// overridesOf converts a fixture's valid cells for the factory (a mocked
// query's rows go to its mock table); cells that do not convert are left
// to the run, which reports them.
func overridesOf(fx *workspace.Fixture, c catalog) []rows.TableOverrides {
	var out []rows.TableOverrides
	for _, g := range fx.Given {
		t := findTable(c.tables, g.Table)
		if t == nil {
			continue
		}
		to := rows.TableOverrides{Table: engine.FactoryName(t)}
		for _, r := range g.Rows {
			o := rows.Override{}
			for _, c := range r.Cells {
				if col, ok := t.Column(c.Column); ok {
					if v, err := rows.FromYAML(col.Type, c.Value); err == nil {
						o[c.Column] = v
					}
				}
			}
			to.Rows = append(to.Rows, o)
		}
		out = append(out, to)
	}
	return out
}

// measure reports a run's time; golden tests pin it so frames compare.
var measure = func(d time.Duration) time.Duration { return d }

// runCmd runs the fixture live; ctx is cancelled by ctrl+c or a newer edit.
func runCmd(ctx context.Context, b *backend, gen int, fx *workspace.Fixture) tea.Cmd {
	return func() tea.Msg {
		start := time.Now()
		live, err := b.Run(ctx, fx, pageSize)
		if err == nil && live.Err != nil && ctx.Err() != nil {
			err = errCancelled
		}
		return runDoneMsg{gen: gen, live: live, err: err, took: measure(time.Since(start))}
	}
}

// pageCmd fetches rows [offset, offset+n) of a live result.
func pageCmd(b *backend, live *engine.LiveRun, gen, offset, n int) tea.Cmd {
	return func() tea.Msg {
		rs, err := live.Page(b.ctx, offset, n)
		return pageMsg{gen: gen, offset: offset, rows: rs, err: err}
	}
}

// acceptCmd reads the whole result and turns it into expected rows.
func acceptCmd(b *backend, live *engine.LiveRun, gen int) tea.Cmd {
	return func() tea.Msg {
		if live.Total > engine.CompareLimit {
			return acceptedMsg{gen: gen, err: fmt.Errorf("the result has %d rows; jig compares at most %d", live.Total, engine.CompareLimit)}
		}
		all, err := live.Page(b.ctx, 0, live.Total)
		if err != nil {
			return acceptedMsg{gen: gen, err: fmt.Errorf("reading the result: %w", err)}
		}
		res := &engine.Result{Columns: live.Result.Columns, Rows: all}
		return acceptedMsg{gen: gen, rows: engine.ExpectedRows(res)}
	}
}

// saveCmd writes the fixture atomically to path, editing the file in
// place when it exists.
func saveCmd(fx *workspace.Fixture, path string) tea.Cmd {
	return func() tea.Msg {
		data, note, err := fixtureText(fx, path)
		if err != nil {
			return savedMsg{err: err}
		}
		if err := mkdirFor(path); err != nil {
			return savedMsg{err: err}
		}
		if err := workspace.WriteFileAtomic(path, data, 0o644); err != nil {
			return savedMsg{err: err}
		}
		return savedMsg{name: fx.Name, path: path, fixture: fx, note: note}
	}
}

// runAllCmd runs every saved fixture once, for the sidebar's marks.
func runAllCmd(b *backend, fixtures []*workspace.Fixture) tea.Cmd {
	if len(fixtures) == 0 {
		return nil
	}
	fixtures = append([]*workspace.Fixture(nil), fixtures...)
	return func() tea.Msg {
		r := b.Runner()
		if r == nil {
			return nil
		}
		status := map[string]engine.Status{}
		r.Run(b.ctx, fixtures, func(res *engine.FixtureResult) { status[res.Fixture.Name] = res.Status })
		return fixtureStatusMsg{status: status}
	}
}
