package workspace

import (
	"reflect"
	"strings"
	"testing"

	"github.com/jig-sql/jig/workspace/diag"
)

func TestParseConfig(t *testing.T) {
	t.Setenv("JIG_TEST_PW", "s3cret")
	cfg, err := ParseConfig(ConfigFile, []byte(`
postgres:
  version: 16
  binaries: /opt/pg
  sources: [local, cache]
  maven_url: https://repo.example.com/maven2
dsn: postgres://me:${JIG_TEST_PW}@localhost/dev
dialect: redshift
seed: -42
schema: ddl
fixtures: tests/fixtures
`))
	if err != nil {
		t.Fatal(err)
	}
	want := DefaultConfig()
	want.Postgres = PostgresConfig{Version: "16", Binaries: "/opt/pg", Sources: []string{"local", "cache"}, MavenURL: "https://repo.example.com/maven2"}
	want.DSN, want.Dialect, want.Seed, want.Schema, want.Fixtures = "postgres://me:s3cret@localhost/dev", DialectRedshift, -42, "ddl", "tests/fixtures"
	if !reflect.DeepEqual(cfg, want) {
		t.Errorf("got  %+v\nwant %+v", cfg, want)
	}
	if got := RedactDSN(cfg.DSN); strings.Contains(got, "s3cret") {
		t.Errorf("RedactDSN leaked: %s", got)
	}
	empty, err := ParseConfig(ConfigFile, []byte("# nothing\n"))
	if err != nil || !reflect.DeepEqual(empty, DefaultConfig()) {
		t.Errorf("empty config = %+v, %v", empty, err)
	}
}

func TestRedactDSN(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"postgres://me:secret@localhost:5432/dev", "postgres://me:****@localhost:5432/dev"},
		{"postgresql://me:p%40ss@db/x?sslmode=disable", "postgresql://me:****@db/x?sslmode=disable"},
		{"postgres://me@db/x?password=secret&sslmode=require", "postgres://me@db/x?password=****&sslmode=require"},
		{"postgres://db/x", "postgres://db/x"},
		{"host=db user=me password=secret dbname=x", "host=db user=me password=**** dbname=x"},
		{"host=db password = 'sec ret\\' x' dbname=x", "host=db password = **** dbname=x"},
		{"PASSWORD=secret", "PASSWORD=****"},
		{"postgres://me:sec ret@bad host/%zz", "postgres://me:****@bad host/%zz"},
	} {
		if got := RedactDSN(tt.in); got != tt.want {
			t.Errorf("RedactDSN(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzLoadConfig(f *testing.F) {
	f.Add([]byte("postgres: {version: \"17\", sources: [cache]}\ndialect: redshift\nseed: 3\n"))
	f.Add([]byte("dsn: ${HOME}\nschema: s\n"))
	f.Add([]byte("postgres:\n  - a\n"))
	f.Add([]byte("seed: 99999999999999999999999\n"))
	f.Add([]byte("&a x: *a\n"))
	f.Add([]byte("? [a]\n: b\n"))
	f.Add([]byte(initConfig))
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := ParseConfig(ConfigFile, data)
		if cfg.Dialect != DialectPostgres && cfg.Dialect != DialectRedshift {
			t.Fatalf("invalid dialect %q survived", cfg.Dialect)
		}
		if err != nil {
			for _, e := range err.(diag.Errors) {
				if e.Line < 1 || e.Col < 1 || e.File != ConfigFile {
					t.Fatalf("bad position: %v", e)
				}
			}
		}
	})
}

// A version jig has no build for is an error at its place in jig.yaml, not
// a start-up failure later.
func TestParseConfigUnsupportedVersion(t *testing.T) {
	for _, v := range []string{"99", `"15"`, "17.5"} {
		_, err := ParseConfig(ConfigFile, []byte("seed: 1\npostgres:\n  version: "+v+"\n"))
		if err == nil || !strings.HasPrefix(err.Error(), "jig.yaml:3:12:") || !strings.Contains(err.Error(), "16, 17 or 18") {
			t.Errorf("version %s: %v, want jig.yaml:3:12 naming 16, 17 or 18", v, err)
		}
	}
}
