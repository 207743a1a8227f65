package main

import (
	"strings"
	"testing"

	"github.com/jig-sql/jig/engine/enginetest"
)

// TestSeedsBesideSchemas: a seed of the default schema's table regions,
// which crm.accounts references, loads before a query over both runs; a
// seed named after a declared schema's table (seeds/crm.accounts.csv),
// which would be a table "crm.accounts" of the default schema while the
// queries read the empty crm.accounts, is refused at its file.
func TestSeedsBesideSchemas(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	t.Setenv("JIG_DSN", "")
	dir := crmChainDir(t)
	enginetest.WriteFiles(t, dir, map[string]string{
		"seeds/regions.csv":     "code,name\neu,Europe\nus,Americas\n",
		"queries/by_region.sql": "select r.code, r.name, count(a.id) as accounts\nfrom regions r left join stg_accounts s on true left join crm.accounts a on a.region = r.code and a.id = s.account_id\ngroup by 1, 2 order by 1\n",
		"checks/regions.yaml":   "table: regions\nchecks:\n  - unique: [code]\n  - accepted_values: {column: code, values: [eu]}\n",
	})
	code, out := jig(t, "run", "-w", dir, "by_region", "--csv")
	if code != exitOK || !strings.Contains(out, "code,name,accounts\neu,Europe,0\nus,Americas,0\n") {
		t.Errorf("jig run over a seed and crm: exit %d\n%s", code, out)
	}
	code, out = jig(t, "check", "-w", dir, "regions")
	if code != exitFail || !strings.Contains(squash(out), "accepted_values(code) | regions | fail | 1") {
		t.Errorf("jig check on the seed: exit %d\n%s", code, out)
	}
	if code, out := jig(t, "test", "-w", dir); code != exitOK {
		t.Errorf("jig test beside the seed: exit %d\n%s", code, out)
	}
	enginetest.WriteFiles(t, dir, map[string]string{"seeds/crm.accounts.csv": "id,name\n1,acme\n"})
	want := `seeds/crm.accounts.csv:1:1: seed crm.accounts would be a table named "crm.accounts" in the default schema, not the table accounts of schema crm`
	for _, args := range [][]string{{"validate"}, {"test"}, {"run", "accounts"}, {"check"}} {
		if code, out := jig(t, append(args, "-w", dir)...); code != exitUsage || !strings.Contains(out, want) {
			t.Errorf("jig %s: exit %d, want 2 and %q\n%s", args[0], code, want, out)
		}
	}
	if _, code, errs := serveDemo(t, dir); code != exitUsage || !strings.Contains(errs, want) {
		t.Errorf("jig serve: exit %d, want 2 and %q\n%s", code, want, errs)
	}
}

// TestValidateChecksOverSchemas: validate reports mistakes in checks on a
// query of the crm chain once each, at their place and by the names
// written: a relationship to a missing crm.acounts or column, an
// equal_row_count to a missing table, and crm.acounts inside an
// expression and a sql check (never the private schema's name).
func TestValidateChecksOverSchemas(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	t.Setenv("JIG_DSN", enginetest.Server(t).DSN())
	dir := crmChainDir(t)
	enginetest.WriteFiles(t, dir, map[string]string{"checks/stg_accounts.yaml": `table: stg_accounts
checks:
  - relationships: {column: account_id, to: crm.acounts, field: id}
  - relationships: {column: account_id, to: web.sessions, field: acc_id}
  - equal_row_count: {to: web.sesions}
`})
	code, out := jig(t, "validate", "-w", dir)
	want := []string{
		"checks/stg_accounts.yaml:3:45: relationships: `to` crm.acounts is not a table or query of the workspace",
		"checks/stg_accounts.yaml:4:66: relationships: web.sessions has no column `acc_id`",
		"checks/stg_accounts.yaml:5:27: equal_row_count: `to` web.sesions is not a table or query of the workspace",
	}
	if got := errorLines(out); code != exitUsage || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("jig validate: exit %d\n%s\nwant exit 2 and\n%s", code, out, strings.Join(want, "\n"))
	}
	enginetest.WriteFiles(t, dir, map[string]string{"checks/stg_accounts.yaml": `table: stg_accounts
checks:
  - expression: "account_id in (select id from crm.acounts)"
    name: in_crm
  - sql: "select * from crm.acounts"
    name: raw_sql
`})
	code, out = jig(t, "validate", "-w", dir)
	want = []string{
		`checks/stg_accounts.yaml:3:48: relation "crm.acounts" does not exist (SQLSTATE 42P01)`,
		`checks/stg_accounts.yaml:5:25: relation "crm.acounts" does not exist (SQLSTATE 42P01)`,
	}
	if got := errorLines(out); code != exitUsage || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("jig validate: exit %d\n%s\nwant exit 2 and\n%s", code, out, strings.Join(want, "\n"))
	}
}
