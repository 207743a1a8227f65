package pull

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/engine/postgres"
	"github.com/jig-sql/jig/workspace"
	"github.com/jig-sql/jig/workspace/diag"
)

// ErrNoTables is returned by Run when the schema has no tables (or does
// not exist): the user named the wrong schema.
var ErrNoTables = errors.New("no tables")

// Options choose what Run reads.
type Options struct {
	// Schema is the schema to read; "" means the connection's current schema.
	Schema string
	// Tables are the tables to read, by exact name; none means every table.
	Tables []string
}

// Result is what Run read from a live catalog.
type Result struct {
	Source   string // host:port/db — never a user name or password
	Schema   string
	Redshift bool
	At       time.Time // when the catalog was read, UTC
	Tables   []Table
}

// Table is one table read from a live catalog.
type Table struct {
	Table workspace.Table
	// FKDefs maps a foreign key's name to its definition as the server
	// prints it (ON DELETE and the like included); empty on Redshift.
	FKDefs map[string]string
	// Identity holds "seed, step" of Redshift IDENTITY columns, by column.
	Identity map[string]string
	// Err says why the table could not be read; the other fields are then
	// empty except Table.Name.
	Err error
}

// Run reads table definitions from a live database, inside one READ ONLY
// transaction that it rolls back: nothing is created or changed there,
// whatever the server. On Redshift (SELECT version() says so) it also
// reads the distribution style, dist key and sort keys. A table that is
// missing is reported in its Table.Err; the others are still read.
func Run(ctx context.Context, conn *pgx.Conn, o Options) (*Result, error) {
	p := &Result{Source: sourceOf(conn.Config()), At: time.Now().UTC()}
	if _, err := conn.Exec(ctx, "BEGIN READ ONLY"); err != nil {
		return nil, fmt.Errorf("starting a read-only transaction: %s", postgres.RedactSecrets(err.Error()))
	}
	defer conn.Exec(context.Background(), "ROLLBACK")
	var version string
	if err := conn.QueryRow(ctx, "SELECT version()").Scan(&version); err != nil {
		return nil, engine.AsSQLError(err, engine.Where{})
	}
	p.Redshift = strings.Contains(strings.ToLower(version), "redshift")
	p.Schema = o.Schema
	if p.Schema == "" {
		var cur *string
		if err := conn.QueryRow(ctx, "SELECT current_schema()").Scan(&cur); err != nil || cur == nil {
			return nil, fmt.Errorf("the connection has no current schema (its search_path names none that exists): give --schema")
		}
		p.Schema = *cur
	}
	// Types and references print unqualified when their schema is the
	// search_path, so the files load into any schema. The ROLLBACK undoes it.
	if _, err := conn.Exec(ctx, "SET search_path TO "+workspace.QuoteIdent(p.Schema)); err != nil {
		return nil, engine.AsSQLError(err, engine.Where{})
	}
	read := describePull
	if p.Redshift {
		read = describeRedshift
	}
	all, err := read(ctx, conn, p.Schema)
	if err != nil {
		return nil, err
	}
	if len(all) == 0 {
		return nil, fmt.Errorf("schema %s has %w (or does not exist) on %s", p.Schema, ErrNoTables, p.Source)
	}
	p.Tables = pickTables(all, o.Tables, p.Schema)
	return p, nil
}

// sourceOf names the server for file headers: host:port/db and nothing
// that could be a secret.
func sourceOf(cfg *pgx.ConnConfig) string {
	return net.JoinHostPort(cfg.Host, strconv.Itoa(int(cfg.Port))) + "/" + cfg.Database
}

// describePull is Describe plus the foreign keys' full definitions.
func describePull(ctx context.Context, conn *pgx.Conn, schema string) ([]Table, error) {
	tables, err := engine.Describe(ctx, conn, schema)
	if err != nil {
		return nil, err
	}
	rows, err := conn.Query(ctx, `
		SELECT c.relname, k.conname, pg_get_constraintdef(k.oid)
		FROM pg_constraint k
		JOIN pg_class c ON c.oid = k.conrelid
		JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = $1 AND k.contype = 'f'`, schema)
	if err != nil {
		return nil, engine.AsSQLError(err, engine.Where{})
	}
	defs := map[string]map[string]string{}
	for rows.Next() {
		var table, name, def string
		if err := rows.Scan(&table, &name, &def); err != nil {
			return nil, err
		}
		if defs[table] == nil {
			defs[table] = map[string]string{}
		}
		defs[table][name] = def
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]Table, len(tables))
	for i, t := range tables {
		out[i] = Table{Table: t, FKDefs: defs[t.Name]}
	}
	return out, nil
}

// pickTables keeps the named tables in the order given (all of them, in
// name order, when none is named); a name with no table gets an error.
func pickTables(all []Table, names []string, schema string) []Table {
	if len(names) == 0 {
		return all
	}
	byName := map[string]Table{}
	var known []string
	for _, t := range all {
		byName[t.Table.Name] = t
		known = append(known, t.Table.Name)
	}
	var out []Table
	seen := map[string]bool{}
	for _, n := range names {
		if seen[n] {
			continue
		}
		seen[n] = true
		t, ok := byName[n]
		if !ok {
			msg := fmt.Sprintf("no table %q in schema %s", n, schema)
			if h := diag.DidYouMean(n, known); h != "" {
				msg += " (" + h + ")"
			}
			t = Table{Table: workspace.Table{Schema: schema, Name: n}, Err: fmt.Errorf("%s", msg)}
		}
		out = append(out, t)
	}
	return out
}
