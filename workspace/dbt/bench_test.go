package dbt

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkLoadProject loads a dbt project of 200 models over an installed
// package of 500 macros (4,000 lines): the macros are parsed once, not per
// model.
func BenchmarkLoadProject(b *testing.B) {
	files := map[string]string{"seeds/raw.csv": "id,a\n1,2\n"}
	for i := 0; i < 100; i++ {
		var m strings.Builder
		for j := 0; j < 5; j++ {
			fmt.Fprintf(&m, "{%% macro m%d_%d(x, y=1) %%}\n  {%%- if y > 0 -%%}\n    coalesce({{ x }}, {{ y }})\n  {%%- else -%%}\n    {{ x }}\n  {%%- endif -%%}\n{%% endmacro %%}\n\n", i, j)
		}
		files[fmt.Sprintf("dbt_packages/pkg/macros/f%d.sql", i)] = m.String()
	}
	for i := 0; i < 200; i++ {
		files[fmt.Sprintf("models/m%d.sql", i)] = "select {{ m1_1('a') }}, {{ dbt_utils.generate_surrogate_key(['a', 'id']) }} from {{ ref('raw') }}\n"
	}
	ws, err := project(b, files) // writes the files once; each iteration loads them
	if err != nil || len(ws.Queries) != 200 {
		b.Fatalf("load: %v, %d queries", err, len(ws.Queries))
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		reload(b, ws.Dir)
	}
}
