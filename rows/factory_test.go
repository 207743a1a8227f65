package rows

import (
	"strings"
	"testing"

	"github.com/jig-sql/jig/workspace"
)

func TestIDPrefix(t *testing.T) {
	for _, tt := range []struct{ table, col, want string }{
		{"events", "event_id", "evnt"},
		{"x", "browser_id", "brws"},
		{"x", "user_id", "user"},
		{"x", "session_id", "sess"},
		{"x", "account_id", "acnt"},
		{"x", "order_line_id", "ordr"},
		{"x", "ip_id", "ip"},
		{"events", "id", "evnt"},
		{"categories", "id", "ctgr"},
		{"x", "_id", "id"},
	} {
		if got := IDPrefix(tt.table, tt.col); got != tt.want {
			t.Errorf("IDPrefix(%q, %q) = %q, want %q", tt.table, tt.col, got, tt.want)
		}
	}
}

// fkSchema: users ← visits (user_id NOT NULL), employees self-reference,
// a ↔ b cycle with one nullable side.
func fkSchema() []workspace.Table {
	fk := func(name string, cols []string, ref string, refCols []string) workspace.ForeignKey {
		return workspace.ForeignKey{Name: name, Columns: cols, RefTable: ref, RefColumns: refCols}
	}
	return []workspace.Table{
		{Name: "users", Columns: []workspace.Column{col("user_id", typ("text"), true), col("name", typ("text"), true)},
			PrimaryKey: []string{"user_id"}},
		{Name: "visits", Columns: []workspace.Column{col("visit_id", typ("text"), true), col("user_id", typ("text"), true)},
			PrimaryKey: []string{"visit_id"}, ForeignKeys: []workspace.ForeignKey{fk("visits_user_fk", []string{"user_id"}, "users", []string{"user_id"})}},
		{Name: "profiles", Columns: []workspace.Column{col("user_id", typ("text"), true)},
			PrimaryKey: []string{"user_id"}, ForeignKeys: []workspace.ForeignKey{fk("profiles_user_fk", []string{"user_id"}, "users", []string{"user_id"})}},
		{Name: "employees", Columns: []workspace.Column{col("id", typ("int4"), true), col("boss_id", typ("int4"), true), col("mentor_id", typ("int4"), false)},
			PrimaryKey: []string{"id"}, ForeignKeys: []workspace.ForeignKey{
				fk("boss_fk", []string{"boss_id"}, "employees", []string{"id"}),
				fk("mentor_fk", []string{"mentor_id"}, "employees", []string{"id"})}},
		{Name: "a", Columns: []workspace.Column{col("id", typ("int4"), true), col("b_id", typ("int4"), false)},
			PrimaryKey: []string{"id"}, ForeignKeys: []workspace.ForeignKey{fk("a_b", []string{"b_id"}, "b", []string{"id"})}},
		{Name: "b", Columns: []workspace.Column{col("id", typ("int4"), true), col("a_id", typ("int4"), true)},
			PrimaryKey: []string{"id"}, ForeignKeys: []workspace.ForeignKey{fk("b_a", []string{"a_id"}, "a", []string{"id"})}},
		{Name: "c", Columns: []workspace.Column{col("id", typ("int4"), true), col("d_id", typ("int4"), true)},
			PrimaryKey: []string{"id"}, ForeignKeys: []workspace.ForeignKey{fk("c_d", []string{"d_id"}, "d", []string{"id"})}},
		{Name: "d", Columns: []workspace.Column{col("id", typ("int4"), true), col("c_id", typ("int4"), true)},
			PrimaryKey: []string{"id"}, ForeignKeys: []workspace.ForeignKey{fk("d_c", []string{"c_id"}, "c", []string{"id"})}},
	}
}

func TestBuildForeignKeys(t *testing.T) {
	f := NewFactory(7, fkSchema())
	ds, err := f.Build([]TableOverrides{{Table: "visits", Rows: []Override{{}, {"user_id": Text("user0001")}, {}}}})
	if err != nil {
		t.Fatal(err)
	}
	if ds.Tables[0].Table.Name != "users" || ds.Tables[1].Table.Name != "visits" {
		t.Fatalf("order: %s, %s", ds.Tables[0].Table.Name, ds.Tables[1].Table.Name)
	}
	users := ds.Rows("users")
	if len(users) != 2 || !users[0].Generated || users[0].Values[0].Text != "user0001" {
		t.Fatalf("users = %+v; want the override's parent and one for defaults", users)
	}
	ids := map[string]bool{}
	for _, u := range users {
		ids[u.Values[0].Text] = true
	}
	for i, e := range ds.Rows("visits") {
		if i != 1 && e.Values[1].Text == "user0001" {
			t.Errorf("event %d points at the user another row is about", i)
		}
		if !ids[e.Values[1].Text] {
			t.Errorf("event %d points at %q, not a user", i, e.Values[1].Text)
		}
	}
	if !ids["user0001"] {
		t.Error("no parent row for the overridden user_id")
	}
}

func TestBuildUniqueForeignKey(t *testing.T) {
	f := NewFactory(7, fkSchema())
	ds, err := f.Build([]TableOverrides{{Table: "profiles", Rows: make([]Override, 5)}})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, p := range ds.Rows("profiles") {
		if seen[p.Values[0].Text] {
			t.Fatalf("two profiles point at user %s", p.Values[0].Text)
		}
		seen[p.Values[0].Text] = true
	}
	if n := len(ds.Rows("users")); n != 5 {
		t.Errorf("%d users for 5 one-to-one profiles", n)
	}
}

func TestBuildSelfAndCycles(t *testing.T) {
	f := NewFactory(7, fkSchema())
	ds, err := f.Build([]TableOverrides{{Table: "employees", Rows: make([]Override, 2)}})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range ds.Rows("employees") {
		if r.Values[1] != r.Values[0] || !r.Values[2].Null {
			t.Errorf("employee %v: boss should be itself, mentor NULL", r.Values)
		}
	}
	ds, err = f.Build([]TableOverrides{{Table: "b", Rows: make([]Override, 1)}})
	if err != nil {
		t.Fatal(err)
	}
	if ds.Tables[0].Table.Name != "a" || !ds.Rows("a")[0].Values[1].Null {
		t.Errorf("cycle a↔b: want a first with b_id NULL, got %s %v", ds.Tables[0].Table.Name, ds.Rows("a")[0].Values)
	}
	_, err = f.Build([]TableOverrides{{Table: "c", Rows: make([]Override, 1)}})
	if err == nil || !strings.Contains(err.Error(), "cycle") || !strings.Contains(err.Error(), "c(d_id)") {
		t.Errorf("NOT NULL cycle: %v", err)
	}
}

func TestKeysSkipOverrides(t *testing.T) {
	tb := workspace.Table{Name: "t", Columns: []workspace.Column{col("id", typ("int4"), true), col("code", typ("text"), true)},
		PrimaryKey: []string{"id"}}
	f := NewFactory(1, []workspace.Table{tb})
	rows, err := f.Rows("t", []Override{{}, {}, {"id": Text("1")}, {"id": Text("2")}})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, r := range rows {
		if seen[r.Values[0].Text] {
			t.Fatalf("duplicate id %s in %v", r.Values[0].Text, rows)
		}
		seen[r.Values[0].Text] = true
	}
	// Another row's override leaves defaults that do not collide alone.
	a, _ := f.Rows("t", []Override{{}, {}, {}})
	b, _ := f.Rows("t", []Override{{}, {"code": Text("x")}, {}})
	if a[0].Values[1] != b[0].Values[1] || a[2].Values[1] != b[2].Values[1] {
		t.Error("an override in row 2 changed defaults of rows 1 and 3")
	}
	if f.Default("t", "code", 2) != a[2].Values[1] {
		t.Error("Default differs from Rows")
	}
}

func TestMultiColumnUnique(t *testing.T) {
	tb := workspace.Table{Name: "t", Columns: []workspace.Column{col("flag", typ("bool"), true), col("kind", workspace.Type{Name: "k", Base: "k", Enum: []string{"x", "y"}}, true)},
		Unique: [][]string{{"flag", "kind"}}}
	f := NewFactory(1, []workspace.Table{tb})
	rows, err := f.Rows("t", make([]Override, 4))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, r := range rows {
		k := r.Values[0].Text + r.Values[1].Text
		if seen[k] {
			t.Fatalf("duplicate (flag, kind) %s", k)
		}
		seen[k] = true
	}
	if _, err := f.Rows("t", make([]Override, 5)); err == nil || !strings.Contains(err.Error(), "unique key (flag, kind)") {
		t.Errorf("5 rows in a 4-value key: %v", err)
	}
}

func TestChecks(t *testing.T) {
	tb := workspace.Table{Name: "orders", Columns: []workspace.Column{
		col("status", typ("text"), true), col("qty", typ("int4"), true), col("price", workspace.Type{Name: "numeric(6,2)", Base: "numeric", Precision: 6, Scale: 2}, true),
		col("code", typ("text"), true), col("starts", typ("date"), true), col("ends", typ("date"), true), col("note", typ("text"), true)},
		Checks: []workspace.CheckConstraint{
			{Name: "status_ck", Expression: "((status)::text = ANY ((ARRAY['new'::character varying, 'paid'::character varying])::text[]))"},
			{Name: "qty_ck", Expression: "((qty >= 5000) AND (qty < 5003))"},
			{Name: "price_ck", Expression: "(price > '-1'::numeric) AND (price < 0.5)"},
			{Name: "code_ck", Expression: "(char_length(code) <= 3)"},
			{Name: "dates_ck", Expression: "(ends >= starts)"},
			{Name: "note_ck", Expression: "(note ~ '^[a-z]+ [a-z]+$'::text)"},
		}}
	f := NewFactory(3, []workspace.Table{tb})
	ds, err := f.Build([]TableOverrides{{Table: "orders", Rows: make([]Override, 20)}})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range ds.Rows("orders") {
		v := r.Values
		if v[0].Text != "new" && v[0].Text != "paid" || v[1].Text < "5000" || v[1].Text > "5002" ||
			!(v[2].Text > "-1" && v[2].Text < "0.5" || strings.HasPrefix(v[2].Text, "-0.")) || len(v[3].Text) > 3 || v[5].Text < v[4].Text {
			t.Errorf("row violates a check: %v", v)
		}
	}
	if len(ds.Warnings) != 0 {
		t.Errorf("warnings: %v", ds.Warnings)
	}
	tb.Checks = []workspace.CheckConstraint{{Name: "odd", Expression: "((qty % 2) = 1)"}, {Name: "never", Expression: "(qty < 0 AND qty > 0)"}}
	ds, err = NewFactory(3, []workspace.Table{tb}).Build([]TableOverrides{{Table: "orders", Rows: []Override{{"qty": Text("1")}}}})
	if err != nil || len(ds.Warnings) != 0 {
		t.Errorf("overridden column: %v %v", err, ds.Warnings)
	}
	_, err = NewFactory(3, []workspace.Table{tb}).Rows("orders", []Override{{}})
	if err == nil || !strings.Contains(err.Error(), `CHECK constraint "never"`) || !strings.Contains(err.Error(), `override "qty"`) {
		t.Errorf("impossible check: %v", err)
	}
}

func TestCheckWarning(t *testing.T) {
	tb := workspace.Table{Name: "t", Columns: []workspace.Column{col("qty", typ("int4"), true)},
		Checks: []workspace.CheckConstraint{{Name: "odd", Expression: "((qty % 2) = 1)"}}}
	ds, err := NewFactory(3, []workspace.Table{tb}).Build([]TableOverrides{{Table: "t", Rows: []Override{{}}}})
	if err != nil || len(ds.Warnings) != 1 || !strings.Contains(ds.Warnings[0].Message, `override "qty"`) {
		t.Errorf("warnings %v, err %v", ds.Warnings, err)
	}
}

func TestUnknownType(t *testing.T) {
	tb := workspace.Table{Name: "t", Columns: []workspace.Column{col("p", typ("point"), false), col("q", typ("point"), true)}}
	f := NewFactory(1, []workspace.Table{tb})
	_, err := f.Rows("t", []Override{{}})
	if err == nil || !strings.Contains(err.Error(), `column "q": no default for type point; override`) {
		t.Errorf("err = %v", err)
	}
	rows, err := f.Rows("t", []Override{{"q": Text("(1,2)")}})
	if err != nil || !rows[0].Values[0].Null {
		t.Errorf("nullable unknown type: %v %v", rows, err)
	}
	if _, err := f.Rows("t", []Override{{"nope": Text("1")}}); err == nil || !strings.Contains(err.Error(), `no column "nope" (columns: p, q)`) {
		t.Errorf("unknown column: %v", err)
	}
}

func TestLeaveDefaults(t *testing.T) {
	tb := workspace.Table{Name: "t", Columns: []workspace.Column{
		{Name: "id", Type: typ("int4"), NotNull: true, Default: "nextval('t_id_seq'::regclass)"},
		{Name: "at", Type: typ("timestamptz"), NotNull: true, Default: "now()"},
		{Name: "g", Type: typ("int4"), Generated: true}}, PrimaryKey: []string{"id"}}
	for _, leave := range []bool{false, true} {
		ds, err := NewFactory(1, []workspace.Table{tb}, WithLeaveDefaults(leave)).Build([]TableOverrides{{Table: "t", Rows: make([]Override, 2)}})
		if err != nil {
			t.Fatal(err)
		}
		r := ds.Rows("t")[0].Values
		if r[0].Text != "1" || r[1].Default != leave || !r[2].Default {
			t.Errorf("leave=%v: %v", leave, r)
		}
		sql := InsertSQL(ds)
		if strings.Contains(sql, `"g"`) || strings.Contains(sql, `"at"`) == leave || !strings.Contains(sql, "(SELECT pg_get_serial_sequence('\"t\"', 'id')") {
			t.Errorf("leave=%v: %s", leave, sql)
		}
	}
}

// shopSchema: customers ← orders (customer_id NOT NULL), integer keys.
func shopSchema() []workspace.Table {
	return []workspace.Table{
		{Name: "customers", Columns: []workspace.Column{col("id", typ("int4"), true), col("name", typ("text"), true)},
			PrimaryKey: []string{"id"}},
		{Name: "orders", Columns: []workspace.Column{col("id", typ("int4"), true), col("customer_id", typ("int4"), true)},
			PrimaryKey: []string{"id"}, ForeignKeys: []workspace.ForeignKey{{Name: "orders_customer_fk",
				Columns: []string{"customer_id"}, RefTable: "customers", RefColumns: []string{"id"}}}},
	}
}

// An override of a foreign key points at the given parent row that shows
// that key, not at a hidden parent that pushes the shown row to another key.
func TestBuildOverrideWinsOverGeneratedKey(t *testing.T) {
	for _, tt := range []struct {
		name      string
		customers int
		wantIDs   []string
		wantGen   []bool
	}{
		{"shown row holds the key", 2, []string{"1", "2"}, []bool{false, false}},
		{"no shown row holds it", 1, []string{"1", "2"}, []bool{false, true}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := NewFactory(3, shopSchema())
			ds, err := f.Build([]TableOverrides{
				{Table: "customers", Rows: make([]Override, tt.customers)},
				{Table: "orders", Rows: []Override{{"customer_id": Value{Text: "2"}}}}})
			if err != nil {
				t.Fatal(err)
			}
			cs := ds.Rows("customers")
			if len(cs) != len(tt.wantIDs) {
				t.Fatalf("customers = %+v; want %d rows", cs, len(tt.wantIDs))
			}
			for i, c := range cs {
				if c.Values[0].Text != tt.wantIDs[i] || c.Generated != tt.wantGen[i] {
					t.Errorf("customers[%d] = id %s generated %v; want id %s generated %v",
						i, c.Values[0].Text, c.Generated, tt.wantIDs[i], tt.wantGen[i])
				}
				if !c.Generated && c.Overridden[0] {
					t.Errorf("customers[%d].id shows as the user's override; the factory chose it", i)
				}
				if c.Generated && (c.MadeFor == nil || c.MadeFor.String() != "for orders row 1 (customer_id)") {
					t.Errorf("customers[%d].MadeFor = %v; want for orders row 1 (customer_id)", i, c.MadeFor)
				}
			}
		})
	}
}

// A parent made for a row of a table in a declared schema names that table
// as the user writes it (atomic.events), not by its bare name.
func TestMadeForNamesTheSchema(t *testing.T) {
	tables := []workspace.Table{
		{Schema: "crm", Name: "accounts", Columns: []workspace.Column{col("id", typ("int4"), true)}, PrimaryKey: []string{"id"}},
		{Schema: "atomic", Name: "events", Columns: []workspace.Column{col("id", typ("int4"), true), col("account_id", typ("int4"), true)},
			PrimaryKey: []string{"id"}, ForeignKeys: []workspace.ForeignKey{{Name: "events_account_fk",
				Columns: []string{"account_id"}, RefSchema: "crm", RefTable: "accounts", RefColumns: []string{"id"}}}},
	}
	ds, err := NewFactory(3, tables).Build([]TableOverrides{{Table: "atomic.events", Rows: make([]Override, 1)}})
	if err != nil {
		t.Fatal(err)
	}
	as := ds.Rows("crm.accounts")
	if len(as) != 1 || as[0].MadeFor == nil || !strings.HasPrefix(as[0].MadeFor.String(), "for atomic.events ") {
		t.Fatalf("crm.accounts = %+v; want one parent made for atomic.events", as)
	}
}
