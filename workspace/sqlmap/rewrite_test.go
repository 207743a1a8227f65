package sqlmap

import (
	"strings"
	"testing"
)

func testMapper(t *testing.T, schemaSQL string) *Mapper {
	t.Helper()
	return New("jig_wabc", Declared([]string{"schema/a.sql"}, []string{schemaSQL}))
}

const crmSchema = `CREATE SCHEMA IF NOT EXISTS atomic;
create schema web;
CREATE TABLE atomic.events (id int);
CREATE TABLE web.sessions (id int, col int);
CREATE TYPE "Web"."Mood" AS ENUM ('a');
CREATE OR REPLACE VIEW web.v AS SELECT 1;
CREATE INDEX ON web.sessions (id);
CREATE TABLE public.plain (id int);
`

func TestDeclared(t *testing.T) {
	d := Declared([]string{"a.sql"}, []string{crmSchema})
	var names []string
	for _, s := range d {
		names = append(names, s.Name)
	}
	if got := strings.Join(names, ","); got != "atomic,web,Web" {
		t.Fatalf("declared %s, want atomic,web,Web", got)
	}
	if !d[1].Objects["sessions"] || !d[1].Objects["v"] || d[1].Objects["col"] {
		t.Fatalf("objects of web: %v", d[1].Objects)
	}
	if !d[2].Objects["Mood"] {
		t.Fatalf("objects of Web: %v", d[2].Objects)
	}
}

func TestRewrite(t *testing.T) {
	m := testMapper(t, crmSchema)
	cases := []struct{ name, in, want string }{
		{"qualified", "select * from atomic.events e join web.sessions s on true",
			`select * from "jig_wabc_1_atomic".events e join "jig_wabc_2_web".sessions s on true`},
		{"public", "select * from public.plain", `select * from "jig_wabc".plain`},
		{"quoted and mixed case", `select 'x'::"Web"."Mood", "ATOMIC".events from "atomic".events`,
			`select 'x'::"jig_wabc_3_web"."Mood", "ATOMIC".events from "jig_wabc_1_atomic".events`},
		{"unquoted folds", "select * from ATOMIC.Events", `select * from "jig_wabc_1_atomic".Events`},
		{"missing object still mapped", "select * from atomic.nope", `select * from "jig_wabc_1_atomic".nope`},
		{"alias spelled like schema", "select web.col, web.id from web_sessions web",
			"select web.col, web.id from web_sessions web"},
		{"alias but a real object", "select web.col from web.sessions web",
			`select web.col from "jig_wabc_2_web".sessions web`},
		{"strings and comments untouched", "select 'atomic.events' -- atomic.events\n, /* web.v */ 1",
			"select 'atomic.events' -- atomic.events\n, /* web.v */ 1"},
		{"column of a qualified table", "select atomic.events.id from atomic.events",
			`select "jig_wabc_1_atomic".events.id from "jig_wabc_1_atomic".events`},
		{"set schema", "alter table t set schema atomic", `alter table t set schema "jig_wabc_1_atomic"`},
		{"comment on schema", "comment on schema web is 'x'", `comment on schema "jig_wabc_2_web" is 'x'`},
		{"search_path", "set search_path to atomic, 'web', public, other",
			`set search_path to "jig_wabc_1_atomic", "jig_wabc_2_web", "jig_wabc", other`},
		{"undeclared", "select * from other.t", "select * from other.t"},
		{"create schema blanked", "create schema atomic;\ncreate table atomic.x (a int)",
			"                    ;\ncreate table \"jig_wabc_1_atomic\".x (a int)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := m.Rewrite(c.in, false)
			if err != nil {
				t.Fatal(err)
			}
			if r.SQL != c.want {
				t.Fatalf("Rewrite(%q)\n got %q\nwant %q", c.in, r.SQL, c.want)
			}
		})
	}
}

func TestRewriteDDL(t *testing.T) {
	m := testMapper(t, crmSchema)
	in := "DROP SCHEMA IF EXISTS web CASCADE;\nCREATE SCHEMA web AUTHORIZATION bob;\nCREATE VIEW web.v2 AS SELECT web.id FROM x web;"
	r, err := m.Rewrite(in, true)
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Repeat(" ", len("DROP SCHEMA IF EXISTS web CASCADE")) + ";\n                                   ;\nCREATE VIEW \"jig_wabc_2_web\".v2 AS SELECT \"jig_wabc_2_web\".id FROM x web;"
	if r.SQL != want {
		t.Fatalf("got %q\nwant %q", r.SQL, want)
	}
	r, _ = m.Rewrite("drop schema web", false)
	if r.SQL != `drop schema "jig_wabc_2_web"` {
		t.Fatalf("outside schema files DROP SCHEMA is mapped: %q", r.SQL)
	}
}

func TestRewriteRefuses(t *testing.T) {
	m := testMapper(t, crmSchema)
	for in, off := range map[string]int{
		"create schema web create table t (a int)": 18,
		"alter schema atomic rename to b":          13,
	} {
		_, err := m.Rewrite(in, true)
		e, ok := err.(*Error)
		if !ok || e.Offset != off || e.Hint == "" {
			t.Errorf("Rewrite(%q) = %v, want an *Error at %d with a hint", in, err, off)
		}
	}
}

func TestSourceOffset(t *testing.T) {
	m := testMapper(t, crmSchema)
	in := "select x from atomic.events, web.nope"
	r, err := m.Rewrite(in, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"nope", "events", "x"} {
		if got, want := r.SourceOffset(strings.Index(r.SQL, name)), strings.Index(in, name); got != want {
			t.Errorf("SourceOffset of %s = %d, want %d", name, got, want)
		}
	}
	if got := r.SourceOffset(strings.Index(r.SQL, "jig_wabc_2") + 3); got != strings.Index(in, "web") {
		t.Errorf("inside a mapped name: %d, want the name's start %d", got, strings.Index(in, "web"))
	}
}

func TestSentNameAndUnmap(t *testing.T) {
	long := strings.Repeat("x", 63)
	d := []*Schema{{Name: "atomic"}, {Name: `We"ird Select`}, {Name: long}}
	m := New("jig_4a3b_w0011aabb", d)
	for _, s := range m.SentSchemas() {
		if len(s) > MaxIdent {
			t.Errorf("sent name %q is %d bytes", s, len(s))
		}
	}
	sent, _ := m.Sent(`We"ird Select`)
	if sent != "jig_4a3b_w0011aabb_2_we_ird_select" {
		t.Errorf("sent %q", sent)
	}
	msg := `relation "` + sent + `.t" does not exist; schema jig_4a3b_w0011aabb_1_atomic; main jig_4a3b_w0011aabb`
	want := `relation ""We""ird Select".t" does not exist; schema atomic; main public`
	if got := m.Unmap(msg); got != want {
		t.Errorf("Unmap\n got %q\nwant %q", got, want)
	}
	if u, ok := m.User("jig_4a3b_w0011aabb_1_atomic"); !ok || u != "atomic" {
		t.Errorf("User = %q %v", u, ok)
	}
}
