package diag

import "testing"

func TestLineCol(t *testing.T) {
	text := "ab\nçé x\n"
	for _, tt := range []struct{ off, line, col int }{
		{0, 1, 1}, {2, 1, 3}, {3, 2, 1}, {5, 2, 2}, {8, 2, 4}, {100, 3, 1}, {-4, 1, 1},
	} {
		if l, c := LineCol(text, tt.off); l != tt.line || c != tt.col {
			t.Errorf("LineCol(%d) = %d:%d, want %d:%d", tt.off, l, c, tt.line, tt.col)
		}
	}
}

func TestNearest(t *testing.T) {
	for _, tt := range []struct{ name, want string }{
		{"dialet", "dialect"}, {"DIALECT", "dialect"}, {"sed", "seed"}, {"zzzzzz", ""}, {"", ""},
	} {
		if got := Nearest(tt.name, []string{"dialect", "seed", "schema"}); got != tt.want {
			t.Errorf("Nearest(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestDidYouMean(t *testing.T) {
	if got := DidYouMean("dialet", []string{"dialect", "seed"}); got != "did you mean `dialect`?" {
		t.Errorf("DidYouMean(dialet) = %q", got)
	}
	if got := DidYouMean("zzzzzz", []string{"dialect", "seed"}); got != "" {
		t.Errorf("DidYouMean(zzzzzz) = %q, want none", got)
	}
}

func TestErrorsSortedAndFormatted(t *testing.T) {
	var es Errors
	if es.Err() != nil {
		t.Fatal("an empty Errors is not an error")
	}
	es.Add("b.yaml", 1, 1, "", "second file")
	es.Add("a.yaml", 3, 2, "fix it", "later line")
	es.Add("a.yaml", 1, 9, "", "first %s", "line")
	want := "a.yaml:1:9: first line\na.yaml:3:2: later line\n  hint: fix it\nb.yaml:1:1: second file"
	if got := es.Err().Error(); got != want {
		t.Errorf("Errors =\n%s\nwant\n%s", got, want)
	}
}
