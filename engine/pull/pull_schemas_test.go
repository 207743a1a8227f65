package pull_test

import (
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/jig-sql/jig/engine/enginetest"
	"github.com/jig-sql/jig/engine/pull"
	"github.com/jig-sql/jig/workspace"
)

// A foreign key into another schema: describing it looks the referenced
// columns up while the constraint rows are being read, which once failed
// with "conn busy". The test's schema plays public, a second one crm.
func TestPullForeignKeyIntoAnotherSchema(t *testing.T) {
	ctx := context.Background()
	conn, public := enginetest.ConnSchema(t)
	crm := enginetest.SchemaName(t)
	q := workspace.QuoteIdent(crm)
	t.Cleanup(func() { enginetest.Conn(t).Exec(context.Background(), "DROP SCHEMA IF EXISTS "+q+" CASCADE") })
	setup := "CREATE SCHEMA " + q + `;
		CREATE TABLE ` + q + `.accounts (id int PRIMARY KEY);
		CREATE TABLE invoices (id int PRIMARY KEY, account_id int REFERENCES ` + q + `.accounts (id));`
	if _, err := conn.Exec(ctx, setup); err != nil {
		t.Fatal(err)
	}
	res, err := pull.Run(ctx, conn, pull.Options{Schema: public, Tables: []string{"invoices"}})
	if err != nil {
		t.Fatalf("pulling invoices from %s: %v", public, err)
	}
	if len(res.Tables) != 1 || res.Tables[0].Err != nil {
		t.Fatalf("tables = %+v, want invoices without error", res.Tables)
	}
	fks := res.Tables[0].Table.ForeignKeys
	if len(fks) != 1 || fks[0].RefSchema != crm || fks[0].RefTable != "accounts" || !reflect.DeepEqual(fks[0].RefColumns, []string{"id"}) {
		t.Fatalf("foreign keys = %+v, want one to %s.accounts (id)", fks, crm)
	}
	files := pull.Plan(res, filepath.Join(t.TempDir(), "schema"))
	if len(files) != 1 || files[0].Err != nil {
		t.Fatalf("files = %+v, want invoices.sql", files)
	}
	if want := "REFERENCES " + crm + ".accounts(id)"; !strings.Contains(files[0].Text, want) {
		t.Errorf("invoices.sql does not render the foreign key (want %q):\n%s", want, files[0].Text)
	}
}
