package main

import (
	"fmt"
	"github.com/jig-sql/jig/workspace/diag"

	"github.com/spf13/cobra"

	"github.com/jig-sql/jig/engine"
)

// promoteFlags are jig promote's flags.
type promoteFlags struct {
	wsFlags
	out      outFlags
	from, to string
}

func newPromoteCmd(c *cli) *cobra.Command {
	var pf promoteFlags
	cmd := &cobra.Command{
		Use:   "promote --from STAGING --to TABLE",
		Short: "move staging rows into a table only if its checks pass (--dsn)",
		Long: "Run TABLE's checks on the STAGING table and, only if every error-severity check passes, move its rows " +
			"into TABLE in one transaction. Otherwise every row stays in staging.",
		Example: "# DSN: what jig serve -w jig-demo prints, in another terminal\n" +
			`psql "$DSN" -c 'CREATE TABLE events_staging (LIKE events)'` + "\n" +
			`jig promote -w jig-demo --dsn "$DSN" --from events_staging --to events`,
		GroupID: "data",
		Args: func(cmd *cobra.Command, args []string) error {
			if cmd.Flags().Changed("from") && cmd.Flags().Changed("to") && (pf.from == "" || pf.to == "") {
				return usagef(cmd, "--from and --to name tables; they cannot be empty")
			}
			return noArgs(cmd, args)
		},
		RunE: c.runE(func(*cobra.Command, []string) int {
			return runPromote(c, &pf)
		}),
	}
	pf.register(cmd, true)
	cmd.Flags().StringVar(&pf.from, "from", "", "the staging `TABLE` (schema.table allowed)")
	cmd.Flags().StringVar(&pf.to, "to", "", "the final `TABLE`, whose checks apply")
	cmd.MarkFlagRequired("from")
	cmd.MarkFlagRequired("to")
	cmd.RegisterFlagCompletionFunc("from", completeTables)
	cmd.RegisterFlagCompletionFunc("to", completeCheckTargets)
	pf.out.register(cmd, false, "one object: "+shapeOf(jsonPromote{}))
	return cmd
}

// jsonPromote is jig promote --json.
type jsonPromote struct {
	From     string      `json:"from"`
	To       string      `json:"to"`
	Promoted bool        `json:"promoted"`
	Moved    int64       `json:"moved"`
	Checks   []jsonCheck `json:"checks"`
}

func runPromote(c *cli, pf *promoteFlags) int {
	ws, code := c.load(pf.dir)
	if ws == nil {
		return code
	}
	files, err := engine.DecodeChecks(ws)
	if err != nil {
		fmt.Fprintln(c.stderr, err)
		return exitUsage
	}
	cfg := selectChecks(files, []string{pf.to})
	conn, code := c.liveConn(ws, pf.dsn, "jig promote", "")
	if conn == nil {
		return code
	}
	defer conn.Close(c.ctx)
	if code := c.validateLive(conn, ws, cfg); code >= 0 {
		fmt.Fprintln(c.stderr, "jig: nothing was moved")
		return code
	}
	dialect, rewrite, err := c.liveDialect(conn, ws)
	if err != nil {
		return c.fail(err)
	}
	res, err := engine.Promote(c.ctx, conn, pf.from, pf.to, cfg, dialect, rewrite)
	if err != nil {
		fmt.Fprintln(c.stderr, "jig: promote: "+redact(err.Error())+"\njig: nothing was moved")
		return exitFail
	}
	promoted := checksExit(res.Checks) == exitOK
	if pf.out.json {
		out := jsonPromote{From: pf.from, To: pf.to, Promoted: promoted, Moved: res.Moved, Checks: []jsonCheck{}}
		for _, r := range res.Checks {
			out.Checks = append(out.Checks, checkJSON(r))
		}
		writeJSONLine(c.stdout, out)
	} else {
		printChecks(c.stdout, res.Checks, false)
	}
	if !promoted {
		if !pf.out.json {
			fmt.Fprintf(c.stdout, "\nnot promoted: a check failed; every row stays in %s\n", pf.from)
		}
		return exitFail
	}
	if !pf.out.json {
		fmt.Fprintf(c.stdout, "\npromoted %s from %s to %s\n", diag.Plural(res.Moved, "row"), pf.from, pf.to)
	}
	return exitOK
}
