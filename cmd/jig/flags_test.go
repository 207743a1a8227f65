package main

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jig-sql/jig/engine/enginetest"
	"github.com/jig-sql/jig/workspace"
)

// demoWorkspace writes the demo into a temp dir and points jig at the
// package's server.
func demoWorkspace(t *testing.T) string {
	t.Helper()
	t.Setenv("JIG_DSN", enginetest.Server(t).DSN())
	dir := t.TempDir()
	if err := workspace.WriteDemo(dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestJUnitReportIsValid(t *testing.T) {
	dir := demoWorkspace(t)
	report := filepath.Join(t.TempDir(), "junit.xml")
	if code, out := jig(t, "test", "-w", dir, "--junit", report); code != exitFail {
		t.Fatalf("exit %d, want 1 (the demo has one failing fixture):\n%s", code, out)
	}
	data, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Suites []struct {
			Tests    int `xml:"tests,attr"`
			Failures int `xml:"failures,attr"`
			Cases    []struct {
				Name    string `xml:"name,attr"`
				Failure *struct {
					Message string `xml:"message,attr"`
					Body    string `xml:",chardata"`
				} `xml:"failure"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("not XML: %v\n%s", err, data)
	}
	s := doc.Suites[0]
	if s.Tests != 2 || s.Failures != 1 || len(s.Cases) != 2 {
		t.Fatalf("tests=%d failures=%d cases=%d, want 2/1/2:\n%s", s.Tests, s.Failures, len(s.Cases), data)
	}
	for _, c := range s.Cases {
		if c.Name == "net_revenue/discount_reduces_net" && (c.Failure == nil || !strings.Contains(c.Failure.Body, "»135.00«")) {
			t.Errorf("the failing case lacks its diff:\n%s", data)
		}
	}
}

func TestJSONOutputIsOneObjectPerFixture(t *testing.T) {
	dir := demoWorkspace(t)
	_, out := jig(t, "test", "-w", dir, "--json")
	var n int
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if !strings.HasPrefix(line, "{") {
			continue // progress on stderr shares the buffer here
		}
		var obj struct{ Fixture, Status string }
		if err := json.Unmarshal([]byte(line), &obj); err != nil || obj.Fixture == "" {
			t.Fatalf("bad JSON line %q: %v", line, err)
		}
		n++
	}
	if n != 2 {
		t.Fatalf("%d JSON objects, want 2:\n%s", n, out)
	}
}

func TestShardSplitsStably(t *testing.T) {
	t.Setenv("JIG_DSN", enginetest.Server(t).DSN())
	dir := enginetest.SeedWorkspace(t, 20)
	names := func(shard string) []string {
		_, out := jig(t, "test", "-w", dir, "--shard", shard)
		var got []string
		for _, l := range strings.Split(out, "\n") {
			if strings.HasPrefix(l, "PASS ") {
				got = append(got, strings.Fields(l)[1])
			}
		}
		return got
	}
	a, b := names("1/2"), names("2/2")
	if len(a)+len(b) != 20 || len(a) == 0 || len(b) == 0 {
		t.Fatalf("shards of 20: %d + %d", len(a), len(b))
	}
	seen := map[string]bool{}
	for _, n := range append(a, b...) {
		if seen[n] {
			t.Fatalf("%s is in both shards", n)
		}
		seen[n] = true
	}
	if again := names("1/2"); strings.Join(again, ",") != strings.Join(a, ",") {
		t.Fatalf("shard 1/2 changed between runs")
	}
	if code, _ := jig(t, "test", "-w", dir, "--shard", "3/2"); code != exitUsage {
		t.Fatalf("--shard 3/2 must be a usage error")
	}
}

func TestUpdateRewritesOnlyExpectedRows(t *testing.T) {
	dir := demoWorkspace(t)
	path := filepath.Join(dir, "fixtures", "net_revenue", "discount_reduces_net.yaml")
	before, _ := os.ReadFile(path)
	if code, out := jig(t, "test", "-w", dir, "--update", "net_revenue"); code != exitFail || !strings.Contains(out, "updated fixtures/net_revenue/discount_reduces_net.yaml") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	after, _ := os.ReadFile(path)
	head := func(b []byte) string { return string(b[:strings.Index(string(b), "expect:")]) }
	if head(before) != head(after) {
		t.Errorf("--update changed more than expect.rows:\n--- before\n%s\n--- after\n%s", before, after)
	}
	// The rows now match; the demo's check on net <= gross still catches the bug.
	if _, out := jig(t, "test", "-w", dir, "net_revenue"); strings.Contains(out, "rows differ") || !strings.Contains(out, "net_not_above_gross") {
		t.Fatalf("after --update:\n%s", out)
	}
}

func TestRunFilterAndPatterns(t *testing.T) {
	dir := demoWorkspace(t)
	if code, out := jig(t, "test", "-w", dir, "--run", "null_user"); code != exitOK || !strings.Contains(out, "1 fixture: 1 passed") {
		t.Fatalf("--run null_user: exit %d\n%s", code, out)
	}
	if code, out := jig(t, "test", "-w", dir, "browser_users/*"); code != exitOK || !strings.Contains(out, "1 fixture:") {
		t.Fatalf("pattern browser_users/*: exit %d\n%s", code, out)
	}
	if code, _ := jig(t, "test", "-w", dir, "nothing_matches"); code != exitUsage {
		t.Fatalf("no match must be exit 2")
	}
}
