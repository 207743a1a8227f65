package workspace

import (
	"strings"
	"testing"
)

func TestSplitStatements(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want []string
	}{
		{"select 1", []string{"select 1"}},
		{"select 1; select 2;", []string{"select 1", " select 2"}},
		{"insert into t values ('a;b'); select 2", []string{"insert into t values ('a;b')", " select 2"}},
		{"select $$;$$; select $x$ $$; $x$", []string{"select $$;$$", " select $x$ $$; $x$"}},
		{"select 1 -- ; commit\n; select 2", []string{"select 1 -- ; commit\n", " select 2"}},
		{"select /* ; /* ; */ ; */ 1", []string{"select /* ; /* ; */ ; */ 1"}},
		{"select E'\\';'; select 2", []string{"select E'\\';'", " select 2"}},
		{`select ";"; `, []string{`select ";"`}},
		{" ; ;\n", nil},
		{"-- only a comment\n", nil},
	} {
		var got []string
		for _, st := range SplitStatements(tc.src) {
			got = append(got, st.SQL)
			if tc.src[st.Start:st.Start+len(st.SQL)] != st.SQL {
				t.Errorf("%q: statement %q does not start at byte %d", tc.src, st.SQL, st.Start)
			}
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("SplitStatements(%q) = %q, want %q", tc.src, got, tc.want)
		}
	}
}

func TestSessionControl(t *testing.T) {
	refused := []string{
		"commit", "COMMIT WORK", "end", "rollback", "abort", "begin", "start transaction",
		"savepoint a", "release a", "rollback to savepoint a", "prepare transaction 'x'",
		"commit prepared 'x'", "set role postgres", "set local role postgres", "SET SESSION ROLE x",
		"set session authorization x", "set local session authorization x", "reset role",
		"reset all", "reset session authorization", "set transaction read write",
		"set session characteristics as transaction read write", "set default_transaction_read_only = off",
		"set transaction_read_only to off", "set local transaction_read_only = off", "discard all",
		"/* hidden */ commit", "-- hidden\ncommit", "/* /* nested */ */ commit", "set \"role\" = x",
		"RESET \"ROLE\"", "set session_authorization = x",
	}
	for _, sql := range refused {
		if kw := SessionControl(sql); kw == "" {
			t.Errorf("SessionControl(%q) = \"\", want it refused", sql)
		}
	}
	for _, sql := range []string{
		"select 'commit'", "insert into \"commit\" values (1)", "update t set role = 'x'",
		"set search_path to s", "set local timezone = 'UTC'", "with x as (select 1) select * from x",
		"do $$ begin commit; end $$", "select pg_terminate_backend(1)", "",
	} {
		if kw := SessionControl(sql); kw != "" {
			t.Errorf("SessionControl(%q) = %q, want it allowed", sql, kw)
		}
	}
}

func TestFixtureSetupPos(t *testing.T) {
	for _, tc := range []struct {
		yaml      string
		find      string
		line, col int
	}{
		{"query: q\nsetup: select 1; commit\n", "commit", 2, 18},
		{"query: q\nsetup: \"select 1; commit\"\n", "commit", 2, 19},
		{"query: q\nsetup: |\n    select 1;\n    commit\n", "commit", 4, 5},
	} {
		f, err := ParseFixture("fixtures/q/a.yaml", []byte(tc.yaml))
		if err != nil {
			t.Fatal(err)
		}
		line, col := f.SetupPos(strings.Index(f.Setup, tc.find))
		if line != tc.line || col != tc.col {
			t.Errorf("%q: %s at %d:%d, want %d:%d", tc.yaml, tc.find, line, col, tc.line, tc.col)
		}
	}
}

// TestFragmentProblemOffset: the problem's offset, where the error points.
func TestFragmentProblemOffset(t *testing.T) {
	for sql, want := range map[string]int{
		"select 1":                           -1,
		"select 1;;":                         8,
		"select ';', $$;$$, \")\" -- ); x\n": -1,
		"a = 1 and (b = 2)":                  -1,
		"1=1) select 1":                      3,
		"select 1; commit":                   8,
		"select 1 /* ; */ ; drop table x":    17,
		"(1 = 1":                             0, // the parenthesis left open
		"select $x$ ) $x$ from t where (a) ) or (": 34,
	} {
		if got, msg := FragmentProblem(sql); got != want {
			t.Errorf("FragmentProblem(%q) = %d %q, want %d", sql, got, msg, want)
		}
	}
}

// FuzzFragmentProblem: SQL that FragmentProblem accepts stays one statement
// inside jig's parentheses, and SplitStatements never loses a byte that is
// not a separating semicolon, space or comment.
func FuzzFragmentProblem(f *testing.F) {
	for _, s := range []string{"select 1", "1=1) ; commit; select (1", "'a;b' -- ;\n", "$x$;$x$", "/* /* ; */ */ x", `E'\';' ; y`, "(a", "a)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if off, _ := FragmentProblem(s); off < 0 {
			wrapped := "SELECT * FROM (\n" + s + "\n) AS q WHERE (" + s + "\n)"
			if n := len(SplitStatements(wrapped)); n > 1 {
				t.Fatalf("FragmentProblem accepts %q, but wrapped it is %d statements", s, n)
			}
		}
		for _, st := range SplitStatements(s) {
			if st.Start < 0 || st.Start+len(st.SQL) > len(s) || s[st.Start:st.Start+len(st.SQL)] != st.SQL {
				t.Fatalf("statement %q is not at %d of %q", st.SQL, st.Start, s)
			}
		}
	})
}
