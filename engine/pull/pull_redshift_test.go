package pull_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/engine/enginetest"
	"github.com/jig-sql/jig/engine/pull"
	"github.com/jig-sql/jig/workspace"
	"github.com/jig-sql/jig/workspace/redshift"
)

// redshiftEvents is the seed's events table as jig pull reads it from
// Redshift: PG_TABLE_DEF's types, an IDENTITY column, the physical design.
func redshiftEvents(d redshift.Distribution) pull.Table {
	return pull.Table{
		Table: workspace.Table{Name: "events", Dist: d, Columns: []workspace.Column{
			{Name: "seq", Type: workspace.Type{Name: "bigint"}, NotNull: true, Identity: "by default"},
			{Name: "event_id", Type: workspace.Type{Name: "character varying(256)"}, NotNull: true},
			{Name: "event_ts", Type: workspace.Type{Name: "timestamp without time zone"}, NotNull: true, Default: "getdate()"},
			{Name: "user_id", Type: workspace.Type{Name: "character varying(256)"}},
			{Name: "Browser Id", Type: workspace.Type{Name: "character varying(256)"}},
		}},
		Identity: map[string]string{"seq": "1, 1"},
	}
}

// TestRenderRedshiftDesign writes each kind of Redshift design and reads
// it back through jig's schema loader, then applies it to Postgres.
func TestRenderRedshiftDesign(t *testing.T) {
	designs := []redshift.Distribution{
		{Style: "KEY", Key: "user_id", SortKey: []string{"event_ts"}},
		{Style: "KEY", Key: "user_id", SortKey: []string{"event_ts", "user_id"}, SortStyle: "COMPOUND"},
		{Style: "EVEN", SortKey: []string{"event_ts", "Browser Id"}, SortStyle: "INTERLEAVED"},
		{Style: "ALL"},
		{Style: "AUTO"},
		{Key: "Browser Id"}, // no style: Redshift's own default for a DISTKEY
		{},
	}
	for _, d := range designs {
		ddl := pull.RenderTable(redshiftEvents(d))
		f, err := workspace.ParseSchema("schema/events.sql", ddl, true)
		if err != nil {
			t.Fatalf("%+v: the loader rejects\n%s\n%v", d, ddl, err)
		}
		want := d
		if want.Key != "" && want.Style == "" {
			want.Style = "KEY" // the loader records the style a DISTKEY implies
		}
		if got, _ := f.Distribution("", "events"); !reflect.DeepEqual(got, want) {
			t.Errorf("read back %+v, wrote %+v:\n%s", got, want, ddl)
		}
		if strings.Contains(strings.ToUpper(ddl), "ENCODE") {
			t.Errorf("ENCODE is not read back by jig and must not be written:\n%s", ddl)
		}
		conn := enginetest.Conn(t)
		if err := engine.ApplySchema(context.Background(), conn, []*workspace.SchemaFile{f}); err != nil {
			t.Errorf("%+v: translated DDL does not apply: %v\n%s", d, err, f.SQL)
		}
	}
}

func TestRedshiftCatalogValues(t *testing.T) {
	cases := []struct {
		style string
		in    redshift.Distribution
		want  redshift.Distribution
	}{
		{"KEY(user_id)", redshift.Distribution{Key: "user_id", Style: "KEY"}, redshift.Distribution{Key: "user_id", Style: "KEY"}},
		{"AUTO(KEY(user_id))", redshift.Distribution{Key: "user_id", Style: "KEY"}, redshift.Distribution{Style: "AUTO"}},
		{"AUTO(EVEN)", redshift.Distribution{}, redshift.Distribution{Style: "AUTO"}},
		{"EVEN", redshift.Distribution{SortKey: []string{"a"}}, redshift.Distribution{Style: "EVEN", SortKey: []string{"a"}}},
		{"ALL", redshift.Distribution{}, redshift.Distribution{Style: "ALL"}},
		{"", redshift.Distribution{Key: "k", Style: "KEY"}, redshift.Distribution{Key: "k", Style: "KEY"}}, // empty table: not in SVV_TABLE_INFO
	}
	for _, c := range cases {
		d := c.in
		pull.ApplyDistStyle(&d, c.style)
		if !reflect.DeepEqual(d, c.want) {
			t.Errorf("%q on %+v = %+v, want %+v", c.style, c.in, d, c.want)
		}
	}
	if args, ok := pull.RedshiftIdentity(`"identity"(104871, 0, '1,1'::text)`); !ok || args != "1, 1" {
		t.Errorf("identity = %q %v", args, ok)
	}
	if args, ok := pull.RedshiftIdentity(`"identity"(104871, 2, '100,-5'::text)`); !ok || args != "100, -5" {
		t.Errorf("identity = %q %v", args, ok)
	}
	if _, ok := pull.RedshiftIdentity(`getdate()`); ok {
		t.Error("getdate() is no identity")
	}
}
