package main

import (
	"fmt"

	"github.com/jig-sql/jig/engine"
)

func runPromote(c *cli, args []string) int {
	fs := c.flags("promote", "--dsn DSN --from STAGING --to TABLE", "Run TABLE's checks on the STAGING table and, only if every error-severity check passes, move its rows into TABLE in one transaction. Otherwise every row stays in staging.")
	var wf wsFlags
	wf.register(fs, true)
	from := fs.String("from", "", "the staging `TABLE` (schema.table allowed)")
	to := fs.String("to", "", "the final `TABLE`, whose checks apply")
	ws, _, code := c.workspaceArgs(fs, &wf, args, func([]string) bool { return *from != "" && *to != "" })
	if ws == nil {
		return code
	}
	files, err := engine.DecodeChecks(ws)
	if err != nil {
		fmt.Fprintln(c.stderr, err)
		return exitUsage
	}
	cfg := selectChecks(files, []string{*to})
	conn, code := c.liveConn(ws, wf.dsn, "jig promote", "")
	if conn == nil {
		return code
	}
	defer conn.Close(c.ctx)
	res, err := engine.Promote(c.ctx, conn, *from, *to, cfg, dialectOf(ws))
	if err != nil {
		fmt.Fprintln(c.stderr, "jig: promote: "+redact(err.Error())+"\njig: nothing was moved")
		return exitFail
	}
	printChecks(c.stdout, res.Checks, false)
	if checksExit(res.Checks) != exitOK {
		fmt.Fprintf(c.stdout, "\nnot promoted: a check failed; every row stays in %s\n", *from)
		return exitFail
	}
	fmt.Fprintf(c.stdout, "\npromoted %d rows from %s to %s\n", res.Moved, *from, *to)
	return exitOK
}
