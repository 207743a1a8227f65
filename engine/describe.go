package engine

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jig-sql/jig/workspace"
)

// Describe reads every ordinary and partitioned table of schema from
// pg_catalog, in name order.
func Describe(ctx context.Context, conn *pgx.Conn, schema string) ([]workspace.Table, error) {
	tables, byOID, err := describeTables(ctx, conn, schema)
	if err != nil {
		return nil, fmt.Errorf("describing schema %s: %w", schema, err)
	}
	if len(tables) == 0 {
		return nil, nil
	}
	attnames, err := describeColumns(ctx, conn, schema, byOID)
	if err != nil {
		return nil, fmt.Errorf("describing columns of schema %s: %w", schema, err)
	}
	if err := describeConstraints(ctx, conn, schema, byOID, attnames); err != nil {
		return nil, fmt.Errorf("describing constraints of schema %s: %w", schema, err)
	}
	out := make([]workspace.Table, len(tables))
	for i, t := range tables {
		out[i] = *t
	}
	return out, nil
}

func describeTables(ctx context.Context, conn *pgx.Conn, schema string) ([]*workspace.Table, map[uint32]*workspace.Table, error) {
	rows, err := conn.Query(ctx, `
		SELECT c.oid, c.relname, coalesce(obj_description(c.oid, 'pg_class'), '')
		FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND NOT c.relispartition
		ORDER BY c.relname`, schema)
	if err != nil {
		return nil, nil, err
	}
	var list []*workspace.Table
	byOID := map[uint32]*workspace.Table{}
	for rows.Next() {
		var oid uint32
		t := &workspace.Table{Schema: schema}
		if err := rows.Scan(&oid, &t.Name, &t.Comment); err != nil {
			return nil, nil, err
		}
		list = append(list, t)
		byOID[oid] = t
	}
	return list, byOID, rows.Err()
}

// columnsSQL resolves each column's type: domains to their base, arrays to
// their element, with modifiers decoded from the typmod. A domain's checks
// are its CHECK constraints only (Postgres 17 also lists its NOT NULL).
const columnsSQL = `
SELECT a.attrelid, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod), a.atttypid,
       a.attnotnull, coalesce(pg_get_expr(d.adbin, d.adrelid), ''), a.attidentity::text,
       a.attgenerated::text, coalesce(col_description(a.attrelid, a.attnum), ''),
       t.typtype = 'd', CASE WHEN t.typtype = 'd' THEN format_type(a.atttypid, NULL) ELSE '' END,
       t.typnotnull,
       CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END,
       rt.typcategory = 'A', greatest(a.attndims, 1),
       et.typname, et.typtype = 'e', et.oid,
       coalesce((SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = et.oid), '{}'),
       coalesce((SELECT array_agg(pg_get_constraintdef(k.oid) ORDER BY k.conname) FROM pg_constraint k WHERE k.contypid = t.oid AND t.typtype = 'd' AND k.contype = 'c'), '{}')
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_type t ON t.oid = a.atttypid
JOIN pg_type rt ON rt.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END
JOIN pg_type et ON et.oid = CASE WHEN rt.typcategory = 'A' AND rt.typelem <> 0 THEN rt.typelem ELSE rt.oid END
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attrelid, a.attnum`

func describeColumns(ctx context.Context, conn *pgx.Conn, schema string, byOID map[uint32]*workspace.Table) (map[uint32]map[int16]string, error) {
	rows, err := conn.Query(ctx, columnsSQL, schema)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	attnames := map[uint32]map[int16]string{}
	for rows.Next() {
		var (
			relid, typOID, elemOID      uint32
			attnum                      int16
			isDomain, domNotNull, isArr bool
			isEnum                      bool
			typmod                      int32
			dims                        int
			identity, generated         string
			domName                     string
			domChecks                   []string
			c                           workspace.Column
		)
		if err := rows.Scan(&relid, &attnum, &c.Name, &c.Type.Name, &typOID, &c.NotNull, &c.Default,
			&identity, &generated, &c.Comment, &isDomain, &domName, &domNotNull, &typmod, &isArr, &dims,
			&c.Type.Base, &isEnum, &elemOID, &c.Type.Enum, &domChecks); err != nil {
			return nil, err
		}
		t := byOID[relid]
		if t == nil {
			continue
		}
		c.Type.OID = typOID
		c.Identity = map[string]string{"a": "always", "d": "by default"}[identity]
		c.Generated = generated == "s"
		if !isEnum {
			c.Type.Enum = nil
		}
		if isArr {
			c.Type.ArrayDims = dims
		}
		decodeTypmod(&c.Type, typmod)
		if isDomain {
			c.Type.Domain = &workspace.Domain{Name: domName, NotNull: domNotNull, Checks: stripCheck(domChecks)}
		}
		if attnames[relid] == nil {
			attnames[relid] = map[int16]string{}
		}
		attnames[relid][attnum] = c.Name
		t.Columns = append(t.Columns, c)
	}
	return attnames, rows.Err()
}

// decodeTypmod turns atttypmod into length, precision and scale.
func decodeTypmod(t *workspace.Type, typmod int32) {
	if typmod < 0 {
		return
	}
	switch t.Base {
	case "varchar", "bpchar":
		t.Length = int(typmod - 4)
	case "numeric":
		t.Precision = int((typmod - 4) >> 16 & 0xffff)
		t.Scale = int(int16((typmod - 4) & 0xffff))
	}
}

func stripCheck(defs []string) []string {
	out := make([]string, 0, len(defs))
	for _, d := range defs {
		d = strings.TrimPrefix(d, "CHECK ")
		out = append(out, d)
	}
	return out
}

func describeConstraints(ctx context.Context, conn *pgx.Conn, schema string, byOID map[uint32]*workspace.Table, attnames map[uint32]map[int16]string) error {
	rows, err := conn.Query(ctx, `
		SELECT k.conrelid, k.conname, k.contype::text, k.conkey, coalesce(k.confkey, '{}'),
		       coalesce(fn.nspname, ''), coalesce(fc.relname, ''), k.confrelid, pg_get_constraintdef(k.oid)
		FROM pg_constraint k
		JOIN pg_class c ON c.oid = k.conrelid
		JOIN pg_namespace n ON n.oid = c.relnamespace
		LEFT JOIN pg_class fc ON fc.oid = k.confrelid
		LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
		WHERE n.nspname = $1 AND k.contype IN ('p', 'u', 'f', 'c')
		UNION ALL
		SELECT i.indrelid, ic.relname, 'i', (i.indkey::int2[])[0:i.indnkeyatts - 1], '{}', '', '', 0, ''
		FROM pg_index i
		JOIN pg_class ic ON ic.oid = i.indexrelid
		JOIN pg_class c ON c.oid = i.indrelid
		JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = $1 AND i.indisunique AND NOT i.indisprimary AND i.indexprs IS NULL AND i.indpred IS NULL
		  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
		ORDER BY 1, 3, 2`, schema)
	if err != nil {
		return err
	}
	// Read every row before resolving foreign keys into other schemas: the
	// connection cannot run that query while these rows are still open.
	cons, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (constraintRow, error) {
		var c constraintRow
		err := row.Scan(&c.relid, &c.name, &c.kind, &c.key, &c.fkey, &c.fns, &c.fname, &c.frelid, &c.def)
		return c, err
	})
	if err != nil {
		return err
	}
	for _, c := range cons {
		if err := addConstraint(ctx, conn, c, byOID, attnames); err != nil {
			return err
		}
	}
	for _, t := range byOID {
		sort.Slice(t.ForeignKeys, func(i, j int) bool { return t.ForeignKeys[i].Name < t.ForeignKeys[j].Name })
	}
	return nil
}

// constraintRow is one row of describeConstraints' query.
type constraintRow struct {
	relid, frelid          uint32
	name, kind, fns, fname string
	key, fkey              []int16
	def                    string
}

// addConstraint records c on its table; a foreign key into a table outside
// the schema has its referenced columns looked up on conn.
func addConstraint(ctx context.Context, conn *pgx.Conn, c constraintRow, byOID map[uint32]*workspace.Table, attnames map[uint32]map[int16]string) error {
	t := byOID[c.relid]
	if t == nil {
		return nil
	}
	cols := names(attnames[c.relid], c.key)
	switch c.kind {
	case "p":
		t.PrimaryKey = cols
	case "u", "i":
		t.Unique = append(t.Unique, cols)
	case "c":
		t.Checks = append(t.Checks, workspace.CheckConstraint{Name: c.name, Expression: strings.TrimPrefix(c.def, "CHECK "), Columns: cols})
	case "f":
		fk := workspace.ForeignKey{Name: c.name, Columns: cols, RefSchema: c.fns, RefTable: c.fname}
		if ft := byOID[c.frelid]; ft != nil {
			fk.RefColumns = names(attnames[c.frelid], c.fkey)
		} else {
			var err error
			if fk.RefColumns, err = foreignNames(ctx, conn, c.frelid, c.fkey); err != nil {
				return err
			}
		}
		t.ForeignKeys = append(t.ForeignKeys, fk)
	}
	return nil
}

func names(m map[int16]string, nums []int16) []string {
	out := make([]string, 0, len(nums))
	for _, n := range nums {
		out = append(out, m[n])
	}
	return out
}

// foreignNames resolves the referenced columns of a table in another schema.
func foreignNames(ctx context.Context, conn *pgx.Conn, relid uint32, nums []int16) ([]string, error) {
	out := make([]string, 0, len(nums))
	for _, n := range nums {
		var name string
		err := conn.QueryRow(ctx, `SELECT attname FROM pg_attribute WHERE attrelid = $1 AND attnum = $2`, relid, n).Scan(&name)
		if err != nil {
			return nil, err
		}
		out = append(out, name)
	}
	return out, nil
}
