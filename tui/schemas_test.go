package tui

import (
	"slices"
	"testing"
)

// The workbench lists a declared schema's table as fixtures name it, opens
// its tab for a query that reads it, and runs the query on its rows.
func TestWorkbenchSchemaTables(t *testing.T) {
	d := readyTestDriver(t, map[string]string{
		"schema/zz_crm.sql":        "CREATE SCHEMA crm;\nCREATE TABLE crm.accounts (id int PRIMARY KEY, name text NOT NULL);\n",
		"queries/crm_accounts.sql": "select id, name from crm.accounts order by id\n",
	}, "crm_accounts")
	m := d.m
	if !slices.Contains(m.sidebar.tables, "crm.accounts") {
		t.Errorf("sidebar tables %v lack crm.accounts", m.sidebar.tables)
	}
	if got := m.sess.Tables[0].Name; got != "crm.accounts" {
		t.Fatalf("the query's input tab is %q, want crm.accounts", got)
	}
	m.sess.Table("crm.accounts").Rows = []InputRow{{"name": {Value: "acme", Text: "acme"}}, {}}
	gen := m.gen
	d.send(sessionChangedMsg{})
	d.until(t, func() bool { return m.gen > gen && d.settled() })
	if m.live.Err != nil {
		t.Fatal(m.live.Err)
	}
	rows, _ := shown(m, "crm.accounts", "name")
	if len(rows) != 2 || m.live == nil || m.live.Result == nil || len(m.live.Result.Rows) != len(rows) {
		t.Fatalf("grid rows %v, live result %+v: want the grid's rows back from the query", rows, m.live)
	}
	if got := m.live.Result.Rows[0][0].Text + "=" + m.live.Result.Rows[0][1].Text; got != rows[0] {
		t.Errorf("the query returned %s, the grid shows %s", got, rows[0])
	}
}
