package rows

import "github.com/jig-sql/jig/workspace"

func typ(base string) workspace.Type { return workspace.Type{Name: base, Base: base} }

func col(name string, t workspace.Type, notNull bool) workspace.Column {
	return workspace.Column{Name: name, Type: t, NotNull: notNull}
}

// everyType is a table with a column of every type the factory knows.
func everyType() workspace.Table {
	arr := func(base string) workspace.Type {
		return workspace.Type{Name: base + "[]", Base: base, ArrayDims: 1}
	}
	mood := workspace.Type{Name: "mood", Base: "mood", Enum: []string{"sad", "ok", "happy"}}
	pos := workspace.Type{Name: "posint", Base: "int4",
		Domain: &workspace.Domain{Name: "posint", Checks: []string{"CHECK ((VALUE > 0) AND (VALUE < 100))"}}}
	return workspace.Table{
		Schema: "public", Name: "events",
		Columns: []workspace.Column{
			{Name: "id", Type: typ("int8"), NotNull: true, Identity: "always"},
			col("event_id", typ("text"), true),
			col("small", typ("int2"), true),
			col("amount", workspace.Type{Name: "numeric(10,2)", Base: "numeric", Precision: 10, Scale: 2}, true),
			col("ratio", typ("float8"), true),
			col("weight", typ("float4"), false),
			col("is_active", typ("bool"), true),
			col("email", workspace.Type{Name: "character varying(40)", Base: "varchar", Length: 40}, true),
			col("code", workspace.Type{Name: "character(3)", Base: "bpchar", Length: 3}, true),
			col("birth_date", typ("date"), false),
			col("starts", typ("time"), false),
			col("created_at", typ("timestamp"), true),
			col("event_ts", typ("timestamptz"), true),
			col("wait", typ("interval"), false),
			col("token", typ("uuid"), true),
			col("payload", typ("jsonb"), false),
			col("blob", typ("bytea"), false),
			col("ip", typ("inet"), false),
			col("net", typ("cidr"), false),
			col("tags", arr("text"), false),
			col("feeling", mood, true),
			col("score", pos, true),
			col("status", typ("text"), true),
		},
		PrimaryKey: []string{"id"},
		Unique:     [][]string{{"event_id"}, {"small", "code"}},
		Checks: []workspace.CheckConstraint{
			{Name: "events_status_check", Expression: "((status = ANY (ARRAY['new'::text, 'paid'::text])))", Columns: []string{"status"}},
			{Name: "events_amount_check", Expression: "((amount > (0)::numeric) AND (amount <= (50)::numeric))", Columns: []string{"amount"}},
		},
	}
}
