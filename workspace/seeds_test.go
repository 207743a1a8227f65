package workspace

import (
	"strings"
	"testing"

	"github.com/jig-sql/jig/workspace/diag"
)

func TestInferSeedType(t *testing.T) {
	cases := []struct {
		values []string
		want   string
	}{
		{[]string{"1", "-2", "", "2147483647"}, "integer"},
		{[]string{"1", "2147483648"}, "bigint"},
		{[]string{"1", "9223372036854775808"}, "numeric"},
		{[]string{"1.50", "2", "-.5", "1e3"}, "numeric"},
		{[]string{"true", "FALSE", ""}, "boolean"},
		{[]string{"1", "true"}, "text"},
		{[]string{"2024-02-29", "2023-12-31"}, "date"},
		{[]string{"2023-02-29"}, "text"}, // not a leap year
		{[]string{"2024-01-02 03:04:05", "2024-01-02T03:04:05.123456", "2024-01-02 23:59"}, "timestamp"},
		{[]string{"2024-01-02", "2024-01-02 03:04:05"}, "text"}, // a date and a timestamp: no one type of the list fits both
		{[]string{"2024-01-02 24:00:00"}, "text"},
		{[]string{"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", ""}, "uuid"},
		{[]string{"", ""}, "text"},
		{[]string{"007", "x"}, "text"},
	}
	for _, c := range cases {
		if got := InferSeedType(c.values); got != c.want {
			t.Errorf("InferSeedType(%q) = %s, want %s", c.values, got, c.want)
		}
	}
}

func TestParseSeedPositions(t *testing.T) {
	s, err := ParseSeed("seeds/raw_orders.csv", []byte("id,note\n1,\"two\nlines\"\n2,\n"))
	if err != nil {
		t.Fatal(err)
	}
	if s.Name != "raw_orders" || len(s.Rows) != 2 || s.Rows[0][1] != "two\nlines" || s.Rows[1][1] != "" {
		t.Fatalf("parsed %+v", s)
	}
	if l, c := s.CellPos(1, 1); l != 4 || c != 3 {
		t.Errorf("CellPos(1, 1) = %d:%d, want 4:3", l, c)
	}
	if got := s.Columns[0].Type + "," + s.Columns[1].Type; got != "integer,text" {
		t.Errorf("types %s", got)
	}
}

func TestParseSeedByteOrderMarkAndCRLF(t *testing.T) {
	s, err := ParseSeed("seeds/x.csv", []byte("\ufeffid,name\r\n1,Ann\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	if s.Columns[0].Name != "id" || s.Rows[0][1] != "Ann" {
		t.Errorf("parsed %+v", s)
	}
}

// Columns count characters, as everywhere in jig, not encoding/csv's bytes.
func TestSeedColumnsInCharacters(t *testing.T) {
	_, err := ParseSeed("seeds/x.csv", []byte("name,city\nJosé,Zürich,extra\n"))
	if err == nil || !strings.HasPrefix(err.Error(), "seeds/x.csv:2:13: row has 3 values") {
		t.Errorf("error: %v", err)
	}
	s, _ := ParseSeed("seeds/x.csv", []byte("name,city\nJosé,Zürich\n"))
	if l, c := s.CellPos(0, 1); l != 2 || c != 6 {
		t.Errorf("CellPos = %d:%d, want 2:6", l, c)
	}
}

func TestConfigSeedsFolder(t *testing.T) {
	cfg, err := ParseConfig(ConfigFile, []byte("seeds: data/csv\n"))
	if err != nil || cfg.Seeds != "data/csv" {
		t.Fatalf("seeds: %q, %v", cfg.Seeds, err)
	}
	if DefaultConfig().Seeds != "seeds" {
		t.Error("default seeds folder is not seeds")
	}
	if _, err := ParseConfig(ConfigFile, []byte("seeds: \"\"\n")); err == nil || !strings.Contains(err.Error(), "seeds: expected a folder path") {
		t.Errorf("empty seeds: %v", err)
	}
}

// FuzzParseSeed: any CSV is parsed or rejected at a position, never a
// panic; every kept row has a value per column, and every inferred type
// holds for every non-empty value of its column.
func FuzzParseSeed(f *testing.F) {
	for _, s := range []string{"id,name\n1,a\n", "", "a,a\n", "x\n\"open\n", "a,b\n1\n", "\ufeffé,b\r\n2024-01-01,true\n", "a\n\"q\"\"q\"\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		s, err := ParseSeed("seeds/s.csv", []byte(src))
		if es, ok := err.(diag.Errors); ok {
			for _, e := range es {
				if e.Line < 1 || e.Col < 1 {
					t.Fatalf("error without a position: %v", e)
				}
			}
		}
		for i, r := range s.Rows {
			if len(r) != len(s.Columns) {
				t.Fatalf("row %d has %d values for %d columns", i, len(r), len(s.Columns))
			}
			for j, v := range r {
				if l, c := s.CellPos(i, j); l < 1 || c < 1 {
					t.Fatalf("cell %d,%d at %d:%d", i, j, l, c)
				}
				if typ := s.Columns[j].Type; v != "" && !seedFits(typ, v) {
					t.Fatalf("%q does not fit its column's inferred %s", v, typ)
				}
			}
		}
	})
}
