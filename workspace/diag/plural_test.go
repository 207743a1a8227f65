package diag

import "testing"

func TestPlural(t *testing.T) {
	for _, tt := range []struct {
		n    int
		noun string
		want string
	}{
		{0, "row", "0 rows"}, {1, "row", "1 row"}, {2, "query", "2 queries"},
		{3, "key", "3 keys"}, {1, "query", "1 query"}, {5, "failing row", "5 failing rows"},
	} {
		if got := Plural(tt.n, tt.noun); got != tt.want {
			t.Errorf("Plural(%d, %q) = %q, want %q", tt.n, tt.noun, got, tt.want)
		}
	}
	if got := Plural(int64(2), "fixture"); got != "2 fixtures" {
		t.Errorf("int64: %q", got)
	}
}
