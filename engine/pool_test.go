package engine

import (
	"testing"
	"time"
)

// TestGrowBy: the pool grows when the fixtures left would keep a new
// worker busy for twice what it costs to make, and not for a few quick
// ones.
func TestGrowBy(t *testing.T) {
	ms := time.Millisecond
	for _, c := range []struct {
		name                string
		left, done, running int
		elapsed, cost       time.Duration
		want                int
	}{
		{"nothing left", 0, 10, 1, 30 * ms, 30 * ms, 0},
		{"a few quick fixtures left", 3, 30, 1, 30 * ms, 30 * ms, 0},
		{"many quick fixtures left", 90, 30, 1, 30 * ms, 30 * ms, 1},
		{"very many left", 600, 30, 1, 30 * ms, 30 * ms, 10},
		{"the first fixture is still running", 1, 0, 1, 30 * ms, 30 * ms, 1},
		{"two workers' pace", 90, 60, 2, 30 * ms, 30 * ms, 1},
	} {
		if got := growBy(c.left, c.done, c.running, c.elapsed, c.cost); got != c.want {
			t.Errorf("%s: growBy = %d, want %d", c.name, got, c.want)
		}
	}
}
