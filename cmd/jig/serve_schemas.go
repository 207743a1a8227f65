package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/engine/postgres"
	"github.com/jig-sql/jig/workspace"
	"github.com/jig-sql/jig/workspace/sqlmap"
)

// servedSchemas are the schemas the workspace declares, which jig serve
// makes under their own names (it is one per cluster), so psql reads
// atomic.events as the queries do, and the mapper that applies the schema
// files to them. They are dropped when serve stops (dropServed) and, after
// a killed serve, when the cluster next starts. A declared schema named
// like serve's own schema cannot be served.
func (c *cli) servedSchemas(ws *workspace.Workspace) ([]string, *sqlmap.Mapper, bool) {
	decls := engine.DeclaredSchemas(ws)
	names := make([]string, len(decls))
	for i, d := range decls {
		if d.Name == serveSchema {
			fmt.Fprintf(c.stderr, "%s: schema %q is where jig serve puts the default schema's tables; rename the schema to serve this workspace\n", d.File, d.Name)
			return nil, nil, false
		}
		names[i] = d.Name
	}
	return names, sqlmap.NewIdentity(serveSchema, decls), true
}

// dropServed drops the schemas serve made, before the server stops.
func dropServed(s *postgres.Server, schemas []string) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	conn, err := s.Connect(ctx)
	if err != nil {
		return // the next start sweeps them
	}
	defer conn.Close(ctx)
	quoted := make([]string, len(schemas))
	for i, name := range schemas {
		quoted[i] = workspace.QuoteIdent(name)
	}
	conn.Exec(ctx, "DROP SCHEMA IF EXISTS "+strings.Join(quoted, ", ")+" CASCADE")
}
