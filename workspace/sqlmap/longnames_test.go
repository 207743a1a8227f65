package sqlmap

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestShort(t *testing.T) {
	a := strings.Repeat("a", 70) + "_metric"
	b := strings.Repeat("a", 70) + "_dimension"
	sa, sb := Short(a), Short(b)
	if len(sa) != MaxIdent || len(sb) != MaxIdent || sa == sb {
		t.Errorf("Short: %q (%d) and %q (%d), want distinct 63-byte names", sa, len(sa), sb, len(sb))
	}
	if Short("short") != "short" || Short(a) != sa {
		t.Error("Short is not the identity on short names, or not stable")
	}
	u := strings.Repeat("é", 40) // 80 bytes: the cut must not split a character
	if s := Short(u); !utf8.ValidString(s) || len(s) > MaxIdent {
		t.Errorf("Short(%q) = %q", u, s)
	}
}

func TestRewriteLongNames(t *testing.T) {
	long := strings.Repeat("x", 100)
	m := New("jig_wabc", Declared([]string{"a.sql"}, []string{"create table s." + long + " (a int)"}))
	r, err := m.Rewrite(`select "`+long+`", 'keep `+long+`' from s.`+strings.ToUpper(long), false)
	if err != nil {
		t.Fatal(err)
	}
	short := Short(long)
	want := `select "` + short + `", 'keep ` + long + `' from "jig_wabc_1_s"."` + short + `"`
	if r.SQL != want {
		t.Fatalf("got  %q\nwant %q", r.SQL, want)
	}
	if m.Long(short) != long || m.Long("a") != "a" {
		t.Error("Long does not give the written name back")
	}
	if got := m.Unmap(`relation "` + short + `" does not exist`); got != `relation "`+long+`" does not exist` {
		t.Errorf("Unmap: %q", got)
	}
}
