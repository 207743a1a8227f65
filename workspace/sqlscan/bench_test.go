package sqlscan_test

import (
	"strings"
	"testing"

	"github.com/jig-sql/jig/workspace/sqlscan"
)

// BenchmarkScan scans a schema-and-query mix with every kind of token;
// b.SetBytes makes go test print MB/s.
func BenchmarkScan(b *testing.B) {
	chunk := `-- events by user
CREATE TABLE events (id bigint IDENTITY(1,1), user_id int NOT NULL DISTKEY, payload varchar(MAX),
  kind text CHECK (kind IN ('a', 'b''c')), ts timestamp DEFAULT getdate()) SORTKEY (ts);
/* nested /* comment */ here */
SELECT e.user_id, count(*) AS n, E'tab\there', $tag$ body; 'x' $tag$, "Quoted ""Id"""
FROM events e WHERE e.ts >= $1::timestamp AND e.kind <> 'z' GROUP BY 1 HAVING count(*) > 1.5e3;
`
	src := strings.Repeat(chunk, 200)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		sqlscan.Scan(src)
	}
}
