package pull

import (
	"context"
	"regexp"
	"sort"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/workspace"
	"github.com/jig-sql/jig/workspace/redshift"
)

// describeRedshift reads tables from Redshift's catalog, whose pg_attribute
// predates identity and generated columns (Describe's query fails there).
// PG_TABLE_DEF gives columns, types, NOT NULL, the dist key and sort key
// positions — for schemas on the search_path only, which Run has set.
// SVV_TABLE_INFO gives the distribution style; it omits empty tables and
// may be unreadable for some users, so it is read last (Redshift has no
// savepoints: an error ends the transaction) and only refines the result.
func describeRedshift(ctx context.Context, conn *pgx.Conn, schema string) ([]Table, error) {
	tables, err := redshiftColumns(ctx, conn, schema)
	if err != nil {
		return nil, err
	}
	if err := redshiftDefaults(ctx, conn, schema, tables); err != nil {
		return nil, err
	}
	styles := map[string]string{}
	if rows, err := conn.Query(ctx, `SELECT "table"::text, diststyle::text FROM svv_table_info WHERE "schema" = $1`, schema); err == nil {
		for rows.Next() {
			var t, s string
			if rows.Scan(&t, &s) == nil {
				styles[t] = s
			}
		}
		rows.Close()
	}
	out := make([]Table, 0, len(tables))
	for _, name := range sortedKeys(tables) {
		pt := tables[name]
		applyDistStyle(&pt.Table.Dist, styles[name])
		out = append(out, *pt)
	}
	return out, nil
}

// redshiftSortKey collects one table's sort key positions while reading.
type redshiftSortKey struct {
	pos  int
	name string
}

func redshiftColumns(ctx context.Context, conn *pgx.Conn, schema string) (map[string]*Table, error) {
	rows, err := conn.Query(ctx, `SELECT tablename::text, "column"::text, "type"::text, notnull, distkey, sortkey
		FROM pg_table_def WHERE schemaname = $1`, schema)
	if err != nil {
		return nil, engine.AsSQLError(err, engine.Where{})
	}
	defer rows.Close()
	tables := map[string]*Table{}
	sortKeys := map[string][]redshiftSortKey{}
	for rows.Next() {
		var table, col, typ string
		var notNull, distKey bool
		var sortPos int
		if err := rows.Scan(&table, &col, &typ, &notNull, &distKey, &sortPos); err != nil {
			return nil, err
		}
		pt := tables[table]
		if pt == nil {
			pt = &Table{Table: workspace.Table{Schema: schema, Name: table}, Identity: map[string]string{}}
			tables[table] = pt
		}
		pt.Table.Columns = append(pt.Table.Columns, workspace.Column{Name: col, Type: workspace.Type{Name: typ}, NotNull: notNull})
		if distKey {
			pt.Table.Dist.Key, pt.Table.Dist.Style = col, "KEY"
		}
		if sortPos != 0 {
			if sortPos < 0 {
				pt.Table.Dist.SortStyle = "INTERLEAVED"
			}
			sortKeys[table] = append(sortKeys[table], redshiftSortKey{abs(sortPos), col})
		}
	}
	for table, keys := range sortKeys {
		sort.Slice(keys, func(i, j int) bool { return keys[i].pos < keys[j].pos })
		for _, k := range keys {
			tables[table].Table.Dist.SortKey = append(tables[table].Table.Dist.SortKey, k.name)
		}
	}
	return tables, rows.Err()
}

// redshiftDefaults reads column defaults; an IDENTITY column's default is
// Redshift's internal "identity"(...) call, turned back into its clause.
func redshiftDefaults(ctx context.Context, conn *pgx.Conn, schema string, tables map[string]*Table) error {
	rows, err := conn.Query(ctx, `SELECT c.relname::text, a.attname::text, d.adsrc::text
		FROM pg_attrdef d
		JOIN pg_class c ON c.oid = d.adrelid
		JOIN pg_namespace n ON n.oid = c.relnamespace
		JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
		WHERE n.nspname = $1`, schema)
	if err != nil {
		return engine.AsSQLError(err, engine.Where{})
	}
	defer rows.Close()
	for rows.Next() {
		var table, col, def string
		if err := rows.Scan(&table, &col, &def); err != nil {
			return err
		}
		pt := tables[table]
		if pt == nil {
			continue
		}
		c, ok := pt.Table.Column(col)
		if !ok {
			continue
		}
		if args, ok := redshiftIdentity(def); ok {
			c.Identity, pt.Identity[col] = "by default", args
			continue
		}
		c.Default = def
	}
	return rows.Err()
}

var identityDefault = regexp.MustCompile(`^"identity"\(\s*\d+\s*,\s*\d+\s*,\s*'\s*(-?\d+)\s*,\s*(-?\d+)\s*'(?:::text)?\s*\)$`)

// redshiftIdentity turns `"identity"(oid, col, '1,1'::text)` into "1, 1".
func redshiftIdentity(def string) (string, bool) {
	m := identityDefault.FindStringSubmatch(strings.TrimSpace(def))
	if m == nil {
		return "", false
	}
	return m[1] + ", " + m[2], true
}

// applyDistStyle folds SVV_TABLE_INFO's diststyle ("EVEN", "ALL",
// "KEY(col)", "AUTO(KEY(col))"…) into d. jig's loader reads AUTO without
// a key, so an automatic style keeps only AUTO. An empty style (the table
// is empty, or the view unreadable) leaves what PG_TABLE_DEF said.
func applyDistStyle(d *redshift.Distribution, style string) {
	s := strings.ToUpper(strings.TrimSpace(style))
	switch {
	case s == "":
	case strings.HasPrefix(s, "AUTO"):
		d.Style, d.Key = "AUTO", ""
	case strings.HasPrefix(s, "KEY"):
		d.Style = "KEY"
	case s == "EVEN" || s == "ALL":
		d.Style, d.Key = s, ""
	}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
