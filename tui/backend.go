package tui

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/engine/postgres"
	"github.com/jig-sql/jig/workspace"
	"github.com/jig-sql/jig/workspace/watch"
)

// StartFunc starts a Postgres server, reporting progress as it goes. It is
// called once, from a command, never on the UI goroutine.
type StartFunc func(ctx context.Context, progress postgres.ProgressFunc) (*postgres.Server, error)

// backend is the workbench's handle on the engine: the server, the runner
// and the one open live run. Commands call it from their goroutines; the
// model never touches the engine directly. Cleanup stops everything it
// started, whatever state start-up reached.
type backend struct {
	ws     *workspace.Workspace
	start  StartFunc
	relay  *relay
	ctx    context.Context
	cancel context.CancelFunc

	mu      sync.Mutex
	srv     *postgres.Server
	owned   bool // srv was started here, so Cleanup stops it
	runner  *engine.Runner
	started chan struct{} // closed when the start attempt ends
	began   bool

	runMu sync.Mutex // one live run at a time: the previous is closed first
	live  *engine.LiveRun

	watcher *watch.Watcher   // the workspace's files; nil until ready
	retired []*engine.Runner // replaced by a reload, closed at Cleanup

	once sync.Once
}

func newBackend(ctx context.Context, ws *workspace.Workspace, start StartFunc, srv *postgres.Server) *backend {
	ctx, cancel := context.WithCancel(ctx)
	return &backend{ws: ws, start: start, srv: srv, relay: newRelay(), ctx: ctx, cancel: cancel,
		started: make(chan struct{})}
}

// Start brings the server up (unless one was given) and prepares the
// runner, which applies the workspace schema. Progress goes to the relay.
func (b *backend) Start() (readyMsg, error) {
	b.mu.Lock()
	b.began = true
	srv := b.srv
	b.mu.Unlock()
	defer close(b.started)
	if srv == nil {
		if b.start == nil {
			return readyMsg{}, fmt.Errorf("no Postgres to start")
		}
		s, err := b.start(b.ctx, func(p postgres.Progress) { b.relay.Send(progressMsg(p)) })
		if err != nil {
			return readyMsg{}, err
		}
		b.mu.Lock()
		b.srv, b.owned, srv = s, true, s
		b.mu.Unlock()
	}
	b.relay.Send(progressMsg{Step: postgres.StepSchema, Message: "applying the workspace schema"})
	r, err := engine.NewRunner(b.ctx, srv, b.ws, engine.RunnerOptions{Parallel: 2})
	if err != nil {
		return readyMsg{}, err
	}
	b.mu.Lock()
	b.runner = r
	b.mu.Unlock()
	note := srv.Note
	if err := b.watch(); err != nil {
		note = strings.TrimSpace(note + " Files are not watched: " + err.Error())
	}
	return readyMsg{describe: srv.Describe(), version: srv.Version(), addr: addrOf(srv),
		tables: newCatalog(r.Suite), note: note}, nil
}

// Runner is the runner once ready, or nil.
func (b *backend) Runner() *engine.Runner {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.runner
}

// Run closes the previous live run (returning its connection) and starts
// f; runs are serialised so a burst of edits never holds two connections.
func (b *backend) Run(ctx context.Context, f *workspace.Fixture, firstPage int) (*engine.LiveRun, error) {
	b.runMu.Lock()
	defer b.runMu.Unlock()
	if b.live != nil {
		b.live.Close()
		b.live = nil
	}
	r := b.Runner()
	if r == nil {
		return nil, errNotReady
	}
	live, err := r.RunLive(ctx, f, firstPage)
	b.live = live
	return live, err
}

// Cleanup cancels what runs, waits for start-up to end, closes the live
// run and the runner, and stops the server if it was started here. It is
// safe to call more than once and from a deferred recover.
func (b *backend) Cleanup() {
	b.once.Do(func() {
		b.cancel()
		b.relay.Close()
		b.mu.Lock()
		began := b.began
		b.mu.Unlock()
		if began {
			select {
			case <-b.started:
			case <-time.After(30 * time.Second):
			}
		}
		b.runMu.Lock()
		if b.live != nil {
			b.live.Close()
		}
		b.runMu.Unlock()
		b.mu.Lock()
		defer b.mu.Unlock()
		if b.watcher != nil {
			b.watcher.Close()
		}
		for _, r := range b.retired {
			r.Close()
		}
		if b.runner != nil {
			b.runner.Close()
		}
		if b.owned && b.srv != nil {
			b.srv.Stop()
		}
	})
}

// addrOf is where the server listens, as Describe words it after the
// version ("Postgres 17.5 on 127.0.0.1:5432" → "127.0.0.1:5432").
func addrOf(s *postgres.Server) string {
	d := s.Describe()
	for _, sep := range []string{" on ", " at "} {
		if i := strings.Index(d, sep); i >= 0 {
			return d[i+len(sep):]
		}
	}
	return d
}
