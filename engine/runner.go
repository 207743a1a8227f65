package engine

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"runtime"
	"runtime/debug"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jig-sql/jig/checks"
	"github.com/jig-sql/jig/engine/postgres"
	"github.com/jig-sql/jig/workspace"
	"github.com/jig-sql/jig/workspace/sqlmap"
)

// Runner runs fixtures over a pool of connections. Each connection has a
// private schema holding the workspace's tables, created once; a fixture is
// only DML inside a transaction that rolls back, so fixtures never see each
// other and creating tables is never paid per fixture.
type Runner struct {
	srv      *postgres.Server
	Suite    *Suite
	parallel int
	timeout  time.Duration
	chain    *chain // the queries' views, learnt on the first worker
	// firstWorker is how long the first worker took to make: Run adds
	// workers only when the fixtures left would take longer (pool.go).
	firstWorker time.Duration

	mu      sync.Mutex
	idle    []*worker
	all     []*worker
	pending int // workers being created
}

// RunnerOptions tune a Runner.
type RunnerOptions struct {
	// Parallel is how many fixtures run at once (connections); 0 means the
	// number of CPUs.
	Parallel int
	// StatementTimeout bounds every statement of a fixture; 0 means 30s.
	StatementTimeout time.Duration
}

// worker is one connection with its private schemas: the main one (its
// search_path) and one per schema the workspace declares (names).
type worker struct {
	conn   *pgx.Conn
	schema string
	names  *sentNames
	types  map[uint32]string // the schemas' own types, for result columns
}

// NewRunner prepares a runner for the workspace: it opens the first
// connection, applies the schema in its private schema and describes the
// tables. Errors in schema files come back as *SQLError at file:line:col;
// errors in check files as diag.Errors.
func NewRunner(ctx context.Context, srv *postgres.Server, ws *workspace.Workspace, o RunnerOptions) (*Runner, error) {
	checkFiles, err := DecodeChecks(ws)
	if err != nil {
		return nil, err
	}
	if len(ws.Ordered) != len(ws.Queries) {
		ws.LinkQueries() // a query added after Load (jig run FILE.sql); Load reported the errors
	}
	r := &Runner{srv: srv, parallel: o.Parallel, timeout: o.StatementTimeout}
	if r.parallel <= 0 {
		r.parallel = runtime.NumCPU()
	}
	if r.timeout <= 0 {
		r.timeout = 30 * time.Second
	}
	start := time.Now()
	w, err := r.newWorker(ctx, ws)
	if err != nil {
		return nil, err
	}
	r.firstWorker = time.Since(start)
	r.Suite, err = newSuite(ctx, w, ws, checkFiles, r.chain)
	if err != nil {
		w.close()
		return nil, err
	}
	r.idle, r.all = []*worker{w}, []*worker{w}
	return r, nil
}

func (r *Runner) newWorker(ctx context.Context, ws *workspace.Workspace) (*worker, error) {
	schema := r.srv.Schema() + "_w" + randomHex(4)
	if !r.srv.Remote() {
		schema = "jig_w" + randomHex(4)
	}
	m := sqlmap.New(schema, DeclaredSchemas(ws))
	if err := SeedsOutsideSchemas(ws.Seeds, m); err != nil {
		return nil, err
	}
	conn, err := r.srv.ConnectWorkspace(ctx, schema, m.SentSchemas()...)
	if err != nil {
		return nil, &postgres.StartError{Err: err}
	}
	w := &worker{conn: conn, schema: schema, names: newNames(m)}
	if ws.Config.Dialect == workspace.DialectRedshift {
		// Before the schema files: their views and defaults call them too.
		if err := CreateRedshiftFunctions(ctx, conn); err != nil {
			w.close()
			return nil, err
		}
	}
	if err := applySchema(ctx, conn, ws.Schema, w.names); err != nil {
		w.close()
		return nil, err
	}
	if err := LoadSeeds(ctx, conn, schema, ws.Seeds); err != nil {
		w.close()
		return nil, err
	}
	if w.types, err = w.describeTypes(ctx); err != nil {
		w.close()
		return nil, err
	}
	if err := r.createViews(ctx, w, ws); err != nil {
		w.close()
		return nil, err
	}
	// Session settings every fixture shares: values compare in UTC, and no
	// statement of a fixture runs longer than the timeout.
	set := fmt.Sprintf("SET TimeZone TO 'UTC'; SET statement_timeout TO %d", r.timeout.Milliseconds())
	if _, err := conn.Exec(ctx, set); err != nil {
		w.close()
		return nil, err
	}
	return w, nil
}

// WithConn calls fn with one of the runner's connections, whose search_path
// is a private schema holding the workspace's tables, and gives the
// connection back when fn returns. fn must leave no transaction open. SQL
// that names the workspace's own schemas needs WithSession's Map.
func (r *Runner) WithConn(ctx context.Context, fn func(*pgx.Conn) error) error {
	w, err := r.acquire(ctx)
	if err != nil {
		return err
	}
	defer r.release(w)
	return fn(w.conn)
}

// acquire returns an idle worker, creating one while fewer than Parallel exist.
func (r *Runner) acquire(ctx context.Context) (*worker, error) {
	for {
		r.mu.Lock()
		if n := len(r.idle); n > 0 {
			w := r.idle[n-1]
			r.idle = r.idle[:n-1]
			r.mu.Unlock()
			return w, nil
		}
		if len(r.all)+r.pending < r.parallel {
			r.pending++
			r.mu.Unlock()
			w, err := r.newWorker(ctx, r.Suite.WS)
			r.mu.Lock()
			r.pending--
			if err == nil {
				r.all = append(r.all, w)
			}
			r.mu.Unlock()
			return w, err
		}
		r.mu.Unlock()
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(time.Millisecond):
		}
	}
}

func (r *Runner) release(w *worker) {
	r.mu.Lock()
	r.idle = append(r.idle, w)
	r.mu.Unlock()
}

// RunFixture runs one fixture on an idle connection.
func (r *Runner) RunFixture(ctx context.Context, f *workspace.Fixture) *FixtureResult {
	start := time.Now()
	w, err := r.acquire(ctx)
	if err != nil {
		return &FixtureResult{Fixture: f, Status: StatusError, Err: err, Took: time.Since(start)}
	}
	res := r.runSafely(ctx, w, f)
	if w.conn.IsClosed() {
		// The server died or the network dropped: that is not the
		// fixture's failure, and the run cannot go on (exit 3).
		r.drop(w)
		if ctx.Err() == nil {
			res.Status = StatusError
			res.Err = &postgres.StartError{Err: fmt.Errorf("lost the connection to %s while running %s: %v", r.srv.Describe(), f.Name, res.Err)}
		}
	} else {
		r.release(w)
	}
	res.Took = time.Since(start)
	return res
}

// runSafely is runOn with a panic turned into the fixture's error: fixtures
// run on the runner's goroutines, where a panic would kill jig before its
// deferred Stop, leaving the server running and the user with a stack trace.
func (r *Runner) runSafely(ctx context.Context, w *worker, f *workspace.Fixture) (res *FixtureResult) {
	defer func() {
		if p := recover(); p != nil {
			res = &FixtureResult{Fixture: f, Status: StatusError, Err: fmt.Errorf(
				"internal error running %s: %v\n%s\nPlease report this at %s with the fixture", f.Name, p, debug.Stack(), workspace.ReportURL)}
			// The connection may be mid-transaction: roll it back so the
			// next fixture on it starts clean.
			w.conn.Exec(context.Background(), "ROLLBACK")
		}
	}()
	if beforeFixture != nil {
		beforeFixture(f)
	}
	return r.runOn(ctx, w, f)
}

// beforeFixture is a test hook (export_test.go); nil in jig.
var beforeFixture func(*workspace.Fixture)

func (r *Runner) drop(w *worker) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for i, x := range r.all {
		if x == w {
			r.all = append(r.all[:i], r.all[i+1:]...)
			break
		}
	}
}

// Close drops the workers' schemas and closes their connections, all at
// once: each DROP SCHEMA waits on the server, not on jig.
func (r *Runner) Close() {
	r.mu.Lock()
	all := r.all
	r.all, r.idle = nil, nil
	r.mu.Unlock()
	var wg sync.WaitGroup
	for _, w := range all {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w.close()
		}()
	}
	wg.Wait()
}

// Dialect is the checks dialect for the server (always Postgres locally).
func (r *Runner) Dialect() checks.Dialect { return checks.Postgres }

// randomHex returns n random bytes in hex, for worker schema names.
func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return hex.EncodeToString(b)
}
