package engine

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"

	"github.com/jig-sql/jig/checks"
	"github.com/jig-sql/jig/workspace"
)

// LiveLookup is the checks.SchemaLookup of a live database (jig check
// --dsn, jig promote): a workspace query is known with columns unknown
// until it runs; any other name is resolved as the checks resolve it (the
// connection's search_path, or schema.table) and described from
// pg_catalog. It only reads the catalogs. A name the catalog cannot
// describe (a view, a catalog query that fails, Redshift, whose catalogs
// differ) is taken as known with unknown columns: its checks report at run
// time, as before.
func LiveLookup(ctx context.Context, conn *pgx.Conn, ws *workspace.Workspace) checks.SchemaLookup {
	schemas := map[string][]workspace.Table{}
	return func(name string) (*workspace.Table, bool) {
		if ws.Query(name) != nil {
			return nil, true
		}
		if ws.Config.Dialect == workspace.DialectRedshift {
			return nil, true
		}
		var nsp, rel string
		err := conn.QueryRow(ctx, `SELECT n.nspname, c.relname FROM pg_class c
			JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = to_regclass($1)`,
			quoteTarget(checks.TableTarget(name))).Scan(&nsp, &rel)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil, false
		}
		if err != nil {
			return nil, true
		}
		tables, ok := schemas[nsp]
		if !ok {
			if tables, err = Describe(ctx, conn, nsp); err != nil {
				return nil, true
			}
			schemas[nsp] = tables
		}
		for i := range tables {
			if tables[i].Name == rel {
				return &tables[i], true
			}
		}
		return nil, true
	}
}
