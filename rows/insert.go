package rows

import (
	"strings"

	"github.com/jig-sql/jig/workspace"
)

// InsertSQL is the SQL text that inserts a dataset in one round trip: one
// INSERT per table, parents first, joined by ";\n". Every identifier goes
// through workspace.QuoteIdent and every value through
// workspace.QuoteLiteral, as an untyped literal the column's type reads.
// A column every row leaves to the database is omitted; a cell left to it
// in some rows only is written DEFAULT. Identity columns that get values
// are inserted with OVERRIDING SYSTEM VALUE, and each identity or serial
// sequence is then moved past the largest value so later inserts by the
// query under test do not collide.
func InsertSQL(ds *Dataset) string {
	return InsertSQLNamed(ds, (*workspace.Table).QualifiedName, func(c string) string { return c })
}

// InsertSQLNamed is InsertSQL with each table written as name gives it (a
// name already quoted for SQL) and each column as column gives it (before
// quoting): the engine sends a table of a user's schema under its worker's
// private schema, and a name longer than Postgres keeps under its short
// form.
func InsertSQLNamed(ds *Dataset, name func(*workspace.Table) string, column func(string) string) string {
	var b strings.Builder
	for _, tr := range ds.Tables {
		if len(tr.Rows) == 0 {
			continue
		}
		if b.Len() > 0 {
			b.WriteString(";\n")
		}
		writeInsert(&b, tr, name(tr.Table), column)
		for _, c := range sequenced(tr) {
			b.WriteString(";\n")
			writeSetval(&b, tr.Table, c, name(tr.Table), column)
		}
	}
	return b.String()
}

// written lists the columns an INSERT names.
func written(tr TableRows) []int {
	var cols []int
	for j, c := range tr.Table.Columns {
		if c.Generated {
			continue
		}
		for _, r := range tr.Rows {
			if !r.Values[j].Default {
				cols = append(cols, j)
				break
			}
		}
	}
	return cols
}

func writeInsert(b *strings.Builder, tr TableRows, name string, column func(string) string) {
	cols := written(tr)
	b.WriteString("INSERT INTO ")
	b.WriteString(name)
	if len(cols) == 0 {
		for i := range tr.Rows {
			if i > 0 {
				b.WriteString(";\nINSERT INTO " + name)
			}
			b.WriteString(" DEFAULT VALUES")
		}
		return
	}
	b.WriteString(" (")
	overriding := false
	for i, j := range cols {
		if i > 0 {
			b.WriteString(", ")
		}
		c := tr.Table.Columns[j]
		b.WriteString(workspace.QuoteIdent(column(c.Name)))
		overriding = overriding || c.Identity == "always"
	}
	b.WriteString(")")
	if overriding {
		b.WriteString(" OVERRIDING SYSTEM VALUE")
	}
	b.WriteString(" VALUES\n")
	for i, r := range tr.Rows {
		if i > 0 {
			b.WriteString(",\n")
		}
		b.WriteString("  (")
		for k, j := range cols {
			if k > 0 {
				b.WriteString(", ")
			}
			writeValue(b, r.Values[j])
		}
		b.WriteString(")")
	}
}

func writeValue(b *strings.Builder, v Value) {
	switch {
	case v.Null:
		b.WriteString("NULL")
	case v.Default:
		b.WriteString("DEFAULT")
	default:
		b.WriteString(workspace.QuoteLiteral(v.Text))
	}
}

// sequenced lists identity and serial columns the rows gave values to.
func sequenced(tr TableRows) []int {
	var out []int
	for _, j := range written(tr) {
		c := tr.Table.Columns[j]
		if (c.Identity != "" || isSerial(&c)) && !c.Type.IsArray() {
			out = append(out, j)
		}
	}
	return out
}

// writeSetval moves the column's sequence to the largest value given, so
// the next DEFAULT does not collide with it; values below the sequence's
// minimum (a fixture's event_id: -1) cannot collide and leave it alone, as
// setval refuses them.
func writeSetval(b *strings.Builder, t *workspace.Table, j int, name string, column func(string) string) {
	col := column(t.Columns[j].Name)
	b.WriteString("SELECT setval(jig_seq.seq, max(")
	b.WriteString(workspace.QuoteIdent(col))
	b.WriteString(")) FROM ")
	b.WriteString(name)
	b.WriteString(", (SELECT pg_get_serial_sequence(")
	b.WriteString(workspace.QuoteLiteral(name))
	b.WriteString(", ")
	b.WriteString(workspace.QuoteLiteral(col))
	b.WriteString(")::regclass AS seq) jig_seq GROUP BY jig_seq.seq HAVING max(")
	b.WriteString(workspace.QuoteIdent(col))
	b.WriteString(") >= (SELECT seqmin FROM pg_sequence WHERE seqrelid = jig_seq.seq)")
}
