package engine

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jig-sql/jig/checks"
	"github.com/jig-sql/jig/workspace"
)

// ReadOnlyQuerier runs each check in its own READ ONLY transaction with a
// statement timeout, so a check can never change data, whatever its SQL
// says: Postgres (and Redshift) reject any write inside it. BEGIN, the
// check and ROLLBACK go in one round trip, each its own extended-protocol
// message, where the server refuses a message holding a second statement:
// a check's SQL cannot COMMIT jig's transaction and write after it.
type ReadOnlyQuerier struct {
	Conn    *pgx.Conn
	Timeout time.Duration // 0 means 60s
	// Session, when set, maps each check's SQL to its worker's names (a
	// local run); Conn is then the session's.
	Session *Session
	// Rewrite gives each check's statement the one Redshift translation
	// (a Redshift workspace's checks on Postgres), positions mapped back.
	Rewrite bool
}

// Query implements checks.Querier.
func (q ReadOnlyQuerier) Query(ctx context.Context, sql string) ([]string, [][]*string, error) {
	timeout := q.Timeout
	if timeout <= 0 {
		timeout = time.Minute
	}
	sc := &script{}
	sc.add("BEGIN READ ONLY", Where{}, roleIgnore)
	sc.add(fmt.Sprintf("SET statement_timeout TO %d", timeout.Milliseconds()), Where{}, roleIgnore)
	where := Where{SQL: sql}
	var err error
	if q.Rewrite {
		if sql, where, err = rewriteRedshift(sql, where); err != nil {
			return nil, nil, err
		}
	}
	if q.Session != nil {
		if sql, where, err = q.Session.Map(sql, where); err != nil {
			return nil, nil, err
		}
	}
	sc.add(sql, where, roleResult)
	sc.add("ROLLBACK", Where{}, roleIgnore)
	out, err := sc.read(ctx, q.Conn, nil)
	if err != nil {
		return nil, nil, err
	}
	if out.result == nil {
		return nil, nil, errors.New("the check returned no result")
	}
	qr := toQueryRows(out.result)
	return qr.cols, qr.rows, nil
}

// PromoteResult is the outcome of Promote.
type PromoteResult struct {
	Checks []checks.Result
	Moved  int64 // rows moved; 0 when a check failed
}

// Promote is the seed's staging pattern: run the target's checks on the
// staging table and, only if every error-severity check passes, move its
// rows into the target. Checks and move happen in one transaction that
// first locks the staging table against writers, so the rows checked are
// the rows moved, and a crash at any point (the transaction never commits)
// loses no row and duplicates none. rewrite gives each check the one
// Redshift translation (a Redshift workspace's checks on Postgres).
func Promote(ctx context.Context, conn *pgx.Conn, from, to string, cfg []checks.Configured, d checks.Dialect, rewrite bool) (*PromoteResult, error) {
	src, dst := checks.TableTarget(from), checks.TableTarget(to)
	tx, err := conn.Begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback(context.Background())
	if _, err := tx.Exec(ctx, "LOCK TABLE "+quoteTarget(src)+" IN EXCLUSIVE MODE"); err != nil {
		return nil, AsSQLError(err, Where{})
	}
	for i := range cfg {
		cfg[i].Table = from
	}
	res := &PromoteResult{Checks: checks.Run(ctx, txQuerier{tx, rewrite}, cfg, checks.WithDialect(d))}
	for _, r := range res.Checks {
		if r.Status == checks.StatusFail || r.Status == checks.StatusError {
			return res, nil // leave every row in staging
		}
	}
	cols, err := columnList(ctx, tx, dst)
	if err != nil {
		return nil, err
	}
	ins := fmt.Sprintf("INSERT INTO %s (%s) SELECT %s FROM %s", quoteTarget(dst), cols, cols, quoteTarget(src))
	tag, err := tx.Exec(ctx, ins)
	if err != nil {
		return nil, AsSQLError(err, Where{SQL: ins})
	}
	del, err := tx.Exec(ctx, "DELETE FROM "+quoteTarget(src))
	if err != nil {
		return nil, AsSQLError(err, Where{})
	}
	if del.RowsAffected() != tag.RowsAffected() {
		return nil, fmt.Errorf("moved %d rows but deleted %d from %s; nothing was committed", tag.RowsAffected(), del.RowsAffected(), from)
	}
	if err := tx.Commit(ctx); err != nil {
		return nil, err
	}
	res.Moved = tag.RowsAffected()
	return res, nil
}

func quoteTarget(t checks.Target) string {
	return (&workspace.Table{Schema: t.Schema, Name: t.Table}).QualifiedName()
}

// columnList is the target's insertable columns, quoted and comma-separated.
func columnList(ctx context.Context, tx pgx.Tx, t checks.Target) (string, error) {
	rows, err := tx.Query(ctx, `SELECT attname FROM pg_attribute
		WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`, quoteTarget(t))
	if err != nil {
		return "", AsSQLError(err, Where{})
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return "", err
	}
	if len(names) == 0 {
		return "", errors.New("the target table has no columns")
	}
	for i, n := range names {
		names[i] = workspace.QuoteIdent(n)
	}
	return strings.Join(names, ", "), nil
}

// txQuerier runs checks inside Promote's transaction.
type txQuerier struct {
	tx      pgx.Tx
	rewrite bool // see Promote
}

func (q txQuerier) Query(ctx context.Context, sql string) ([]string, [][]*string, error) {
	where := Where{SQL: sql}
	if q.rewrite {
		var err error
		if sql, where, err = rewriteRedshift(sql, where); err != nil {
			return nil, nil, err
		}
	}
	rows, err := q.tx.Query(ctx, sql, pgx.QueryResultFormats{pgx.TextFormatCode})
	if err != nil {
		return nil, nil, AsSQLError(err, where)
	}
	defer rows.Close()
	var cols []string
	for _, fd := range rows.FieldDescriptions() {
		cols = append(cols, fd.Name)
	}
	var out [][]*string
	for rows.Next() {
		raw := rows.RawValues()
		vals := make([]*string, len(raw))
		for i, b := range raw {
			if b != nil {
				s := string(b)
				vals[i] = &s
			}
		}
		out = append(out, vals)
	}
	return cols, out, rows.Err()
}
