package engine

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jig-sql/jig/workspace"
)

// Run runs the fixtures over the pool and calls report with each result as
// it completes (from several goroutines, never at once: report runs under a
// lock). It returns when all are done or ctx is cancelled.
//
// The pool grows only when it pays: a worker costs what the first one took
// to make (a connection, the schema, the seeds, the views: tens of
// milliseconds), while a dbt unit test or a small fixture runs in about
// one. Run starts on the workers it has; each time another worker's cost
// has passed, it adds as many as the fixtures left would keep busy for
// twice that cost, up to Parallel. A few quick fixtures so run on one
// connection, and a long run still gets every worker.
func (r *Runner) Run(ctx context.Context, fixtures []*workspace.Fixture, report func(*FixtureResult)) {
	jobs := make(chan *workspace.Fixture)
	var wg sync.WaitGroup
	var reportMu sync.Mutex
	var done atomic.Int64
	work := func() {
		defer wg.Done()
		for f := range jobs {
			res := r.RunFixture(ctx, f)
			done.Add(1)
			reportMu.Lock()
			report(res)
			reportMu.Unlock()
		}
	}
	r.mu.Lock()
	running := max(1, min(len(r.all), r.parallel, len(fixtures)))
	r.mu.Unlock()
	for i := 0; i < running; i++ {
		wg.Add(1)
		go work()
	}
	cost := max(r.firstWorker, time.Millisecond)
	tick := time.NewTicker(cost)
	defer tick.Stop()
	start := time.Now()
	for i := 0; i < len(fixtures); {
		select {
		case jobs <- fixtures[i]:
			i++
		case <-tick.C:
			add := growBy(len(fixtures)-i, int(done.Load()), running, time.Since(start), cost)
			for ; add > 0 && running < min(r.parallel, len(fixtures)); add-- {
				running++
				wg.Add(1)
				go work() // its first RunFixture makes the worker
			}
		}
	}
	close(jobs)
	wg.Wait()
}

// growBy is how many workers to add with left fixtures not yet started,
// done finished by running workers in elapsed: as many as would each have
// twice a worker's cost of fixtures to run. Before any has finished, the
// fixtures are slow ones, and one more worker is worth its cost.
func growBy(left, done, running int, elapsed, cost time.Duration) int {
	if left == 0 {
		return 0
	}
	if done == 0 {
		return 1
	}
	perFixture := elapsed * time.Duration(running) / time.Duration(done) // on one worker
	work := perFixture * time.Duration(left)
	return int(work / (2 * cost))
}
