package rows

import (
	"testing"

	"github.com/jig-sql/jig/workspace"
)

// benchTable is 20 columns of the common kinds.
func benchTable() workspace.Table {
	tb := everyType()
	tb.Columns = tb.Columns[:20]
	tb.Checks = nil
	tb.Unique = [][]string{{"event_id"}}
	return tb
}

// BenchmarkGenerate measures the factory filling 1,000 rows of a
// 20-column table per operation (keys tracked, no checks).
func BenchmarkGenerate(b *testing.B) {
	f := NewFactory(1, []workspace.Table{benchTable()})
	ov := make([]Override, 1000)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := f.Rows("events", ov); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)*20*1000/b.Elapsed().Seconds(), "values/s")
}
