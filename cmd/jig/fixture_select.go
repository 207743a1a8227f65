package main

import (
	"fmt"
	"hash/fnv"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/jig-sql/jig/workspace"
)

// selectFixtures applies patterns, --run and --shard.
func selectFixtures(all []*workspace.Fixture, patterns []string, run, shard string) ([]*workspace.Fixture, error) {
	var re *regexp.Regexp
	if run != "" {
		var err error
		if re, err = regexp.Compile(run); err != nil {
			return nil, fmt.Errorf("--run: %v", err)
		}
	}
	k, n, err := parseShard(shard)
	if err != nil {
		return nil, err
	}
	var out []*workspace.Fixture
	for _, f := range all {
		if !matchesAny(f.Name, patterns) || (re != nil && !re.MatchString(f.Name)) {
			continue
		}
		if n > 1 {
			h := fnv.New32a()
			h.Write([]byte(f.Name))
			if int(h.Sum32()%uint32(n)) != k-1 {
				continue
			}
		}
		out = append(out, f)
	}
	return out, nil
}

func matchesAny(name string, patterns []string) bool {
	if len(patterns) == 0 {
		return true
	}
	for _, p := range patterns {
		p = strings.TrimSuffix(strings.TrimPrefix(filepath.ToSlash(p), "fixtures/"), ".yaml")
		if ok, _ := path.Match(p, name); ok || name == p || strings.HasPrefix(name, p+"/") {
			return true
		}
	}
	return false
}

func parseShard(s string) (k, n int, err error) {
	if s == "" {
		return 1, 1, nil
	}
	a, b, ok := strings.Cut(s, "/")
	k, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || k < 1 || k > n {
		return 0, 0, fmt.Errorf("--shard %q: want K/N with 1 <= K <= N, e.g. 2/4", s)
	}
	return k, n, nil
}

// noFixtures says why nothing was selected, and what to do.
func noFixtures(ws *workspace.Workspace, patterns []string) string {
	if len(ws.Fixtures) == 0 {
		return fmt.Sprintf("no fixtures in %s: build one in the workbench (jig -w %s), or try jig demo", filepath.Join(ws.Dir, ws.Config.Fixtures), ws.Dir)
	}
	names := make([]string, 0, len(ws.Fixtures))
	for _, f := range ws.Fixtures {
		names = append(names, f.Name)
	}
	msg := fmt.Sprintf("no fixtures match %s (there are %d, e.g. %s)", strings.Join(patterns, " "), len(names), names[0])
	if len(patterns) == 1 {
		msg += didYouMean(patterns[0], names)
	}
	return msg
}
