package engine

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jig-sql/jig/checks"
	"github.com/jig-sql/jig/rows"
	"github.com/jig-sql/jig/workspace/sqlmap"
)

// selfTest is one check's self-test on one worker, with what its attempts
// have shown so far.
type selfTest struct {
	r        *Runner
	w        *worker
	c        checks.Configured
	attempts int
	direct   int      // direct violating attempts tried
	guards   []string // what rejected direct attempts: constraints, types
	rejected []string // what rejected any attempt's own values
	lastErr  error    // why the last attempt could not be inserted
}

func (st *selfTest) result(o SelfTestOutcome, reason string) SelfTestResult {
	res := selfTestResult(st.c, o, reason)
	res.Attempts = st.attempts
	return res
}

// lastWhy is the last insert problem, as a clause for a reason.
func (st *selfTest) lastWhy() string {
	if st.lastErr == nil {
		return ""
	}
	return " (last rows rejected: " + firstLine(st.lastErr.Error()) + ")"
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// first runs attempts in order and returns the first on which the check
// fails (violate) or passes (satisfy); an error means the check itself
// could not run.
func (st *selfTest) first(ctx context.Context, attempts []checks.Attempt, violate bool) (*checks.Attempt, error) {
	for i := range attempts {
		a := &attempts[i]
		if violate && a.Direct {
			st.direct++
		}
		failing, err := st.try(ctx, a, violate)
		if err != nil {
			return nil, err
		}
		if failing >= 0 && (failing > 0) == violate {
			return a, nil
		}
	}
	return nil, nil
}

// try inserts one attempt's rows and runs the check in a transaction that
// rolls back. It returns the failing count, or -1 when the rows could not
// be inserted (recorded in st).
func (st *selfTest) try(ctx context.Context, a *checks.Attempt, violate bool) (int64, error) {
	ds, err := st.r.Suite.selfTestDataset(a)
	if err != nil {
		st.lastErr = err
		return -1, nil
	}
	st.attempts++
	conn := st.w.conn
	if _, err := conn.Exec(ctx, "BEGIN"); err != nil {
		return -1, err
	}
	defer conn.Exec(context.WithoutCancel(ctx), "ROLLBACK")
	if clr := st.r.Suite.emptySeeds(); clr != "" {
		if _, err := conn.Exec(ctx, clr); err != nil {
			return -1, err
		}
	}
	if ins := rows.InsertSQLNamed(ds, st.w.names.table, sqlmap.Short); ins != "" {
		if _, err := conn.PgConn().Exec(ctx, ins).ReadAll(); err != nil {
			var pg *pgconn.PgError
			if !errors.As(err, &pg) {
				return -1, err
			}
			st.lastErr = AsSQLError(err, Where{})
			if g := st.r.Suite.guard(pg); g != "" && st.r.Suite.concerns(pg, a) {
				st.rejected = append(st.rejected, g)
				if violate && a.Direct {
					st.guards = append(st.guards, g)
				}
			}
			return -1, nil
		}
	}
	res := checks.Run(ctx, connQuerier{conn, st.w.names, st.r.Suite.redshiftWorkspace()}, []checks.Configured{st.c}, checks.WithResolver(st.r.Suite.resolver()))[0]
	if res.Err != nil {
		return -1, fmt.Errorf("the check could not run: %s", firstLine(res.Err.Error()))
	}
	return res.Failing, nil
}

// constantTrue evaluates an expression that reads no row.
func (st *selfTest) constantTrue(ctx context.Context, expr string) bool {
	var ok bool
	conn := st.w.conn
	if _, err := conn.Exec(ctx, "BEGIN"); err != nil {
		return false
	}
	defer conn.Exec(context.WithoutCancel(ctx), "ROLLBACK")
	sql, _, err := st.w.names.mapSQL("SELECT coalesce(("+expr+"\n)::boolean, true)", Where{}, false)
	if err != nil {
		return false
	}
	err = conn.QueryRow(ctx, sql, pgx.QueryExecModeSimpleProtocol).Scan(&ok)
	return err == nil && ok
}

// guard describes the constraint or type that rejected rows, "" when the
// error is not one the schema raises on bad data (SQLSTATE classes 22, 23).
func (s *Suite) guard(pg *pgconn.PgError) string {
	switch {
	case pg.Code == "23502":
		return fmt.Sprintf("NOT NULL on %s.%s", pg.TableName, pg.ColumnName)
	case pg.Code == "23505" && strings.HasSuffix(pg.ConstraintName, "_pkey"):
		return fmt.Sprintf("PRIMARY KEY %s on %s", pg.ConstraintName, pg.TableName)
	case pg.Code == "23505":
		return fmt.Sprintf("UNIQUE %s on %s", pg.ConstraintName, pg.TableName)
	case pg.Code == "23503":
		return fmt.Sprintf("FOREIGN KEY %s on %s", pg.ConstraintName, pg.TableName)
	case pg.Code == "23514" && pg.TableName == "":
		return fmt.Sprintf("CHECK %s of domain %s", pg.ConstraintName, pg.DataTypeName)
	case pg.Code == "23514":
		if t := s.relTable(pg.TableName); t != nil {
			for _, ck := range t.Checks {
				if ck.Name == pg.ConstraintName {
					e := ck.Expression // "((n >= 0))": CHECK's own parentheses and the expression's
					if strings.HasPrefix(e, "((") && strings.HasSuffix(e, "))") {
						e = e[1 : len(e)-1]
					}
					return fmt.Sprintf("CHECK %s on %s", e, pg.TableName)
				}
			}
		}
		return fmt.Sprintf("CHECK %s on %s", pg.ConstraintName, pg.TableName)
	case strings.HasPrefix(pg.Code, "23"), strings.HasPrefix(pg.Code, "22"):
		return pg.Message
	}
	return ""
}

// detailKey reads the columns of "Key (a, b)=(...)" in a constraint
// error's detail.
var detailKey = regexp.MustCompile(`^Key \(([^)]*)\)=`)

// concerns reports whether a rejection is about a column the attempt set,
// so that a default the factory chose never passes for the guarantee.
func (s *Suite) concerns(pg *pgconn.PgError, a *checks.Attempt) bool {
	var cols []string
	switch {
	case pg.Code == "23502":
		cols = []string{pg.ColumnName}
	case pg.Code == "23514" && pg.TableName != "":
		if t := s.relTable(pg.TableName); t != nil {
			for _, ck := range t.Checks {
				if ck.Name == pg.ConstraintName {
					cols = ck.Columns
				}
			}
		}
	case pg.Code == "23505" || pg.Code == "23503":
		if m := detailKey.FindStringSubmatch(pg.Detail); m != nil {
			cols = strings.Split(m[1], ", ")
		}
	default:
		return true // a domain's CHECK or a type's limit: the value jig wrote
	}
	for _, d := range a.Data {
		for _, row := range d.Rows {
			for _, c := range cols {
				if _, ok := row[strings.Trim(c, `"`)]; ok && (pg.TableName == "" || s.table(d.Table) == s.relTable(pg.TableName) || d.Table == pg.TableName) {
					return true
				}
			}
		}
	}
	return false
}

// connQuerier runs a check's statement on a worker's connection, inside
// whatever transaction it has open, under the worker's names.
type connQuerier struct {
	conn    *pgx.Conn
	names   *sentNames
	rewrite bool // a Redshift workspace's: the one translation first
}

// Query runs sql and returns its rows as text, NULL as nil.
func (q connQuerier) Query(ctx context.Context, sql string) ([]string, [][]*string, error) {
	sent, w, err := sql, Where{}, error(nil)
	if q.rewrite {
		sent, w, err = rewriteRedshift(sql, Where{SQL: sql})
	}
	if err == nil {
		sent, w, err = q.names.mapSQL(sent, w, false)
	}
	if err != nil {
		return nil, nil, err
	}
	res := q.conn.PgConn().ExecParams(ctx, sent, nil, nil, nil, nil).Read()
	if res.Err != nil {
		return nil, nil, AsSQLError(res.Err, w)
	}
	cols := make([]string, len(res.FieldDescriptions))
	for i, f := range res.FieldDescriptions {
		cols[i] = f.Name
	}
	out := make([][]*string, len(res.Rows))
	for i, row := range res.Rows {
		out[i] = make([]*string, len(row))
		for j, v := range row {
			if v != nil {
				s := string(v)
				out[i][j] = &s
			}
		}
	}
	return cols, out, nil
}
