package postgres

import (
	"maps"
	"slices"
	"testing"

	"github.com/jig-sql/jig/workspace"
)

// workspace validates postgres.version against the releases the server package can fetch.
func TestSupportedVersionsMatchReleases(t *testing.T) {
	got := slices.Sorted(maps.Keys(releases))
	if !slices.Equal(got, workspace.SupportedPostgresVersions) {
		t.Errorf("engine has releases %v, workspace accepts %v", got, workspace.SupportedPostgresVersions)
	}
}

// Every source jig.yaml accepts by default is one findBinaries knows.
func TestDefaultSourcesAreKnown(t *testing.T) {
	known := []string{SourceExplicit, SourceCache, SourceMaven, SourceNPM, SourceLocal}
	if !slices.Equal(DefaultSources, known) {
		t.Errorf("default sources %v, the server knows %v", DefaultSources, known)
	}
}
