package main

import (
	"fmt"
	"github.com/jig-sql/jig/workspace/diag"
	"io"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/spf13/cobra"

	"github.com/jig-sql/jig/checks"
	"github.com/jig-sql/jig/engine"
	"github.com/jig-sql/jig/engine/postgres"
	"github.com/jig-sql/jig/workspace"
)

// checkFlags are jig check's flags.
type checkFlags struct {
	wsFlags
	out      outFlags
	junit    string
	timeout  time.Duration
	selfTest bool
}

func newCheckCmd(c *cli) *cobra.Command {
	var cf checkFlags
	cmd := &cobra.Command{
		Use:   "check [TARGET...]",
		Short: "run checks on the schema and seeds; --dsn runs them read-only against a live database",
		Long: "Run the workspace's checks (all, or those on the named tables and queries) inside a live database " +
			"(--dsn), each in a READ ONLY transaction with a statement timeout; with no DSN, on the local server's " +
			"tables loaded with the workspace's seeds. --self-test instead proves on the " +
			"local server that each check can fail.",
		Example:           "jig check -w jig-demo --self-test net_revenue",
		GroupID:           "data",
		ValidArgsFunction: completeCheckTargets,
		RunE: c.runE(func(_ *cobra.Command, targets []string) int {
			return runCheck(c, &cf, targets)
		}),
	}
	cf.register(cmd, true)
	f := cmd.Flags()
	f.StringVar(&cf.junit, "junit", "", "also write a JUnit XML report to `FILE`")
	f.DurationVar(&cf.timeout, "timeout", time.Minute, "statement timeout per check, a `DURATION` such as 30s")
	f.BoolVar(&cf.selfTest, "self-test", false, "prove each check can fail: run it on rows built to violate it and to satisfy it (local server)")
	cmd.RegisterFlagCompletionFunc("junit", completeFileExt("xml"))
	cmd.RegisterFlagCompletionFunc("timeout", cobra.NoFileCompletions)
	cf.out.register(cmd, false, "one object per check: "+shapeOf(jsonCheck{})+
		"; with --self-test, one per check: "+shapeOf(jsonSelfTest{}))
	return cmd
}

func runCheck(c *cli, cf *checkFlags, targets []string) int {
	ws, code := c.load(cf.dir)
	if ws == nil {
		return code
	}
	files, err := engine.DecodeChecks(ws)
	if err != nil {
		fmt.Fprintln(c.stderr, err)
		return exitUsage
	}
	cfg := selectChecks(files, targets)
	if len(cfg) == 0 {
		fmt.Fprintln(c.stderr, noChecksMessage(files, targets))
		return exitUsage
	}
	if cf.selfTest {
		return runSelfTest(c, ws, cfg, cf.out)
	}
	start := time.Now()
	results, code := c.checkResults(ws, cf, cfg)
	if results == nil {
		return code
	}
	printChecks(c.stdout, results, cf.out.json)
	if cf.junit != "" {
		if err := writeJUnit(cf.junit, "jig check", checkCases(results), time.Since(start)); err != nil {
			fmt.Fprintln(c.stderr, "jig: writing JUnit report: "+err.Error())
			return exitUsage
		}
	}
	return checksExit(results)
}

// checkResults runs the checks read-only on the live database, or, with no
// DSN anywhere, on the local server's copy of the schema and seeds.
func (c *cli) checkResults(ws *workspace.Workspace, cf *checkFlags, cfg []checks.Configured) ([]checks.Result, int) {
	if serverOptions(ws, cf.dsn).DSN == "" {
		return c.localChecks(ws, cf, cfg)
	}
	conn, code := c.liveConn(ws, cf.dsn, "jig check", "")
	if conn == nil {
		return nil, code
	}
	defer conn.Close(c.ctx)
	if code := c.validateLive(conn, ws, cfg); code >= 0 {
		return nil, code
	}
	dialect, rewrite, err := c.liveDialect(conn, ws)
	if err != nil {
		return nil, c.fail(err)
	}
	q := engine.ReadOnlyQuerier{Conn: conn, Timeout: cf.timeout, Rewrite: rewrite}
	return checks.Run(c.ctx, q, cfg, checks.WithDialect(dialect), checks.WithResolver(queryResolver(ws, dialect == checks.Redshift))), -1
}

// liveDialect is what checks compile to on the live database conn and
// whether they get the one Redshift translation: on Redshift (SELECT
// version() says so) a Redshift workspace's checks run as written; on
// Postgres they compile as Postgres's and are translated as the local
// server's are.
func (c *cli) liveDialect(conn *pgx.Conn, ws *workspace.Workspace) (checks.Dialect, bool, error) {
	onRedshift, err := engine.OnRedshift(c.ctx, conn)
	if err != nil {
		return 0, false, err
	}
	if onRedshift {
		return dialectOf(ws), false, nil
	}
	return checks.Postgres, dialectOf(ws) == checks.Redshift, nil
}

// localChecks runs the checks on the embedded server: the schema's tables,
// loaded with the workspace's seeds (other tables are empty).
func (c *cli) localChecks(ws *workspace.Workspace, cf *checkFlags, cfg []checks.Configured) ([]checks.Result, int) {
	srv, runner, code := c.openRunner(ws, "", 1)
	if srv == nil {
		return nil, code
	}
	defer srv.Stop()
	defer runner.Close()
	var results []checks.Result
	err := runner.WithSession(c.ctx, func(s *engine.Session) error {
		q := engine.ReadOnlyQuerier{Conn: s.Conn, Timeout: cf.timeout, Session: s, Rewrite: dialectOf(ws) == checks.Redshift}
		results = checks.Run(c.ctx, q, cfg,
			checks.WithDialect(checks.Postgres), checks.WithResolver(runner.Suite.Resolver()))
		return nil
	})
	if err != nil {
		return nil, c.fail(err)
	}
	return results, -1
}

// selectChecks keeps the checks on the named targets (all when none named).
func selectChecks(files []*checks.File, targets []string) []checks.Configured {
	want := map[string]bool{}
	for _, t := range targets {
		want[t] = true
	}
	var out []checks.Configured
	for _, f := range files {
		if len(want) == 0 || want[f.Table] {
			out = append(out, f.Checks...)
		}
	}
	return out
}

// queryResolver resolves a query name to its output (with the queries it
// reads written in, as written: on Postgres the querier translates a
// Redshift workspace's whole check) and anything else to a table.
// forRedshift leaves out what only Postgres parses (see engine.ChainSQL).
func queryResolver(ws *workspace.Workspace, forRedshift bool) checks.Resolver {
	return func(name string) (checks.Target, error) {
		if q := ws.Query(name); q != nil {
			// The live database has no views of the queries: the ones it
			// reads are written in.
			sql, err := chainQuery(ws, q, forRedshift)
			if err == nil && !forRedshift {
				sql, err = engine.ChainSource(ws, q.Name)
			}
			if err != nil {
				return checks.Target{}, err
			}
			return checks.QueryTarget(name, sql), nil
		}
		return checks.TableTarget(name), nil
	}
}

func checksExit(results []checks.Result) int {
	for _, r := range results {
		if r.Status == checks.StatusFail || r.Status == checks.StatusError {
			return exitFail
		}
	}
	return exitOK
}

// printChecks prints a table of check, target, status, failing count, time,
// and below it each failure's sample rows.
func printChecks(w io.Writer, results []checks.Result, asJSON bool) {
	if asJSON {
		for _, r := range results {
			writeJSONCheck(w, r)
		}
		return
	}
	rows := make([][]string, len(results))
	for i, r := range results {
		rows[i] = []string{r.Name, r.Target, string(r.Status), fmt.Sprint(r.Failing), fmtDuration(r.Took)}
	}
	writeTable(w, []string{"check", "target", "status", "failing", "time"}, rows)
	for _, r := range results {
		switch {
		case r.Err != nil:
			fmt.Fprintf(w, "\n%s on %s (%s:%d:%d) could not run:\n%s\n", r.Name, r.Target, r.Pos.File, r.Pos.Line, r.Pos.Col, indent(redact(r.Err.Error()), "  "))
		case r.Failing > 0 && len(r.Sample.Columns) > 0:
			fmt.Fprintf(w, "\n%s on %s (%s:%d:%d): %s, sample:\n", r.Name, r.Target, r.Pos.File, r.Pos.Line, r.Pos.Col, diag.Plural(r.Failing, "failing row"))
			cells := make([][]string, len(r.Sample.Rows))
			for i, row := range r.Sample.Rows {
				for _, v := range row {
					s := "NULL"
					if v != nil {
						s = *v
					}
					cells[i] = append(cells[i], s)
				}
			}
			writeTable(w, r.Sample.Columns, cells)
		}
	}
}

// liveConn connects to the live database a command works on (--dsn, JIG_DSN
// or dsn: in jig.yaml), creating nothing there.
func (c *cli) liveConn(ws *workspace.Workspace, dsnFlag, what, hint string) (*pgx.Conn, int) {
	dsn := serverOptions(ws, dsnFlag).DSN
	if dsn == "" {
		fmt.Fprintf(c.stderr, "jig: %s works on a live database: give --dsn (or JIG_DSN, or dsn: in jig.yaml)%s\n", what, hint)
		return nil, exitUsage
	}
	conn, err := postgres.ConnectDSN(c.ctx, dsn)
	if err != nil {
		return nil, c.fail(err)
	}
	return conn, -1
}

// validateLive checks the checks' parameters against the live tables'
// columns (read from the catalogs, before any check runs). It returns -1
// when they fit, else exitUsage, having printed each mistake.
func (c *cli) validateLive(conn *pgx.Conn, ws *workspace.Workspace, cfg []checks.Configured) int {
	if err := checks.ValidateSchema(cfg, engine.LiveLookup(c.ctx, conn, ws)); err != nil {
		fmt.Fprintln(c.stderr, err)
		return exitUsage
	}
	return -1
}

// dialectOf is the SQL dialect checks compile to for the workspace.
func dialectOf(ws *workspace.Workspace) checks.Dialect {
	if ws.Config.Dialect == workspace.DialectRedshift {
		return checks.Redshift
	}
	return checks.Postgres
}
